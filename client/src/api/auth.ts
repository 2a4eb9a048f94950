/** Accounts and sessions (API.md "Accounts and organisations"). */
import type { AuthResponse, ChangePasswordBody, LoginBody, MeResponse, RegisterBody } from '../../../shared/auth.ts';
import { ApiError, http } from './http.ts';

export function register(body: RegisterBody): Promise<AuthResponse> {
  return http.post<AuthResponse>('/auth/register', body);
}

export function login(body: LoginBody): Promise<AuthResponse> {
  return http.post<AuthResponse>('/auth/login', body);
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout');
}

/** Rotates the session: the server signs out every other device and sets a new cookie. */
export function changePassword(body: ChangePasswordBody): Promise<AuthResponse> {
  return http.post<AuthResponse>('/auth/password', body);
}

/** The signed-in account and its memberships, or null when signed out (401). */
export async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    return await http.get<MeResponse>('/me', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
