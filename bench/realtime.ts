/**
 * Comment POST → event on N subscribed sockets spread over two Tashawur processes, against the
 * bare pipeline (pg INSERT + NOTIFY → two bare `ws` processes) with the same viewers, the same
 * event size and the same number of writers. Also the bare pg INSERT + NOTIFY ceiling alone.
 */
import WebSocket from 'ws';
import type { Block } from '../shared/documents.ts';
import { measurePgNotify } from './baselines/pg-notify.ts';
import { startBareBroadcast } from './baselines/ws-broadcast.ts';
import type { BenchDatabase } from './lib/database.ts';
import { type FanoutRun, type Pooled, type Publisher, pool, runFanout } from './lib/fanout.ts';
import { call } from './lib/http.ts';
import { type Row, ratio, type Section } from './lib/report.ts';
import { randomAnchors } from './lib/seed.ts';
import type { ServerProcess } from './lib/server-process.ts';
import { sqlCommentPublisher } from './lib/sql-publisher.ts';
import { fmtMs, fmtNum, percentile } from './lib/stats.ts';
import { type Swarm, startSwarm } from './lib/swarm.ts';
import type { World } from './lib/world.ts';

export const WRITERS = 20;

/** Posts comments (new threads) on a document through the given servers, writer w → server w % n. */
export function commentPublisher(
  database: BenchDatabase,
  servers: ServerProcess[],
  world: World,
  documentId: string,
  blocks: Block[],
  writers = WRITERS,
): Publisher & { retries: number; failures: number } {
  const anchors = randomAnchors(blocks, 4000, 11);
  // Idempotency keys as a real client sends them: unique per comment, never reused by the bench.
  const run = Math.random().toString(36).slice(2, 10);
  let serial = 0;
  const self = {
    writers,
    keyedBy: 'thread' as const,
    retries: 0,
    failures: 0,
    async lastSeq() {
      const row = await database.handle.db.selectFrom('document').select('last_seq').where('id', '=', documentId).executeTakeFirstOrThrow();
      return row.last_seq;
    },
    async publish(w: number, i: number) {
      const base = servers[w % servers.length].base;
      const body = {
        anchor: anchors[i % anchors.length],
        kind: 'comment',
        body: `Comment ${i} from writer ${w}: the deadline for shelter should be set in the law.`,
        visibility: 'public',
        attribution: 'named',
      };
      const key = `bench-${run}-${++serial}`;
      for (let attempt = 0; ; attempt++) {
        const res = await call(base, 'POST', `/api/documents/${documentId}/threads`, {
          token: world.writers[w % world.writers.length].token,
          body,
          headers: { 'idempotency-key': key },
        });
        if (res.status === 201 && res.headers.get('idempotent-replayed') !== 'true') return res.json().thread.id as string;
        if (res.status === 503 && attempt < 10) {
          self.retries++;
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
          continue;
        }
        self.failures++;
        throw new Error(`comment POST failed: ${res.status} ${res.body.slice(0, 300)}`);
      }
    },
  };
  return self;
}

/** Bytes of one real thread.created event as a subscriber receives it. */
export async function sampleEventBytes(server: ServerProcess, pub: Publisher, documentId: string): Promise<number> {
  const ws = new WebSocket(server.wsUrl);
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const event = new Promise<number>((resolve) => {
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"subscribed"')) void pub.publish(0, 99_999);
        if (text.startsWith('{"type":"event"')) resolve(Buffer.byteLength(text));
      });
    });
    ws.send(JSON.stringify({ type: 'subscribe', documentId }));
    return await Promise.race([event, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no event within 10 s')), 10_000))]);
  } finally {
    ws.close();
  }
}

export interface FanoutPlan {
  viewers: number;
  /** Light-load comments per round, and the pause between them. */
  lightCount: number;
  lightIntervalMs: number;
  /** Throughput writing time per round. */
  throughputMs: number;
}

export const PLANS: FanoutPlan[] = [
  { viewers: 100, lightCount: 40, lightIntervalMs: 50, throughputMs: 5000 },
  { viewers: 1000, lightCount: 25, lightIntervalMs: 100, throughputMs: 5000 },
];
/** Ours and bare alternate, so a noisy neighbour on the machine hits both alike. */
const ROUNDS = 2;
const WINDOW = 40;

/**
 * `sql`, when given, also drives Tashawur's viewers with comments written straight in SQL: the
 * fan-out alone, with the same writers as the bare pipeline.
 */
async function measure(plan: FanoutPlan, ours: { swarm: Swarm; pub: Publisher }, bare: { swarm: Swarm; pub: Publisher }, sql?: Publisher) {
  const runs = { oursLight: [] as FanoutRun[], bareLight: [] as FanoutRun[], oursLoad: [] as FanoutRun[], bareLoad: [] as FanoutRun[], sqlLoad: [] as FanoutRun[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [side, key] of [
      [ours, 'oursLight'],
      [bare, 'bareLight'],
    ] as const) {
      runs[key].push(await runFanout(side.pub, side.swarm, { mode: 'light', count: plan.lightCount, intervalMs: plan.lightIntervalMs, timeoutMs: 30_000 }));
    }
    for (const [side, key] of [
      [ours, 'oursLoad'],
      [bare, 'bareLoad'],
    ] as const) {
      runs[key].push(await runFanout(side.pub, side.swarm, { mode: 'throughput', durationMs: plan.throughputMs, window: WINDOW, timeoutMs: 60_000 }));
    }
    if (sql) runs.sqlLoad.push(await runFanout(sql, ours.swarm, { mode: 'throughput', durationMs: plan.throughputMs, window: WINDOW, timeoutMs: 60_000 }));
  }
  return {
    oursLight: pool(runs.oursLight),
    bareLight: pool(runs.bareLight),
    oursLoad: pool(runs.oursLoad),
    bareLoad: pool(runs.bareLoad),
    sqlLoad: sql ? pool(runs.sqlLoad) : null,
  };
}

/** The write path alone: comment POSTs by `writers` concurrent writers, nobody subscribed. */
async function postOnly(pub: Publisher, durationMs: number) {
  const latencies: number[] = [];
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: pub.writers }, async (_, w) => {
      while (performance.now() - t0 < durationMs) {
        const start = performance.now();
        await pub.publish(w, i++);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return { perSecond: (latencies.length / (performance.now() - t0)) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const describe = (r: Pooled) =>
  `${fmtNum(r.perSecond, 1)} ev/s (${fmtNum(r.delivered)} events × ${fmtNum(r.viewers)} viewers in ${fmtMs(r.ms)}${r.timedOut ? ', TIMED OUT' : ''}; p50/p99 ${fmtMs(r.p50)}/${fmtMs(r.p99)})`;

export async function benchRealtime(input: {
  database: BenchDatabase;
  servers: ServerProcess[];
  world: World;
  documentId: string;
  blocks: Block[];
  plans?: FanoutPlan[];
}): Promise<Section> {
  const rows: Row[] = [];
  const details: string[] = [];
  const pub = commentPublisher(input.database, input.servers, input.world, input.documentId, input.blocks);
  const eventBytes = await sampleEventBytes(input.servers[0], pub, input.documentId);
  details.push(`Event size: ${eventBytes} bytes (one thread.created with its first comment); the bare servers send messages of the same size and shape.`);

  const pgOnly = await measurePgNotify(input.database.url, WRITERS, 3000);
  const posts = await postOnly(pub, 3000);
  rows.push({
    figure: `write path alone, ${WRITERS} writers, nobody subscribed`,
    ours: `comment POST ${fmtNum(posts.perSecond, 1)}/s; p50/p99 ${fmtMs(posts.p50)}/${fmtMs(posts.p99)}`,
    baseline: `pg INSERT+NOTIFY ${fmtNum(pgOnly.perSecond)}/s; p50/p99 to LISTEN ${fmtMs(pgOnly.p50)}/${fmtMs(pgOnly.p99)}`,
    ratio: ratio(posts.perSecond, pgOnly.perSecond),
    target: 'diagnostic',
    pass: null,
    note: 'All comments go to one document: its row lock serialises them (see the realtime note).',
  });

  const oursSwarm = await startSwarm();
  const bareSwarm = await startSwarm();
  const bare = await startBareBroadcast(input.database.url, { processes: input.servers.length, writers: WRITERS, eventBytes });
  const sql = await sqlCommentPublisher(input.database, input.world, input.documentId, input.blocks, WRITERS);
  try {
    for (const plan of input.plans ?? PLANS) {
      const opened = await Promise.all([
        oursSwarm.open(
          input.servers.map((s) => s.wsUrl),
          plan.viewers,
          input.documentId,
        ),
        bareSwarm.open(
          bare.servers.map((s) => s.wsUrl),
          plan.viewers,
          'bare',
        ),
      ]);
      if (opened.some((o) => o.failed)) throw new Error(`viewers could not connect: ${JSON.stringify(opened)}`);
      const m = await measure(plan, { swarm: oursSwarm, pub }, { swarm: bareSwarm, pub: bare.publisher }, plan.viewers >= 1000 ? sql.publisher : undefined);
      await Promise.all([oursSwarm.close(), bareSwarm.close()]);
      const n = fmtNum(plan.viewers);
      rows.push({
        figure: `comment → ${n} sockets (2 processes): throughput`,
        ours: describe(m.oursLoad),
        baseline: describe(m.bareLoad),
        ratio: ratio(m.oursLoad.perSecond, m.bareLoad.perSecond),
        target: '≥ 0.5',
        pass: !m.oursLoad.timedOut && m.oursLoad.perSecond >= 0.5 * m.bareLoad.perSecond,
      });
      if (m.sqlLoad) {
        rows.push({
          figure: `fan-out alone → ${n} sockets: comments written in SQL, delivered by Tashawur's hub`,
          ours: describe(m.sqlLoad),
          baseline: describe(m.bareLoad),
          ratio: ratio(m.sqlLoad.perSecond, m.bareLoad.perSecond),
          target: 'diagnostic',
          pass: null,
          note: 'same writers as the bare pipeline (pg, one short transaction per comment); the gap to the row above is the HTTP write path, the gap to the baseline is the hub',
        });
      }
      rows.push({
        figure: `comment → ${n} sockets: POST start → last viewer, light load (p50 / p99)`,
        ours: `${fmtMs(m.oursLight.p50)} / ${fmtMs(m.oursLight.p99)}`,
        baseline: `${fmtMs(m.bareLight.p50)} / ${fmtMs(m.bareLight.p99)}`,
        ratio: `p99 ${ratio(m.oursLight.p99, m.bareLight.p99)}`,
        target: 'p99 ≤ 2× bare',
        pass: !m.oursLight.timedOut && m.oursLight.p99 <= 2 * m.bareLight.p99,
      });
      details.push(
        `N = ${n}: ${ROUNDS} interleaved rounds (ours, bare, ours, bare). Light load = ${plan.lightCount} comments a round, one at a time, ${plan.lightIntervalMs} ms apart. ` +
          `Throughput = ${WRITERS} concurrent writers (4 NGO accounts, alternating processes) for ${plan.throughputMs / 1000} s a round, at most ${WINDOW} events not yet received by every viewer. ` +
          `Ours: lost ${m.oursLoad.lost + m.oursLight.lost}, duplicated ${m.oursLoad.duplicates + m.oursLight.duplicates}, out of order ${m.oursLoad.outOfOrder + m.oursLight.outOfOrder}, reconnects ${m.oursLoad.reconnects + m.oursLight.reconnects}.`,
      );
    }
    details.push(`Comment POSTs retried after 503 (lock conflict): ${pub.retries}; failed: ${pub.failures}.`);
  } finally {
    await Promise.all([oursSwarm.stop(), bareSwarm.stop()]);
    await bare.stop();
    await sql.close();
  }
  return { title: 'Real time: comment → subscribers', rows, details: details.map((d) => `- ${d}`).join('\n') };
}
