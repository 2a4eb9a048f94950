/**
 * Baseline pipeline: bare pg INSERT + NOTIFY (pg-notify.ts) → two bare `ws` processes, each with
 * its own LISTEN, broadcasting to its half of the viewers (ws-server.ts). Same process layout,
 * same viewers and same event size as the Tashawur measurement.
 */
import pg from 'pg';
import type { Publisher } from '../lib/fanout.ts';
import { type NodeProcess, spawnNode } from '../lib/server-process.ts';
import { CHANNEL, connectWriters, insertAndNotify, resetBareEvents } from './pg-notify.ts';

export interface BareBroadcast {
  servers: (NodeProcess & { wsUrl: string })[];
  publisher: Publisher;
  stop(): Promise<void>;
}

export async function startBareBroadcast(url: string, options: { processes: number; writers: number; eventBytes: number }): Promise<BareBroadcast> {
  await resetBareEvents(url);
  const servers = await Promise.all(
    Array.from({ length: options.processes }, async () => {
      const p = await spawnNode('bench/baselines/ws-server.ts', { DATABASE_URL: url, CHANNEL, EVENT_BYTES: String(options.eventBytes) }, /bare ws listening on (\d+)/);
      return { ...p, wsUrl: `ws://127.0.0.1:${p.port}/` };
    }),
  );
  const clients = await connectWriters(url, options.writers);
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  const publisher: Publisher = {
    writers: options.writers,
    keyedBy: 'seq',
    async lastSeq() {
      const { rows } = await reader.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM bench_event');
      return Number(rows[0].seq);
    },
    publish: (w, i) => insertAndNotify(clients[w], `bare event ${i} from writer ${w}`),
  };
  return {
    servers,
    publisher,
    async stop() {
      await Promise.all(clients.map((c) => c.end().catch(() => {})));
      await reader.end().catch(() => {});
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
