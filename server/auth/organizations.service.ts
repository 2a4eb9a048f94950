/**
 * Organisations: proposed by any account (which becomes lead), approved by an admin; leads add
 * members by email.
 */
import { type Kysely, sql } from 'kysely';
import type { AddMemberBody, CreateOrganizationBody, Organization } from '../../shared/auth.ts';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { appendAudit } from '../events/audit.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotent, runIdempotentWrite } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { organizationPolicy } from '../policy/organizations.ts';
import { findAccountByEmail } from './accounts.repository.ts';
import type { OrganizationTable } from './auth.table.ts';
import {
  findOrganization,
  insertOrganization,
  listMembers,
  listVisibleOrganizations,
  setApproved,
  upsertMembership,
} from './organizations.repository.ts';
import { cleanDisplayName, isReservedName, nameSkeleton, normalizeEmail } from './text-rules.ts';

type OrganizationRow = Pick<OrganizationTable, 'id' | 'name' | 'kind' | 'country'> & { approved: boolean; created_at: Date };

export function toOrganizationDto(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, kind: row.kind, country: row.country, approved: row.approved, createdAt: new Date(row.created_at).toISOString() };
}

async function visibleOrganization(db: Db, actor: Actor | null, id: string) {
  const org = await findOrganization(db, id);
  if (!org || !organizationPolicy.see(actor, org)) throw notFound('organization');
  return org;
}

const NAME_TAKEN = () =>
  new AppError('organization_name_taken', 409, 'An organisation with this name, or one that looks the same, already exists or is awaiting approval; choose a clearly different name.');

/**
 * Refuses a name that reads like an existing organisation's (same skeleton: case, accents,
 * spacing, look-alike letters from other scripts) or like the platform itself, so nobody can
 * pose as a ministry with "Мinistry of Justice" in Cyrillic (SECURITY.md IN-47).
 */
export async function assertDistinctOrganizationName(db: Db, name: string): Promise<void> {
  if (isReservedName(name)) throw NAME_TAKEN();
  const wanted = nameSkeleton(name);
  const names = await db.selectFrom('organization').select('name').execute();
  if (names.some((row) => nameSkeleton(row.name) === wanted)) throw NAME_TAKEN();
}

/** Proposes an organisation; with an idempotency key a retry replays the first answer. */
export async function createOrganization(db: Kysely<Database>, actor: Actor, input: CreateOrganizationBody, idem: IdempotencyKey | null = null) {
  if (!organizationPolicy.create(actor)) throw forbidden('Sign in to propose an organisation.');
  const id = newId();
  const name = cleanDisplayName(input.name, 'organisation name');
  return runIdempotent(db, actor.accountId, idem, 201, async (trx) => {
    // Two look-alike names proposed at the same moment must not both pass the check.
    await sql`select pg_advisory_xact_lock(hashtext('organization.name'))`.execute(trx);
    await assertDistinctOrganizationName(trx, name);
    await insertOrganization(trx, { id, name, kind: input.kind, country: input.country.trim(), created_by: actor.accountId });
    await upsertMembership(trx, { account_id: actor.accountId, organization_id: id, role: 'lead' });
    await appendAudit(trx, { actorId: actor.accountId, action: 'organization.created', objectType: 'organization', objectId: id, organizationId: id });
    return { organization: toOrganizationDto((await findOrganization(trx, id)) as OrganizationRow) };
  });
}

export async function approveOrganization(db: Db, actor: Actor, id: string): Promise<Organization> {
  const org = await visibleOrganization(db, actor, id);
  if (!organizationPolicy.approve(actor)) throw forbidden('Only a platform administrator can approve organisations.');
  await db.transaction().execute(async (trx) => {
    await setApproved(trx, id);
    await appendAudit(trx, { actorId: actor.accountId, action: 'organization.approved', objectType: 'organization', objectId: id, organizationId: id });
  });
  return toOrganizationDto({ ...org, approved: true });
}

export async function getOrganization(db: Db, actor: Actor | null, id: string): Promise<Organization> {
  return toOrganizationDto(await visibleOrganization(db, actor, id));
}

export async function listOrganizations(db: Db, actor: Actor | null): Promise<Organization[]> {
  const rows = await listVisibleOrganizations(db, actor?.accountId ?? null, !!actor?.isAdmin);
  return rows.map(toOrganizationDto);
}

/** Adds (or re-roles) a member; with an idempotency key a retry replays the first answer. */
export async function addMember(db: Kysely<Database>, actor: Actor, organizationId: string, input: AddMemberBody, idem: IdempotencyKey | null = null) {
  const org = await visibleOrganization(db, actor, organizationId);
  if (!organizationPolicy.manageMembers(actor, org)) throw forbidden('Only a lead of this organisation or an administrator can add members.');
  const account = await findAccountByEmail(db, normalizeEmail(input.email));
  if (!account) throw new AppError('not_found', 404, 'No account uses this email; ask the person to register first.');
  const member = { accountId: account.id, name: account.name, email: account.email, role: input.role };
  return runIdempotentWrite(db, actor.accountId, idem, 201, {
    answer: member,
    write: async (trx) => {
      await upsertMembership(trx, { account_id: account.id, organization_id: organizationId, role: input.role });
      await appendAudit(trx, {
        actorId: actor.accountId,
        action: 'membership.set',
        objectType: 'account',
        objectId: account.id,
        organizationId,
        detail: { role: input.role },
      });
      return undefined;
    },
  });
}

export async function getMembers(db: Db, actor: Actor, organizationId: string) {
  const org = await visibleOrganization(db, actor, organizationId);
  if (!organizationPolicy.listMembers(actor, org)) throw forbidden('Only members of this organisation can see its members.');
  return listMembers(db, organizationId);
}
