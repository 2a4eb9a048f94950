/**
 * The comment write at the SQL level (no HTTP, 20 concurrent connections, one document), in
 * three orders of the same statements of createThread (server/threads/threads.service.ts):
 * - lock first: the order before commit a832f77 — SELECT … FOR UPDATE on the document first,
 *   held through ~14 more round trips (inserts, event, NOTIFY, audit, presentOne, COMMIT);
 * - lock late: the order of a832f77 — inserts and audit first, then appendEvent (UPDATE
 *   last_seq, INSERT event, NOTIFY), the version check and the idempotency answer under the
 *   lock, presentOne after COMMIT;
 * - one statement: the proposal — last_seq bump, version check, event and NOTIFY in a single
 *   statement, answer stored before it, so the lock spans one round trip and the COMMIT.
 */
import pg from 'pg';
import { newId } from '../../server/db/ids.ts';
import { percentile } from '../lib/stats.ts';

export interface TxInput {
  url: string;
  documentId: string;
  version: number;
  authors: { accountId: string; organizationId: string; ministryId: string }[];
  anchor: unknown;
}

type Step = (c: pg.Client, ctx: { threadId: string; commentId: string; author: TxInput['authors'][number]; key: string }) => Promise<unknown>;

function steps(input: TxInput) {
  const anchor = JSON.stringify(input.anchor);
  const doc = input.documentId;
  const claimKey: Step = (c, x) =>
    c.query("INSERT INTO idempotency_key (account_id, key, request_hash) VALUES ($1, $2, 'h') ON CONFLICT (account_id, key) DO NOTHING RETURNING key", [x.author.accountId, x.key]);
  const insertThread: Step = (c, x) =>
    c.query(
      "INSERT INTO thread (id, document_id, version_number, anchor, quote, prefix, suffix, kind, visibility, attribution, author_id, author_organization_id) VALUES ($1, $2, $3, $4, 'quote', 'prefix', 'suffix', 'comment', 'public', 'named', $5, $6)",
      [x.threadId, doc, input.version, anchor, x.author.accountId, x.author.organizationId],
    );
  const insertComment: Step = (c, x) =>
    c.query("INSERT INTO comment (id, thread_id, author_id, author_organization_id, attribution, body) VALUES ($1, $2, $3, $4, 'named', 'prototype comment')", [
      x.commentId,
      x.threadId,
      x.author.accountId,
      x.author.organizationId,
    ]);
  const audit: Step = (c, x) =>
    c.query(
      "INSERT INTO audit_entry (id, actor_id, action, object_type, object_id, document_id, organization_id, detail) VALUES ($1, $2, 'thread.created', 'thread', $3, $4, $5, '{}')",
      [newId(), x.author.accountId, x.threadId, doc, x.author.organizationId],
    );
  const present: Step = async (c, x) => {
    await c.query('SELECT * FROM thread WHERE id = $1', [x.threadId]);
    await c.query(
      'SELECT comment.*, (SELECT count(*) FROM comment_revision WHERE comment_revision.comment_id = comment.id) AS n FROM comment WHERE thread_id IN ($1) ORDER BY created_at, id',
      [x.threadId],
    );
    await c.query(
      'SELECT e.thread_id, e.organization_id, o.name, e.created_at FROM endorsement e JOIN organization o ON o.id = e.organization_id WHERE e.thread_id IN ($1) ORDER BY e.created_at',
      [x.threadId],
    );
    await c.query('SELECT id, name FROM account WHERE id IN ($1)', [x.author.accountId]);
    await c.query('SELECT id, name, kind FROM organization WHERE id IN ($1, $2)', [x.author.organizationId, x.author.ministryId]);
  };
  const storeAnswer: Step = (c, x) => c.query("UPDATE idempotency_key SET status_code = 201, response = '{}' WHERE account_id = $1 AND key = $2", [x.author.accountId, x.key]);
  const asIs: Step[] = [
    claimKey,
    (c) => c.query('SELECT current_version FROM document WHERE id = $1 FOR UPDATE', [doc]),
    insertThread,
    insertComment,
    async (c, x) => {
      const { rows } = await c.query('UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq', [doc]);
      await c.query("INSERT INTO document_event (document_id, seq, kind, payload, actor_id) VALUES ($1, $2, 'thread.created', $3, $4)", [
        doc,
        rows[0].last_seq,
        JSON.stringify({ threadId: x.threadId }),
        x.author.accountId,
      ]);
      await c.query('SELECT pg_notify($1, $2)', ['tashawur_events', JSON.stringify({ documentId: doc, seq: rows[0].last_seq })]);
    },
    audit,
    present,
    storeAnswer,
  ];
  const appendEvent: Step = async (c, x) => {
    const { rows } = await c.query('UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq', [doc]);
    await c.query("INSERT INTO document_event (document_id, seq, kind, payload, actor_id) VALUES ($1, $2, 'thread.created', $3, $4)", [
      doc,
      rows[0].last_seq,
      JSON.stringify({ threadId: x.threadId }),
      x.author.accountId,
    ]);
    await c.query('SELECT pg_notify($1, $2)', ['tashawur_events', JSON.stringify({ documentId: doc, seq: rows[0].last_seq })]);
  };
  const lockLate: Plan = {
    inTransaction: [claimKey, insertThread, insertComment, audit, appendEvent, (c) => c.query('SELECT current_version FROM document WHERE id = $1', [doc]), storeAnswer],
    afterCommit: [present],
  };
  const oneStatement: Step[] = [
    claimKey,
    insertThread,
    insertComment,
    audit,
    present,
    storeAnswer,
    async (c, x) => {
      const { rows } = await c.query(
        `WITH s AS (UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq, current_version)
         INSERT INTO document_event (document_id, seq, kind, payload, actor_id)
         SELECT $1, s.last_seq, 'thread.created', $2, $3 FROM s
         RETURNING seq, (SELECT current_version FROM s) AS current_version, pg_notify('tashawur_events', json_build_object('documentId', document_id, 'seq', seq)::text)`,
        [doc, JSON.stringify({ threadId: x.threadId }), x.author.accountId],
      );
      if (rows[0].current_version !== input.version) throw new Error('a new version was published meanwhile (409)');
    },
  ];
  return { lockFirst: { inTransaction: asIs, afterCommit: [] }, lockLate, oneStatement: { inTransaction: oneStatement, afterCommit: [] } } satisfies Record<string, Plan>;
}

interface Plan {
  inTransaction: Step[];
  afterCommit: Step[];
}

async function run(input: TxInput, plan: Plan, writers: number, durationMs: number) {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const c = new pg.Client({ connectionString: input.url, application_name: 'bench-prototype' });
      await c.connect();
      return c;
    }),
  );
  const latencies: number[] = [];
  const t0 = performance.now();
  try {
    await Promise.all(
      clients.map(async (c, w) => {
        while (performance.now() - t0 < durationMs) {
          const start = performance.now();
          const x = { threadId: newId(), commentId: newId(), author: input.authors[w % input.authors.length], key: newId() };
          await c.query('BEGIN');
          try {
            for (const step of plan.inTransaction) await step(c, x);
            await c.query('COMMIT');
          } catch (e) {
            await c.query('ROLLBACK');
            throw e;
          }
          for (const step of plan.afterCommit) await step(c, x);
          latencies.push(performance.now() - start);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
  return { perSecond: (latencies.length / (performance.now() - t0)) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

type Figures = Awaited<ReturnType<typeof run>>;

/** Alternates the three orders (two rounds each) and averages them. */
export async function compareCommentTransactions(input: TxInput, writers = 20, roundMs = 2000) {
  const plans = steps(input);
  const names = Object.keys(plans) as (keyof typeof plans)[];
  const results = Object.fromEntries(names.map((n) => [n, [] as Figures[]])) as Record<keyof typeof plans, Figures[]>;
  for (let r = 0; r < 2; r++) for (const n of names) results[n].push(await run(input, plans[n], writers, roundMs));
  const avg = (list: Figures[]): Figures => ({
    perSecond: list.reduce((s, r) => s + r.perSecond, 0) / list.length,
    p50: list.reduce((s, r) => s + r.p50, 0) / list.length,
    p99: Math.max(...list.map((r) => r.p99)),
  });
  return { lockFirst: avg(results.lockFirst), lockLate: avg(results.lockLate), oneStatement: avg(results.oneStatement) };
}
