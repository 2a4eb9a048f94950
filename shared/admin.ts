/**
 * Platform administration of accounts on the wire: finding an account and disabling or
 * re-enabling it (ASVS 7.4.2: disabling ends every session and socket of the account).
 */
import { type Static, Type } from 'typebox';
import { Id, Instant, LIMITS } from './common.ts';

export const AdminAccount = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  isAdmin: Type.Boolean(),
  createdAt: Instant,
  /** When the account was disabled; null while it may sign in. */
  disabledAt: Type.Union([Instant, Type.Null()]),
});
export type AdminAccount = Static<typeof AdminAccount>;

export const AdminAccountList = Type.Array(AdminAccount);

export const AdminAccountResponse = Type.Object({ account: AdminAccount });
export type AdminAccountResponse = Static<typeof AdminAccountResponse>;

export const AccountSearchQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: LIMITS.emailLength, description: 'part of an email address or a name; empty lists the newest accounts' })) },
  { additionalProperties: false },
);
export type AccountSearchQuery = Static<typeof AccountSearchQuery>;

export const DisableAccountBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: LIMITS.reasonLength, description: 'kept in the audit trail' })) },
  { additionalProperties: false },
);
export type DisableAccountBody = Static<typeof DisableAccountBody>;

/** How many accounts one search answers at most. */
export const ACCOUNT_SEARCH_LIMIT = 50;
