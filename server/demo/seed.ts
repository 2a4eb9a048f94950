/**
 * Demo data for a first start: clearly marked organisations and accounts with printed
 * passwords. Loaded only into an empty database, and only on the embedded database or when
 * TASHAWUR_DEMO=1 (never by default on a production PostgreSQL).
 */
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { seedDemoDocuments } from './documents.ts';

export const DEMO_PASSWORD = 'demo-password-2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.tashawur.example';

export interface DemoAccount {
  email: string;
  name: string;
  role: string;
}

const ORGS = [
  { key: 'gov', name: 'Ministry of Justice (DEMO)', kind: 'government' as const },
  { key: 'ngo', name: 'Association for Migrant Workers (DEMO)', kind: 'ngo' as const },
  { key: 'nhri', name: 'National Human Rights Commission (DEMO)', kind: 'nhri' as const },
];

const ACCOUNTS = [
  { email: DEMO_ADMIN_EMAIL, name: 'Demo Administrator', org: null, role: 'platform admin' },
  { email: 'drafter@demo.tashawur.example', name: 'Salma Drafter (DEMO)', org: 'gov', role: 'drafter (lead), Ministry of Justice (DEMO)' },
  { email: 'ngo@demo.tashawur.example', name: 'Karim NGO (DEMO)', org: 'ngo', role: 'lead, Association for Migrant Workers (DEMO)' },
  { email: 'nhri@demo.tashawur.example', name: 'Nadia NHRI (DEMO)', org: 'nhri', role: 'lead, National Human Rights Commission (DEMO)' },
];

/** Returns the demo accounts created, or null when the database already had accounts. */
export async function seedDemo(db: Db): Promise<DemoAccount[] | null> {
  const existing = await db.selectFrom('account').select('id').limit(1).execute();
  if (existing.length > 0) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgIds = new Map<string, string>();
  const accountIds = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    for (const org of ORGS) {
      const id = newId();
      orgIds.set(org.key, id);
      await trx.insertInto('organization').values({ id, name: org.name, kind: org.kind, country: 'Demo', approved: true, created_by: null }).execute();
    }
    for (const a of ACCOUNTS) {
      const id = newId();
      accountIds.set(a.org ?? 'admin', id);
      await trx.insertInto('account').values({ id, email: a.email, name: a.name, password_hash: passwordHash }).execute();
      if (a.org) await trx.insertInto('membership').values({ account_id: id, organization_id: orgIds.get(a.org) as string, role: 'lead' }).execute();
    }
    await seedDemoDocuments(trx, { governmentOrgId: orgIds.get('gov') as string, drafterId: accountIds.get('gov') as string, orgIds, accountIds });
  });
  return ACCOUNTS.map(({ email, name, role }) => ({ email, name, role }));
}
