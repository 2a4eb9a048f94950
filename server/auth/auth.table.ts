/** Row types of the account, session, organisation and membership tables. */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface AccountTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: CreatedAt;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  disabled_at: Date | null;
}

export interface SessionTable {
  id: string;
  account_id: string;
  expires_at: Date;
  created_at: CreatedAt;
}

export interface OrganizationTable {
  id: string;
  name: string;
  kind: 'government' | 'nhri' | 'ngo' | 'igo' | 'academic';
  country: string;
  approved: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface MembershipTable {
  account_id: string;
  organization_id: string;
  role: 'member' | 'lead';
  created_at: CreatedAt;
}

export interface AuthTables {
  account: AccountTable;
  session: SessionTable;
  organization: OrganizationTable;
  membership: MembershipTable;
}
