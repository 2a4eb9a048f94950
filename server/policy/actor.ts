/**
 * Who is asking: the signed-in account with its memberships, or null when signed out.
 * Every policy function takes an Actor; nothing else decides who may see or do what.
 */
import type { MembershipRole, OrganizationKind } from '../../shared/auth.ts';

export interface ActorMembership {
  organizationId: string;
  role: MembershipRole;
  kind: OrganizationKind;
  approved: boolean;
}

export interface Actor {
  accountId: string;
  name: string;
  email: string;
  isAdmin: boolean;
  memberships: ActorMembership[];
}

export function membershipIn(actor: Actor | null, organizationId: string): ActorMembership | undefined {
  return actor?.memberships.find((m) => m.organizationId === organizationId);
}

/** Member of an approved organisation (pending organisations act for nobody). */
export function isApprovedMember(actor: Actor | null, organizationId: string): boolean {
  const m = membershipIn(actor, organizationId);
  return !!m && m.approved;
}

export function approvedMemberships(actor: Actor | null): ActorMembership[] {
  return actor ? actor.memberships.filter((m) => m.approved) : [];
}
