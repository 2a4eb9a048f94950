// @vitest-environment node
/** The live reducer: threads upserted by id, events applied in seq order, duplicates ignored. */
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState, listLoaded, loadThreads, threadsInOrder, upsertThread } from '../src/state/document-events.ts';
import { threadDto } from './helpers/thread-dto.ts';

const thread = (id: string, body: string, blockId = 'b1', offset = 0) => threadDto(id, { body, blockId, offset });

describe('applyEvent', () => {
  it('upserts the thread of an event by id', () => {
    let state = applyEvent(emptyState(), { seq: 1, kind: 'thread.created', data: { thread: thread('t1', 'first') } });
    state = applyEvent(state, { seq: 2, kind: 'comment.created', data: { thread: thread('t1', 'edited') } });
    expect(state.threads.size).toBe(1);
    expect(state.threads.get('t1')?.comments[0].body).toBe('edited');
    expect(state.seq).toBe(2);
  });

  it('lets an optimistic post and its echo converge on one entry', () => {
    let state = upsertThread(emptyState(), thread('t1', 'mine'));
    state = applyEvent(state, { seq: 5, kind: 'thread.created', data: { thread: thread('t1', 'mine') } });
    expect([...state.threads.keys()]).toEqual(['t1']);
  });

  it('ignores duplicate and older events', () => {
    const first = applyEvent(emptyState(), { seq: 3, kind: 'thread.created', data: { thread: thread('t1', 'new') } });
    const duplicate = applyEvent(first, { seq: 3, kind: 'thread.created', data: { thread: thread('t1', 'dup') } });
    const older = applyEvent(first, { seq: 2, kind: 'comment.created', data: { thread: thread('t1', 'old') } });
    expect(duplicate).toBe(first);
    expect(older).toBe(first);
    expect(first.threads.get('t1')?.comments[0].body).toBe('new');
  });

  it('applies events in seq order whatever the threads', () => {
    let state = emptyState();
    for (const [seq, id] of [
      [1, 'a'],
      [2, 'b'],
      [4, 'c'],
    ] as const)
      state = applyEvent(state, { seq, kind: 'thread.created', data: { thread: thread(id, id) } });
    expect(state.seq).toBe(4);
    expect(applyEvent(state, { seq: 3, kind: 'thread.created', data: { thread: thread('late', 'x') } }).threads.has('late')).toBe(false);
  });

  it('records new versions and document updates', () => {
    let state = applyEvent(emptyState(), { seq: 1, kind: 'version.published', data: { number: 2 } });
    state = applyEvent(state, { seq: 2, kind: 'document.updated', data: {} });
    expect(state.publishedVersion).toBe(2);
    expect(state.documentRevision).toBe(1);
  });

  it('keeps threads changed by events newer than an HTTP load', () => {
    let state = applyEvent(emptyState(), { seq: 7, kind: 'comment.created', data: { thread: thread('t1', 'live') } });
    state = loadThreads(state, [thread('t1', 'stale'), thread('t2', 'other')], 5);
    expect(state.threads.get('t1')?.comments[0].body).toBe('live');
    expect(state.threads.get('t2')?.comments[0].body).toBe('other');
  });

  it('orders threads by line then offset', () => {
    let state = upsertThread(emptyState(), thread('late', 'x', 'b2', 0));
    state = upsertThread(state, thread('early', 'x', 'b1', 5));
    state = upsertThread(state, thread('first', 'x', 'b1', 1));
    const order = { b1: 0, b2: 1 } as Record<string, number>;
    expect(threadsInOrder(state, (id) => order[id]).map((t) => t.id)).toEqual(['first', 'early', 'late']);
  });
});

describe('listLoaded: the thread list read once, at a seq, then the socket resumes after it', () => {
  it('ignores replayed events at or below the list seq and applies those above it, once', () => {
    // The list was read at seq 5: t1 already has its reply (event 5), t2 was created at 4.
    let state = listLoaded(emptyState(), [thread('t1', 'with reply'), thread('t2', 'two')], 5, true);
    expect(state.seq).toBe(5);
    // The socket subscribed with after = 5, but an older copy of event 4 or 5 must change nothing.
    for (const seq of [4, 5]) expect(applyEvent(state, { seq, kind: 'comment.created', data: { thread: thread('t1', 'stale') } })).toBe(state);
    state = applyEvent(state, { seq: 6, kind: 'thread.created', data: { thread: thread('t3', 'new') } });
    const again = applyEvent(state, { seq: 6, kind: 'thread.created', data: { thread: thread('t3', 'new') } });
    expect(again).toBe(state);
    expect([...state.threads.keys()]).toEqual(['t1', 't2', 't3']);
    expect(state.threads.get('t1')?.comments[0].body).toBe('with reply');
  });

  it('keeps what events newer than the list already brought, whichever arrives first', () => {
    // Event 7 arrived (on a resumed socket) before the list read at 6 was applied.
    let state = applyEvent(emptyState(), { seq: 7, kind: 'comment.created', data: { thread: thread('t1', 'seven') } });
    state = listLoaded(state, [thread('t1', 'six'), thread('t2', 'two')], 6, true);
    expect(state.seq).toBe(7);
    expect(state.threads.get('t1')?.comments[0].body).toBe('seven');
    expect(state.threads.get('t2')?.comments[0].body).toBe('two');
  });

  it('leaves the seq alone when the server did not say when the list was read', () => {
    const state = listLoaded(emptyState(), [thread('t1', 'one')], 0, false);
    expect(state.seq).toBe(0);
    expect(applyEvent(state, { seq: 1, kind: 'comment.created', data: { thread: thread('t1', 'live') } }).threads.get('t1')?.comments[0].body).toBe('live');
  });
});
