/**
 * The offline outbox of the live document: a reply or an endorsement made while the server cannot
 * be reached waits in sessionStorage (never localStorage) under the signed-in account, survives a
 * reload, is retried with the same Idempotency-Key once the socket is back, and is dropped once
 * the server has acknowledged it (or refused it for good). Another account never sees it.
 */
import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveDocument, type LiveDocument } from '../src/state/live-document.ts';
import type { ChannelHandlers } from '../src/state/realtime.ts';
import { threadDto } from './helpers/thread-dto.ts';

const channel = vi.hoisted(() => ({ handlers: null as ChannelHandlers | null }));
vi.mock('../src/state/realtime.ts', () => ({
  openChannel: (_documentId: string, handlers: ChannelHandlers) => {
    channel.handlers = handlers;
    return { close: () => {}, presence: () => {} };
  },
}));

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

interface Call {
  method: string;
  url: string;
  key: string | null;
}

/** A server that is unreachable while `online.value` is false. */
function fakeServer(online: { value: boolean }, calls: Call[], endorseStatus = 201) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/documents/d1/threads') return json(200, [threadDto('T1')], { 'x-document-seq': '3' });
    if (!online.value) throw new TypeError('Failed to fetch');
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({ method, url, key: headers['idempotency-key'] ?? null });
    if (url === '/api/threads/T1/comments') return json(201, { comment: { ...threadDto('T1').comments[0], id: 'r1', body: 'sent later' } });
    if (url === '/api/threads/T1/endorsements') return endorseStatus === 201 ? json(201, { thread: threadDto('T1') }) : json(endorseStatus, { error: { code: 'forbidden', message: 'No.' } });
    if (url === '/api/threads/T1') return json(200, { thread: { ...threadDto('T1'), comments: [...threadDto('T1').comments, { ...threadDto('T1').comments[0], id: 'r1', body: 'sent later' }] } });
    return json(404, { error: { code: 'not_found', message: 'Not found.' } });
  });
}

describe('the outbox of replies and endorsements', () => {
  const disposers: (() => void)[] = [];
  const open = (accountId: string | null): LiveDocument => {
    let live!: LiveDocument;
    createRoot((dispose) => {
      disposers.push(dispose);
      live = createLiveDocument('d1', { live: true, accountId: () => accountId });
    });
    return live;
  };
  const subscribed = async () => {
    await vi.waitFor(() => expect(channel.handlers).not.toBeNull());
    channel.handlers?.onSubscribed(3);
  };

  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    channel.handlers = null;
    vi.stubGlobal('WebSocket', class {});
  });
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose();
    vi.unstubAllGlobals();
  });

  it('keeps a reply made offline across a reload and sends it once, with its key, when back online', async () => {
    const online = { value: false };
    const calls: Call[] = [];
    vi.stubGlobal('fetch', fakeServer(online, calls));
    const first = open('u1');
    expect(await first.reply('T1', 'sent later', 'key-reply-1')).toEqual({ ok: false, queued: true });
    expect(first.outbox()).toEqual([{ kind: 'reply', key: 'key-reply-1', threadId: 'T1', body: 'sent later' }]);
    expect(JSON.parse(sessionStorage.getItem('tashawur.outbox.u1.d1') ?? '[]')).toHaveLength(1);
    expect(localStorage.length).toBe(0);

    // The page is reloaded: the entry comes back from sessionStorage; the server is reachable again.
    disposers.shift()?.();
    online.value = true;
    const second = open('u1');
    await vi.waitFor(() => expect(second.outbox()).toHaveLength(1));
    await subscribed();
    await vi.waitFor(() => expect(second.outbox()).toHaveLength(0));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', url: '/api/threads/T1/comments', key: 'key-reply-1' }]);
    expect(sessionStorage.getItem('tashawur.outbox.u1.d1')).toBeNull();
    await vi.waitFor(() => expect(second.state().threads.get('T1')?.comments.map((c) => c.body)).toContain('sent later'));

    // A second flush (online event, resubscription) sends nothing again.
    channel.handlers?.onSubscribed(3);
    globalThis.dispatchEvent(new Event('online'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('queues an endorsement offline and retries it with the same key on `online`', async () => {
    const online = { value: false };
    const calls: Call[] = [];
    vi.stubGlobal('fetch', fakeServer(online, calls));
    const live = open('u1');
    await subscribed();
    expect(await live.endorse('T1', 'o-ngo', 'key-endorse-1')).toEqual({ ok: false, queued: true });
    expect(live.outbox()).toEqual([{ kind: 'endorsement', key: 'key-endorse-1', threadId: 'T1', organizationId: 'o-ngo' }]);
    online.value = true;
    globalThis.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(live.outbox()).toHaveLength(0));
    expect(calls).toEqual([{ method: 'POST', url: '/api/threads/T1/endorsements', key: 'key-endorse-1' }]);
  });

  it('drops an entry the server refuses for good, and reports the refusal', async () => {
    const online = { value: true };
    vi.stubGlobal('fetch', fakeServer(online, [], 403));
    const live = open('u1');
    const result = await live.endorse('T1', 'o-ngo', 'key-endorse-2');
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ queued: false });
    expect(live.outbox()).toHaveLength(0);
    expect(sessionStorage.getItem('tashawur.outbox.u1.d1')).toBeNull();
  });

  it('never hands one account’s unsent writes to another, and keeps none in storage when signed out', async () => {
    vi.stubGlobal('fetch', fakeServer({ value: false }, []));
    await open('u1').reply('T1', 'from u1', 'key-u1');
    const other = open('u2');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(other.outbox()).toEqual([]);
    const anonymous = open(null);
    await anonymous.reply('T1', 'not stored', 'key-none');
    expect(anonymous.outbox()).toHaveLength(1);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('tashawur.outbox.'))).toEqual(['tashawur.outbox.u1.d1']);
  });
});
