/**
 * Typed fetch for the JSON API under /api. Every failure becomes an ApiError carrying the
 * server's stable `code` (translated by i18n/errors.ts), so pages never parse responses.
 *
 * The browser authenticates with the HttpOnly session cookie and sends its Origin on every
 * POST/PATCH/PUT/DELETE, which the server checks; the token in AuthResponse is for scripts and
 * is deliberately never stored here (nothing in page-readable storage for a script to steal).
 */
import type { ErrorBody } from '../../../shared/errors.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The server's snake_case code (shared/errors.ts), or `network_error` / `unknown`. */
    readonly code: string,
    message: string,
    /** Seconds to wait, from Retry-After on 429 and 503 answers. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** For writes that create something: the same key makes a retried request harmless. */
  idempotencyKey?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const API_PREFIX = '/api';

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: unknown } | null)?.error as { code?: unknown; message?: unknown } | undefined;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

function retryAfterSeconds(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  if (isErrorBody(body)) return new ApiError(response.status, body.error.code, body.error.message, retryAfterSeconds(response));
  // A proxy or an outage answered instead of the API.
  const code = response.status >= 500 ? 'service_unavailable' : 'unknown';
  return new ApiError(response.status, code, `HTTP ${response.status}`, retryAfterSeconds(response));
}

/**
 * Calls the API. `path` is relative to /api and must already encode its ids (use `apiPath`).
 * A body is sent as JSON with its content type; a write without a body sends neither, as the
 * server expects. 204 answers resolve to undefined.
 */
export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return answerOf<T>(await send(method, path, body, options));
}

/** `request` without reading the answer, for callers that need its headers too (use `answerOf`). */
export async function send(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  return response;
}

/** The answer of a response: its JSON, undefined for 204, an ApiError when it is not ok. */
export async function answerOf<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await readJson(response)) as T;
}

/**
 * An answer started before the modules loaded (public/document-preload.js), already parsed
 * when it was ok and JSON: handled exactly as `request` handles its own.
 */
export async function preloadedAnswer<T>(started: Promise<{ response: Response; body?: unknown }>): Promise<{ body: T; response: Response }> {
  let answer: { response: Response; body?: unknown };
  try {
    answer = await started;
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  const body = 'body' in answer ? (answer.body as T) : await answerOf<T>(answer.response);
  return { body, response: answer.response };
}

/** Builds a path from literal segments and ids: apiPath`/organizations/${id}/members`. */
export function apiPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, i) => path + part + (i < ids.length ? encodeURIComponent(ids[i]) : ''), '');
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** A fresh Idempotency-Key for one user intention (one form submission, retried or not). */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; a server reached over plain http on a LAN
  // address still deserves safe retries.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Keys for one form: the same body gets the same key (a double click or a retry after a lost
 * answer creates one thing), a corrected body gets a new one (the server refuses a reused key
 * with different content).
 */
export function createIdempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | undefined;
  return (body) => {
    const text = JSON.stringify(body);
    if (last?.body !== text) last = { body: text, key: newIdempotencyKey() };
    return last.key;
  };
}
