/**
 * Who may confirm or re-point an uncertain anchor, as a table: drafters of the owner once the
 * draft is published (also after closing), the author or their organisation only while the
 * consultation is open, nobody else (admins and the NHRI included).
 */
import { describe, expect, it } from 'vitest';
import type { Actor, ActorMembership } from '../../../server/policy/actor.ts';
import type { DocumentFacts } from '../../../server/policy/documents.ts';
import { confirmAnchorDecision, type ThreadFacts } from '../../../server/policy/threads.ts';

const open: DocumentFacts = { id: 'd1', organizationId: 'gov1', status: 'open', visibility: 'public', invitedOrganizationIds: [], opensAt: null, closesAt: null };
const closed: DocumentFacts = { ...open, status: 'closed' };
const draft: DocumentFacts = { ...open, status: 'draft' };
const thread: ThreadFacts = { visibility: 'public', authorId: 'author', authorOrganizationId: 'ngo1' };

const m = (organizationId: string, kind: ActorMembership['kind'], approved = true): ActorMembership => ({ organizationId, kind, role: 'member', approved });
const actor = (accountId: string, memberships: ActorMembership[], isAdmin = false): Actor => ({ accountId, name: accountId, email: `${accountId}@x`, isAdmin, memberships });

// [open, closed, draft]
const table: [string, Actor | null, [string, string, string]][] = [
  ['signed out', null, ['not_signed_in', 'not_signed_in', 'not_signed_in']],
  ['the author', actor('author', [m('ngo1', 'ngo')]), ['ok', 'closed', 'closed']],
  ['the author, having left the organisation', actor('author', []), ['ok', 'closed', 'closed']],
  ['a colleague of the author', actor('colleague', [m('ngo1', 'ngo')]), ['ok', 'closed', 'closed']],
  ['a pending member of the organisation', actor('pending', [m('ngo1', 'ngo', false)]), ['forbidden', 'forbidden', 'forbidden']],
  ['another NGO', actor('other', [m('ngo2', 'ngo')]), ['forbidden', 'forbidden', 'forbidden']],
  ['an NHRI member', actor('nhri', [m('nhri1', 'nhri')]), ['forbidden', 'forbidden', 'forbidden']],
  ['an admin', actor('admin', [], true), ['forbidden', 'forbidden', 'forbidden']],
  ['another ministry', actor('gov', [m('gov2', 'government')]), ['forbidden', 'forbidden', 'forbidden']],
  ['a drafter of the owner', actor('drafter', [m('gov1', 'government')]), ['ok', 'ok', 'forbidden']],
];

describe('confirmAnchorDecision', () => {
  it.each(table)('%s', (_name, who, [onOpen, onClosed, onDraft]) => {
    expect(confirmAnchorDecision(who, thread, open)).toBe(onOpen);
    expect(confirmAnchorDecision(who, thread, closed)).toBe(onClosed);
    expect(confirmAnchorDecision(who, thread, draft)).toBe(onDraft);
  });
});
