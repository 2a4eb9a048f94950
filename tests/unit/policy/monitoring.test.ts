/**
 * The monitoring rules of "Who sees what" as a table of roles × actions: who designates
 * measures, who opens and closes periods, which voice each person writes (government: drafters
 * of the owner; nhri: NHRI members; a person who is both must choose), who gets reminders —
 * and that a reader who may not see the plan is "not found" for all of it.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, ActorMembership } from '../../../server/policy/actor.ts';
import type { DocumentFacts } from '../../../server/policy/documents.ts';
import { assessmentVoice, measureDecision, periodDecision, reminderRole, writableVoices } from '../../../server/policy/monitoring.ts';

const plan: DocumentFacts = { id: 'd1', organizationId: 'gov1', status: 'open', visibility: 'public', invitedOrganizationIds: [], opensAt: null, closesAt: null };
const draftPlan: DocumentFacts = { ...plan, status: 'draft' };

const m = (organizationId: string, kind: ActorMembership['kind'], approved = true): ActorMembership => ({ organizationId, kind, role: 'member', approved });
const actor = (memberships: ActorMembership[], isAdmin = false): Actor => ({ accountId: 'a', name: 'A', email: 'a@x', isAdmin, memberships });

const roles: [string, Actor | null][] = [
  ['signed out', null],
  ['stranger', actor([])],
  ['ngo member', actor([m('ngo1', 'ngo')])],
  ['other ministry', actor([m('gov2', 'government')])],
  ['pending nhri', actor([m('nhri1', 'nhri', false)])],
  ['admin', actor([], true)],
  ['drafter', actor([m('gov1', 'government')])],
  ['nhri member', actor([m('nhri1', 'nhri')])],
  ['drafter and nhri', actor([m('gov1', 'government'), m('nhri1', 'nhri')])],
];

// measure, period, voices, voice with no choice, voice 'nhri' requested, reminders
const expected: Record<string, [string, string, string, string, string, string | null]> = {
  'signed out': ['not_signed_in', 'not_signed_in', '', 'not_signed_in', 'not_signed_in', null],
  stranger: ['forbidden', 'forbidden', '', 'forbidden', 'forbidden', null],
  'ngo member': ['forbidden', 'forbidden', '', 'forbidden', 'forbidden', null],
  'other ministry': ['forbidden', 'forbidden', '', 'forbidden', 'forbidden', null],
  'pending nhri': ['forbidden', 'forbidden', '', 'forbidden', 'forbidden', null],
  admin: ['forbidden', 'forbidden', '', 'forbidden', 'forbidden', null],
  drafter: ['ok', 'ok', 'government', 'ok:government:gov1', 'forbidden', 'drafter'],
  'nhri member': ['forbidden', 'ok', 'nhri', 'ok:nhri:nhri1', 'ok:nhri:nhri1', 'nhri'],
  'drafter and nhri': ['ok', 'ok', 'government,nhri', 'choose_voice', 'ok:nhri:nhri1', 'drafter'],
};

const show = (c: ReturnType<typeof assessmentVoice>) => (c.decision === 'ok' ? `ok:${c.voice}:${c.organizationId}` : c.decision);

describe('monitoring policy on a readable plan', () => {
  for (const [role, a] of roles) {
    it(`decides every action for ${role}`, () => {
      const [measure, period, voices, voice, nhriVoice, reminder] = expected[role];
      expect(measureDecision(a, plan)).toBe(measure);
      expect(periodDecision(a, plan)).toBe(period);
      expect(writableVoices(a, plan).join(',')).toBe(voices);
      expect(show(assessmentVoice(a, plan))).toBe(voice);
      expect(show(assessmentVoice(a, plan, 'nhri'))).toBe(nhriVoice);
      expect(reminderRole(a, plan)).toBe(reminder);
    });
  }

  it('lets a drafter who is also in an NHRI pick the government voice explicitly', () => {
    const both = roles.find(([r]) => r === 'drafter and nhri')?.[1] as Actor;
    expect(show(assessmentVoice(both, plan, 'government'))).toBe('ok:government:gov1');
  });

  it('refuses an NHRI member asking for the government voice', () => {
    const nhri = roles.find(([r]) => r === 'nhri member')?.[1] as Actor;
    expect(show(assessmentVoice(nhri, plan, 'government'))).toBe('forbidden');
  });
});

describe('monitoring policy on a plan the reader cannot see (draft status)', () => {
  for (const [role, a] of roles) {
    const drafter = role === 'drafter' || role === 'drafter and nhri';
    it(`${drafter ? 'still lets' : 'hides it from'} ${role}`, () => {
      if (drafter) {
        expect(measureDecision(a, draftPlan)).toBe('ok');
        return;
      }
      expect(measureDecision(a, draftPlan)).toBe('not_found');
      expect(periodDecision(a, draftPlan)).toBe('not_found');
      expect(assessmentVoice(a, draftPlan).decision).toBe('not_found');
      expect(writableVoices(a, draftPlan)).toEqual([]);
      expect(reminderRole(a, draftPlan)).toBeNull();
    });
  }
});
