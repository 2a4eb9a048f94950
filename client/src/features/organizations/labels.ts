/** Catalogue keys for the organisation kinds and membership roles of shared/auth.ts. */
import type { MembershipRole, OrganizationKind } from '../../../../shared/auth.ts';
import { type MessageKey, t } from '../../i18n/index.ts';

// Records over the wire types: adding a kind to shared/auth.ts fails type-checking here until
// it has a label.
const KIND_KEYS: Readonly<Record<OrganizationKind, MessageKey>> = {
  government: 'org.kind.government',
  nhri: 'org.kind.nhri',
  ngo: 'org.kind.ngo',
  igo: 'org.kind.igo',
  academic: 'org.kind.academic',
};

const ROLE_KEYS: Readonly<Record<MembershipRole, MessageKey>> = {
  member: 'role.member',
  lead: 'role.lead',
};

export const ORGANIZATION_KINDS = Object.keys(KIND_KEYS) as OrganizationKind[];
export const MEMBERSHIP_ROLES = Object.keys(ROLE_KEYS) as MembershipRole[];

export function kindLabel(kind: OrganizationKind): string {
  return t(KIND_KEYS[kind]);
}

export function roleLabel(role: MembershipRole): string {
  return t(ROLE_KEYS[role]);
}
