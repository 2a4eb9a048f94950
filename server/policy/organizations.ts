/**
 * Rules for organisations and memberships. Pure: decided from the actor and the organisation.
 */
import type { Actor } from './actor.ts';
import { membershipIn } from './actor.ts';

export interface OrganizationFacts {
  id: string;
  approved: boolean;
}

export const organizationPolicy = {
  /** Any signed-in account may propose an organisation; an admin approves it. */
  create: (actor: Actor | null) => !!actor,
  approve: (actor: Actor | null) => !!actor?.isAdmin,
  /** Approved organisations are public knowledge; a pending one only to its members and admins. */
  see: (actor: Actor | null, org: OrganizationFacts) => org.approved || !!actor?.isAdmin || !!membershipIn(actor, org.id),
  /** Leads of the organisation, and admins, manage members. */
  manageMembers: (actor: Actor | null, org: OrganizationFacts) =>
    !!actor && (actor.isAdmin || membershipIn(actor, org.id)?.role === 'lead'),
  /** Members see the member list of their own organisation. */
  listMembers: (actor: Actor | null, org: OrganizationFacts) => !!actor && (actor.isAdmin || !!membershipIn(actor, org.id)),
};
