/**
 * The WebSocket under abuse: cross-site upgrades refused before the 101, oversized frames and
 * floods cut, malformed messages answered without crashing, slow readers cut with the resync
 * code while others keep up, and sockets of a signed-out session closed at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../shared/realtime.ts';
import { createLiveApp, type LiveApp, ORIGIN, TestSocket, waitFor } from '../../helpers/live.ts';
import { PASSWORD } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
let docId: string;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

async function open(options: Parameters<typeof TestSocket.open>[1] = {}) {
  const s = await TestSocket.open(t.wsUrl, options);
  sockets.push(s);
  return s;
}

describe('the handshake', () => {
  it('refuses an upgrade from a foreign origin with a valid cookie: 403, never 101', async () => {
    const login = await t.call('POST', '/api/auth/login', { body: { email: w.ngo.email, password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    await expect(open({ origin: 'https://evil.example', headers: { cookie } })).rejects.toMatchObject({ statusCode: 403 });
    const ok = await open({ origin: ORIGIN, headers: { cookie } });
    expect((await ok.subscribe(docId)).type).toBe('subscribed');
  });

  it('does not negotiate compression', async () => {
    const s = await open({ headers: { 'sec-websocket-extensions': 'permessage-deflate; client_max_window_bits' } });
    expect(s.ws.extensions).toBe('');
  });
});

describe('messages', () => {
  it('answers malformed messages with an error and keeps serving', async () => {
    const s = await open();
    for (const bad of ['not json', '[1,2]', '{"type":123}', '{"type":"subscribe"}', '{"type":"nope","documentId":"x"}', '{"type":"subscribe","documentId":"x","after":1e309}']) s.send(bad);
    await waitFor(() => s.messages.filter((m) => m.type === 'error').length >= 6, 5000, 'six errors');
    expect((await s.subscribe(docId)).type).toBe('subscribed');
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });

  it('closes a socket that sends a frame over 64 KiB with 1009', async () => {
    const s = await open();
    s.send(JSON.stringify({ type: 'subscribe', documentId: 'x'.repeat(70 * 1024) }));
    await waitFor(() => s.closeCode !== null, 5000, 'close');
    expect(s.closeCode).toBe(CLOSE.TOO_BIG);
  });

  it('rate limits a flood, then cuts it', async () => {
    const s = await open();
    for (let i = 0; i < 400; i++) s.send({ type: 'presence', documentId: docId });
    await waitFor(() => s.messages.some((m) => m.type === 'error' && m.code === 'rate_limited'), 5000, 'rate limited');
    await waitFor(() => s.closeCode !== null, 5000, 'cut');
    expect(s.closeCode).toBe(CLOSE.POLICY);
  });
});

describe('sessions and slow readers', () => {
  it('closes the sockets of a session at sign-out', async () => {
    const login = await t.call('POST', '/api/auth/login', { body: { email: w.nhri.email, password: PASSWORD } });
    const token = login.json().token;
    const s = await open({ token });
    await s.subscribe(docId);
    await t.call('POST', '/api/auth/logout', { token });
    await waitFor(() => s.closeCode !== null, 5000, 'closed after logout');
    expect(s.closeCode).toBe(CLOSE.SESSION_ENDED);
    // Reconnecting with the ended session is refused before the upgrade.
    await expect(open({ token })).rejects.toMatchObject({ statusCode: 401 });
  });

  // SECURITY.md WS-87 in small (one reader, 81 growing events); the full case (5,000 events, ten
  // readers, resume after the cut) is in tests/integration/security/catalogue-flood.test.ts.
  it('cuts a reader that stops reading with the resync code, while another keeps up', async () => {
    const blocks = await blocksOf(t, docId);
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    const slow = await open();
    const fast = await open();
    await slow.subscribe(docId);
    const { seq } = (await fast.subscribe(docId)) as { seq: number };
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    // Each reply event carries the whole thread, so events grow: ~30 MB in 80 replies.
    const big = 'x'.repeat(9_000);
    const thread = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: big, visibility: 'public', attribution: 'named' } });
    for (let i = 0; i < 80; i++) {
      const res = await t.call('POST', `/api/threads/${thread.json().thread.id}/comments`, { token: w.ngo.token, body: { body: `${i} ${big}` } });
      expect(res.statusCode).toBe(201);
    }
    await waitFor(() => fast.events(docId).length >= 81, 30_000, 'fast reader has everything');
    expect(fast.events(docId).map((e) => e.seq)).toEqual(Array.from({ length: 81 }, (_, i) => seq + 1 + i));
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await waitFor(() => slow.closeCode !== null, 30_000, 'slow reader cut');
    expect(slow.closeCode).toBe(CLOSE.RESYNC);
  });
});
