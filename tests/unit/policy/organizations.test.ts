/**
 * The organisation rules as a table of roles × actions (both directions asserted).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../server/policy/actor.ts';
import { organizationPolicy } from '../../../server/policy/organizations.ts';

const org = { id: 'org1', approved: true };
const pending = { id: 'org1', approved: false };
const actor = (over: Partial<Actor> = {}): Actor => ({ accountId: 'a', name: 'A', email: 'a@x', isAdmin: false, memberships: [], ...over });
const lead = actor({ memberships: [{ organizationId: 'org1', role: 'lead', kind: 'ngo', approved: true }, { organizationId: 'other', role: 'member', kind: 'ngo', approved: true }] });
const member = actor({ memberships: [{ organizationId: 'org1', role: 'member', kind: 'ngo', approved: true }] });
const leadElsewhere = actor({ memberships: [{ organizationId: 'other', role: 'lead', kind: 'ngo', approved: true }] });
const admin = actor({ isAdmin: true });

const roles: [string, Actor | null][] = [
  ['signed out', null],
  ['stranger', actor()],
  ['lead elsewhere', leadElsewhere],
  ['member', member],
  ['lead', lead],
  ['admin', admin],
];

const expected: Record<string, Record<string, boolean>> = {
  create: { 'signed out': false, stranger: true, 'lead elsewhere': true, member: true, lead: true, admin: true },
  approve: { 'signed out': false, stranger: false, 'lead elsewhere': false, member: false, lead: false, admin: true },
  manageMembers: { 'signed out': false, stranger: false, 'lead elsewhere': false, member: false, lead: true, admin: true },
  listMembers: { 'signed out': false, stranger: false, 'lead elsewhere': false, member: true, lead: true, admin: true },
  seePending: { 'signed out': false, stranger: false, 'lead elsewhere': false, member: true, lead: true, admin: true },
  seeApproved: { 'signed out': true, stranger: true, 'lead elsewhere': true, member: true, lead: true, admin: true },
};

describe('organisation policy', () => {
  for (const [role, a] of roles) {
    it(`decides every action for a ${role}`, () => {
      expect(organizationPolicy.create(a)).toBe(expected.create[role]);
      expect(organizationPolicy.approve(a)).toBe(expected.approve[role]);
      expect(organizationPolicy.manageMembers(a, org)).toBe(expected.manageMembers[role]);
      expect(organizationPolicy.listMembers(a, org)).toBe(expected.listMembers[role]);
      expect(organizationPolicy.see(a, pending)).toBe(expected.seePending[role]);
      expect(organizationPolicy.see(a, org)).toBe(expected.seeApproved[role]);
    });
  }
});
