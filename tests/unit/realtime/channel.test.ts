/**
 * The hub's window: indexed by seq (no scan), and rendered texts dropped once a later event
 * changed their thread, so a reader catching up never gets a withdrawn or hidden text.
 */
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../server/events/event-view.ts';
import type { DocumentFacts } from '../../../server/policy/documents.ts';
import { Channel } from '../../../server/realtime/channel.ts';

const facts = { id: 'd', organizationId: 'o', status: 'open', visibility: 'public', invitedOrganizationIds: [], opensAt: null, closesAt: null } as unknown as DocumentFacts;
const ev = (seq: number, threadId?: string): StoredEvent => ({ document_id: 'd', seq, kind: threadId ? 'comment.created' : 'document.updated', payload: threadId ? { threadId } : {}, actor_id: null });

describe('Channel window', () => {
  it('serves (from, to] by seq, and null once the window no longer holds from + 1', () => {
    const c = new Channel('d', facts, 10);
    c.push([11, 12, 13, 14, 15].map((s) => ev(s)));
    expect(c.slice(12, 15, 100)?.map((e) => e.event.seq)).toEqual([13, 14, 15]);
    expect(c.slice(11, 15, 2)?.map((e) => e.event.seq)).toEqual([12, 13]);
    expect(c.slice(11, 13, 100)?.map((e) => e.event.seq)).toEqual([12, 13]);
    expect(c.slice(9, 15, 100)).toBeNull();
    expect(c.slice(15, 16, 100)).toBeNull();
  });

  it('starts over when a batch does not follow the window', () => {
    const c = new Channel('d', facts, 0);
    c.push([ev(1), ev(2)]);
    c.push([ev(5), ev(6)]);
    expect(c.slice(1, 2, 10)).toBeNull();
    expect(c.slice(4, 6, 10)?.map((e) => e.event.seq)).toEqual([5, 6]);
  });

  it('drops the texts of an event once a later event of its thread was read', () => {
    const c = new Channel('d', facts, 0);
    const [a, b] = c.push([ev(1, 't1'), ev(2, 't2')]);
    c.lastRead = 2;
    c.textsOf(a).set('all', Promise.resolve('old'));
    c.textsOf(b).set('all', Promise.resolve('kept'));
    c.push([ev(3, 't1')]);
    c.lastRead = 3;
    expect(c.textsOf(a).size).toBe(0);
    expect(c.textsOf(b).size).toBe(1);
  });
});
