/**
 * SECURITY.md FR-108, the client's half: when the server answers a resume with
 * `resync_required` (its log cannot continue from the client's seq, e.g. after a database
 * restore), the live document forgets its seq and reloads the whole thread list, then applies
 * the events after the seq in `subscribed` — instead of ignoring every event up to its old seq
 * (a silent gap). The server's half is tests/integration/security/catalogue-fault.test.ts.
 */
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ThreadDto } from '../../shared/threads.ts';
import { createLiveDocument, type LiveDocument } from '../src/state/live-document.ts';
import { threadDto } from './helpers/thread-dto.ts';

const thread = (id: string) => threadDto(id);

class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.instances = [];
});

describe('FR-108 resync_required in the web client', () => {
  it('FR-108 drops the old seq, reloads the full thread list and applies the events after the new seq', async () => {
    const lists: { threads: ThreadDto[]; seq: number }[] = [
      { threads: [thread('t1'), thread('t2')], seq: 5 },
      // After the server's restore: t2 and t3 are gone, the log is back at 2.
      { threads: [thread('t1')], seq: 2 },
    ];
    const fetchMock = vi.fn(async () => {
      const list = lists.shift() ?? { threads: [], seq: 0 };
      return new Response(JSON.stringify(list.threads), { headers: { 'content-type': 'application/json', 'x-document-seq': String(list.seq) } });
    });
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('WebSocket', FakeSocket);

    let live!: LiveDocument;
    let dispose!: () => void;
    createRoot((d) => {
      dispose = d;
      live = createLiveDocument('d1', { live: true });
    });
    try {
      await vi.waitFor(() => expect(FakeSocket.instances[0]?.sent.length).toBe(1));
      const first = FakeSocket.instances[0];
      expect(first.sent[0]).toMatchObject({ type: 'subscribe', documentId: 'd1', after: 5 });
      first.receive({ type: 'subscribed', documentId: 'd1', seq: 5, protocol: '1.0.0' });
      first.receive({ type: 'event', documentId: 'd1', seq: 6, kind: 'thread.created', data: { thread: thread('t3') } });
      expect(live.state().seq).toBe(6);
      expect([...live.state().threads.keys()]).toEqual(['t1', 't2', 't3']);

      // The connection drops; the client comes back and resumes from 6, which the server never reached.
      first.onclose?.({ code: 1006 });
      window.dispatchEvent(new Event('online'));
      await vi.waitFor(() => expect(FakeSocket.instances[1]?.sent.length).toBe(1));
      const second = FakeSocket.instances[1];
      expect(second.sent[0]).toMatchObject({ type: 'subscribe', documentId: 'd1', after: 6 });
      second.receive({ type: 'error', code: 'resync_required', message: 'reload', documentId: 'd1' });
      second.receive({ type: 'subscribed', documentId: 'd1', seq: 2, protocol: '1.0.0' });
      await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
      await settle();
      expect(live.state().seq).toBe(2);
      expect([...live.state().threads.keys()]).toEqual(['t1']);

      // Events after the new seq are applied, not mistaken for duplicates of the old numbering.
      second.receive({ type: 'event', documentId: 'd1', seq: 3, kind: 'thread.created', data: { thread: thread('t4') } });
      expect(live.state().seq).toBe(3);
      expect([...live.state().threads.keys()]).toEqual(['t1', 't4']);
    } finally {
      dispose();
    }
  });
});
