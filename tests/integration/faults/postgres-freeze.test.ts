/**
 * SECURITY.md FR-101 "database frozen": `kill -STOP` on the postmaster and every backend of a
 * throwaway PostgreSQL (its own port and data folder; the shared server is never touched) while
 * several people post comments concurrently, then `kill -CONT`.
 *
 * Clients behave like the web client's outbox: a request that has no answer within a few
 * seconds is abandoned and retried later with the same Idempotency-Key. During the freeze every
 * request is answered 503 + Retry-After within 5 s (the server's request deadline, see
 * server/http/deadlines.ts), never left hanging. Invariant at the end:
 * - every acknowledged (201) comment is stored exactly once;
 * - every comment whose request timed out, failed or got 503 is stored exactly once after its
 *   retries (its first attempt may have committed after CONT: the retry must replay it);
 * - a subscriber that kept its socket (or resumed from its last seq after losing it) received
 *   every event exactly once, in sequence order, with no gap.
 *
 * Bounded: a 9 s freeze, about 30 s in all.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import type { TestUser } from '../../helpers/test-app.ts';
import { startAppOnThrowawayPg, type ThrowawayPg, throwawayPgAvailable } from '../../helpers/throwaway-pg.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const available = throwawayPgAvailable();
if (!available && process.env.CI === 'true') throw new Error('CI requires the PostgreSQL binaries and root to run fault tests');

const FREEZE_MS = 9_000;
/** The client gives up on an answer after this long and keeps the comment in its outbox. */
const CLIENT_TIMEOUT_MS = 7_000;

let server: ThrowawayPg;
let destroy: (() => Promise<void>) | undefined;
let t: LiveApp;
let w: World;
let docId: string;
let threadId: string;
let frozen: number[] = [];

/** The postmaster of the throwaway server and all its children, refusing any other server. */
function throwawayProcesses(dataDirectory: string, port: number): number[] {
  const postmaster = Number(fs.readFileSync(`${dataDirectory}/postmaster.pid`, 'utf8').split('\n')[0]);
  const cmdline = fs.readFileSync(`/proc/${postmaster}/cmdline`, 'utf8').split('\0');
  // The shared server on 5432 must never be frozen: insist on this server's own port.
  if (cmdline[cmdline.indexOf('-p') + 1] !== String(port)) throw new Error(`refusing to signal ${postmaster}: not the throwaway server (${cmdline.join(' ')})`);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)])
    .toString()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return [postmaster, ...children];
}

function freeze(pids: number[]): void {
  // The postmaster first, so it cannot fork a backend that would escape the freeze.
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  frozen = pids;
}

function thaw(): void {
  for (const pid of frozen) {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Already gone.
    }
  }
  frozen = [];
}

beforeAll(async () => {
  if (!available) return;
  const started = await startAppOnThrowawayPg();
  ({ server, app: t } = started);
  destroy = started.destroy;
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
  const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'freeze thread', visibility: 'public', attribution: 'named' } });
  threadId = res.json().thread.id;
}, 120_000);

afterAll(async () => {
  thaw();
  await destroy?.();
});

interface Outcome {
  key: string;
  body: string;
  /** Statuses of every attempt; 0 = no answer in time or connection failure. */
  attempts: number[];
  acknowledged: boolean;
}

/** Statuses, times and Retry-After of requests sent and answered while the database was frozen. */
const whileFrozen: { status: number; ms: number; retryAfter: string | null }[] = [];
let isFrozen = false;
/** Every attempt (start, end in ms since the epoch, status), printed when an assertion fails. */
const timeline: { key: string; from: number; to: number; status: number }[] = [];

async function attempt(who: TestUser, key: string, body: string): Promise<number> {
  const sentFrozen = isFrozen;
  const started = Date.now();
  try {
    const res = await fetch(`http://127.0.0.1:${t.port}/api/threads/${threadId}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ body }),
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    timeline.push({ key, from: started, to: Date.now(), status: res.status });
    if (sentFrozen && isFrozen) whileFrozen.push({ status: res.status, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') });
    return res.status;
  } catch {
    timeline.push({ key, from: started, to: Date.now(), status: 0 });
    if (sentFrozen && isFrozen) whileFrozen.push({ status: 0, ms: Date.now() - started, retryAfter: null });
    return 0;
  }
}

/** A subscriber that resumes from its last seq whenever its socket closes. */
class Subscriber {
  seqs: number[] = [];
  socket: TestSocket | null = null;
  reconnects = 0;
  private stopped = false;
  constructor(readonly start: number) {}
  get last() {
    return this.seqs.length ? this.seqs[this.seqs.length - 1] : this.start;
  }
  async connect(): Promise<void> {
    const socket = await TestSocket.open(t.wsUrl);
    this.socket = socket;
    socket.ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.type === 'event' && m.documentId === docId && socket === this.socket) this.seqs.push(m.seq);
    });
    socket.ws.on('close', () => {
      if (socket !== this.socket || this.stopped) return;
      this.reconnects++;
      void this.reconnectSoon();
    });
    socket.send({ type: 'subscribe', documentId: docId, after: this.last });
  }
  private async reconnectSoon(): Promise<void> {
    for (let i = 0; i < 100 && !this.stopped; i++) {
      await new Promise((r) => setTimeout(r, 250));
      try {
        await this.connect();
        return;
      } catch {
        // The server refuses while the database is away; try again.
      }
    }
  }
  stop() {
    this.stopped = true;
    this.socket?.close();
  }
}

describe.skipIf(!available)('FR-101 PostgreSQL frozen with SIGSTOP during concurrent comment writes', () => {
  it('FR-101 every acknowledged comment is stored once, every retried one once, and a resuming subscriber gets every event once, in order', { timeout: 90_000 }, async () => {
    const start = (await t.database.db.selectFrom('document').select('last_seq').where('id', '=', docId).executeTakeFirstOrThrow()).last_seq;
    const subscriber = new Subscriber(start);
    await subscriber.connect();
    await waitFor(() => subscriber.socket?.messages.some((m) => m.type === 'subscribed'), 10_000, 'subscribed');

    const dataDirectory = (await sql<{ d: string }>`select current_setting('data_directory') as d`.execute(t.database.db)).rows[0].d;

    // More writers than pool connections, so some requests wait for a connection, not only on one.
    const writers = [w.ngo, w.ngoColleague, w.otherNgo, w.nhri, w.drafter, w.otherDrafter];
    const outcomes: Outcome[] = [];
    let phase: 'before' | 'frozen' | 'after' | 'done' = 'before';

    const writer = async (who: TestUser, index: number) => {
      for (let n = 0; phase !== 'done'; n++) {
        const key = `freeze-${index}-${n}`;
        const outcome: Outcome = { key, body: `frozen ${index}.${n}`, attempts: [], acknowledged: false };
        outcomes.push(outcome);
        // One immediate retry with the same key, as the outbox does before backing off: during
        // the freeze it meets its own first attempt still holding the key (409, or a wait).
        for (let tries = 0; tries < 2 && !outcome.acknowledged; tries++) {
          const status = await attempt(who, key, outcome.body);
          outcome.attempts.push(status);
          outcome.acknowledged = status === 201;
        }
        // Still unanswered or refused: it stays in the outbox, and the writer moves on.
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const running = writers.map((who, i) => writer(who, i));
    await new Promise((r) => setTimeout(r, 1_500));
    const pids = throwawayProcesses(dataDirectory, server.port);
    expect(pids.length).toBeGreaterThan(3);
    // One request certainly in flight when the database freezes: sent just before.
    const probe: Outcome = { key: 'freeze-0-inflight', body: 'frozen in flight', attempts: [], acknowledged: false };
    outcomes.push(probe);
    const probeDone = attempt(writers[0], probe.key, probe.body).then((status) => {
      probe.attempts.push(status);
      probe.acknowledged = status === 201;
    });
    await new Promise((r) => setTimeout(r, 15));
    phase = 'frozen';
    freeze(pids);
    isFrozen = true;
    const frozenAt = Date.now();
    await new Promise((r) => setTimeout(r, FREEZE_MS));
    isFrozen = false;
    thaw();
    phase = 'after';
    await new Promise((r) => setTimeout(r, 2_500));
    phase = 'done';
    await Promise.all([...running, probeDone]);

    // The outbox: retry every unacknowledged comment with its own key until it is stored.
    const pending = outcomes.filter((o) => !o.acknowledged);
    for (const o of pending) {
      const who = writers[Number(o.key.split('-')[1])];
      for (let i = 0; i < 40 && !o.acknowledged; i++) {
        const status = await attempt(who, o.key, o.body);
        o.attempts.push(status);
        o.acknowledged = status === 201;
        if (!o.acknowledged) await new Promise((r) => setTimeout(r, 250));
      }
    }

    // The freeze really bit, and nothing answered with anything but success or a clear 503/409.
    expect(outcomes.filter((o) => o.attempts[0] !== 201).length).toBeGreaterThan(0);
    const allStatuses = outcomes.flatMap((o) => o.attempts);
    expect(allStatuses.filter((s) => ![0, 201, 503, 409].includes(s))).toEqual([]);
    expect(outcomes.filter((o) => !o.acknowledged).map((o) => o.key)).toEqual([]);
    // FR-101: what was sent and settled while frozen was a 503 with Retry-After, within 5 s —
    // requests holding a connection as well as those waiting for one; none hung until CONT.
    const story = JSON.stringify(timeline.map((a) => [a.key, a.from - frozenAt, a.to - frozenAt, a.status]));
    expect(whileFrozen.length, story).toBeGreaterThanOrEqual(writers.length);
    expect(whileFrozen.filter((a) => a.status !== 503 || a.retryAfter === null)).toEqual([]);
    expect(whileFrozen.filter((a) => a.ms > 5_000), story).toEqual([]);
    // Requests already in flight when it froze (holding a connection, or past authentication
    // and reading their body) are bounded as well, not only those sent during the freeze.
    const caught = timeline.filter((a) => a.to > frozenAt && a.from < frozenAt + FREEZE_MS - 5_000);
    expect(caught.filter((a) => a.from < frozenAt).length, story).toBeGreaterThan(0);
    expect(caught.filter((a) => a.to - a.from > 5_000 || ![201, 503].includes(a.status)), story).toEqual([]);

    // Stored exactly once each, acknowledged first time or retried.
    const stored = await t.database.db.selectFrom('comment').select('body').where('body', 'like', 'frozen %').execute();
    const counts = new Map<string, number>();
    for (const s of stored) counts.set(s.body, (counts.get(s.body) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(new Set(counts.keys())).toEqual(new Set(outcomes.map((o) => o.body)));

    // Every event once, in order, no gap: exactly the document's sequence after `start`.
    const last = (await t.database.db.selectFrom('document').select('last_seq').where('id', '=', docId).executeTakeFirstOrThrow()).last_seq;
    expect(last - start).toBe(outcomes.length);
    await waitFor(() => subscriber.seqs.length >= last - start, 30_000, 'every event at the subscriber');
    await new Promise((r) => setTimeout(r, 300));
    expect(subscriber.seqs).toEqual(Array.from({ length: last - start }, (_, i) => start + 1 + i));
    subscriber.stop();
  });
});
