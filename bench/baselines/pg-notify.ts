/**
 * Baseline: bare `pg` — INSERT of an event row and NOTIFY {seq} in one transaction (what
 * Tashawur's appendEvent does, minus everything else), with one LISTEN client hearing them.
 * Also the writer used by the bare WebSocket pipeline (ws-broadcast.ts).
 */
import pg from 'pg';
import { now, percentile } from '../lib/stats.ts';

export const CHANNEL = 'bench_events';

export async function resetBareEvents(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    'CREATE TABLE IF NOT EXISTS bench_event (seq bigserial PRIMARY KEY, document_id text NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  );
  await c.query('TRUNCATE bench_event RESTART IDENTITY');
  await c.end();
}

export async function connectWriters(url: string, count: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'bench-bare-writer' });
      await c.connect();
      return c;
    }),
  );
}

/** One event: INSERT … RETURNING seq, then pg_notify, committed together. Returns the seq. */
export async function insertAndNotify(c: pg.Client, body: string): Promise<number> {
  await c.query('BEGIN');
  try {
    const { rows } = await c.query<{ seq: string }>('INSERT INTO bench_event (document_id, payload) VALUES ($1, $2) RETURNING seq', ['bare', JSON.stringify({ body })]);
    const seq = Number(rows[0].seq);
    await c.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ documentId: 'bare', seq })]);
    await c.query('COMMIT');
    return seq;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/**
 * `writers` connections writing for `durationMs`, one LISTEN client: commits per second and
 * INSERT-start → notification-heard latency.
 */
export async function measurePgNotify(url: string, writers: number, durationMs: number) {
  await resetBareEvents(url);
  const listener = new pg.Client({ connectionString: url, application_name: 'bench-bare-listener' });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  const heard = new Map<number, number>();
  listener.on('notification', (n) => heard.set(JSON.parse(n.payload ?? '{}').seq, now()));
  const clients = await connectWriters(url, writers);
  const started = new Map<number, number>();
  const t0 = now();
  const until = t0 + durationMs;
  try {
    await Promise.all(
      clients.map(async (c, w) => {
        for (let i = 0; now() < until; i++) {
          const start = now();
          const seq = await insertAndNotify(c, `writer ${w} event ${i}`);
          started.set(seq, start);
        }
      }),
    );
    const elapsed = now() - t0;
    const deadline = Date.now() + 5000;
    while (heard.size < started.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const latencies = [...started].filter(([seq]) => heard.has(seq)).map(([seq, start]) => (heard.get(seq) as number) - start);
    return { commits: started.size, perSecond: (started.size / elapsed) * 1000, heard: heard.size, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await listener.end().catch(() => {});
  }
}
