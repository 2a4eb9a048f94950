/** Platform administration of accounts: find, disable, re-enable (admins only; the server decides). */
import type { AdminAccount, AdminAccountResponse } from '../../../shared/admin.ts';
import { apiPath, http } from './http.ts';

export function searchAccounts(text: string): Promise<AdminAccount[]> {
  return http.get<AdminAccount[]>(`/admin/accounts?q=${encodeURIComponent(text.trim())}`);
}

/** Ends every session of the account at once; the reason stays in the audit trail. */
export async function disableAccount(id: string, reason: string): Promise<AdminAccount> {
  const body = reason.trim() ? { reason: reason.trim() } : {};
  return (await http.post<AdminAccountResponse>(apiPath`/admin/accounts/${id}/disable`, body)).account;
}

export async function enableAccount(id: string): Promise<AdminAccount> {
  return (await http.post<AdminAccountResponse>(apiPath`/admin/accounts/${id}/enable`)).account;
}
