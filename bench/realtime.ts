/**
 * Comment POST → event on N subscribed sockets spread over two Tashawur processes, against the
 * bare pipeline (pg INSERT + NOTIFY → two bare `ws` processes) with the same viewers, the same
 * event size and the same number of writers. Also the bare pg INSERT + NOTIFY ceiling alone.
 */
import WebSocket from 'ws';
import { measurePgNotify } from './baselines/pg-notify.ts';
import { startBareBroadcast } from './baselines/ws-broadcast.ts';
import type { BenchDatabase } from './lib/database.ts';
import { type FanoutRun, type Publisher, runFanout } from './lib/fanout.ts';
import { call } from './lib/http.ts';
import { type Row, ratio, type Section } from './lib/report.ts';
import { randomAnchors } from './lib/seed.ts';
import type { ServerProcess } from './lib/server-process.ts';
import { fmtMs, fmtNum } from './lib/stats.ts';
import { startSwarm, type Swarm } from './lib/swarm.ts';
import type { Block } from '../shared/documents.ts';
import type { World } from './lib/world.ts';

export const WRITERS = 20;

/** Posts comments (new threads) on a document through the given servers, writer w → server w % n. */
export function commentPublisher(database: BenchDatabase, servers: ServerProcess[], world: World, documentId: string, blocks: Block[], writers = WRITERS): Publisher & { retries: number; failures: number } {
  const anchors = randomAnchors(blocks, 4000, 11);
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
      const body = { anchor: anchors[i % anchors.length], kind: 'comment', body: `Comment ${i} from writer ${w}: the deadline for shelter should be set in the law.`, visibility: 'public', attribution: 'named' };
      for (let attempt = 0; ; attempt++) {
        const res = await call(base, 'POST', `/api/documents/${documentId}/threads`, { token: world.writers[w % world.writers.length].token, body, headers: { 'idempotency-key': `w${w}-i${i}-${documentId.slice(0, 6)}` } });
        if (res.status === 201) return res.json().thread.id as string;
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
  lightCount: number;
  lightIntervalMs: number;
  throughputCount: number;
}

export const PLANS: FanoutPlan[] = [
  { viewers: 100, lightCount: 100, lightIntervalMs: 50, throughputCount: 600 },
  { viewers: 1000, lightCount: 60, lightIntervalMs: 100, throughputCount: 200 },
];

async function measure(swarm: Swarm, urls: string[], documentId: string, pub: Publisher, plan: FanoutPlan) {
  await swarm.close();
  const opened = await swarm.open(urls, plan.viewers, documentId);
  if (opened.failed) throw new Error(`${opened.failed} of ${plan.viewers} viewers could not connect`);
  const light = await runFanout(pub, swarm, { mode: 'light', count: plan.lightCount, intervalMs: plan.lightIntervalMs, timeoutMs: 30_000 });
  const load = await runFanout(pub, swarm, { mode: 'throughput', count: plan.throughputCount, timeoutMs: 90_000 });
  await swarm.close();
  return { light, load };
}

const describe = (r: FanoutRun) =>
  `${fmtNum(r.perSecond, 1)} ev/s (${r.delivered}/${r.events} events × ${r.viewers} viewers in ${fmtMs(r.ms)}${r.timedOut ? ', TIMED OUT' : ''}; p50/p99 under load ${fmtMs(r.p50)}/${fmtMs(r.p99)})`;

export async function benchRealtime(input: { database: BenchDatabase; servers: ServerProcess[]; world: World; documentId: string; blocks: Block[]; plans?: FanoutPlan[] }): Promise<Section> {
  const rows: Row[] = [];
  const details: string[] = [];
  const pub = commentPublisher(input.database, input.servers, input.world, input.documentId, input.blocks);
  const eventBytes = await sampleEventBytes(input.servers[0], pub, input.documentId);
  details.push(`Event size: ${eventBytes} bytes (one thread.created with its first comment); the bare servers send messages of the same size.`);

  const pgOnly = await measurePgNotify(input.database.url, WRITERS, 3000);
  rows.push({
    figure: `bare pg INSERT+NOTIFY (1 tx), ${WRITERS} writers, LISTEN client`,
    ours: '–',
    baseline: `${fmtNum(pgOnly.perSecond)} commits/s; notify p50/p99 ${fmtMs(pgOnly.p50)}/${fmtMs(pgOnly.p99)}`,
    ratio: '–',
    target: 'reference',
    pass: null,
    note: 'The database ceiling of the write path alone (no HTTP, no fan-out).',
  });

  const swarm = await startSwarm();
  const bare = await startBareBroadcast(input.database.url, { processes: input.servers.length, writers: WRITERS, eventBytes });
  try {
    for (const plan of input.plans ?? PLANS) {
      const ours = await measure(swarm, input.servers.map((s) => s.wsUrl), input.documentId, pub, plan);
      const base = await measure(swarm, bare.servers.map((s) => s.wsUrl), 'bare', bare.publisher, plan);
      const n = fmtNum(plan.viewers);
      const tRatio = ours.load.perSecond / base.load.perSecond;
      rows.push({
        figure: `comment → ${n} sockets (2 processes): throughput`,
        ours: describe(ours.load),
        baseline: describe(base.load),
        ratio: ratio(ours.load.perSecond, base.load.perSecond),
        target: '≥ 0.5',
        pass: !ours.load.timedOut && tRatio >= 0.5,
      });
      rows.push({
        figure: `comment → ${n} sockets: latency to last viewer, light load (p50 / p99)`,
        ours: `${fmtMs(ours.light.p50)} / ${fmtMs(ours.light.p99)}`,
        baseline: `${fmtMs(base.light.p50)} / ${fmtMs(base.light.p99)}`,
        ratio: `p99 ${ratio(ours.light.p99, base.light.p99)}`,
        target: 'p99 ≤ 2× bare',
        pass: !ours.light.timedOut && ours.light.p99 <= 2 * base.light.p99,
      });
      details.push(
        `N = ${n}: light load = ${plan.lightCount} comments one at a time, ${plan.lightIntervalMs} ms apart; throughput = ${plan.throughputCount} comments by ${WRITERS} concurrent writers (4 NGO accounts, alternating processes). ` +
          `Ours: lost ${ours.load.lost + ours.light.lost}, duplicated ${ours.load.duplicates + ours.light.duplicates}, out of order ${ours.load.outOfOrder + ours.light.outOfOrder}, reconnects ${ours.load.reconnects + ours.light.reconnects}.`,
      );
    }
    details.push(`Comment POSTs retried after 503 (lock conflict): ${pub.retries}; failed: ${pub.failures}.`);
  } finally {
    await swarm.stop();
    await bare.stop();
  }
  return { title: 'Real time: comment → subscribers', rows, details: details.map((d) => `- ${d}`).join('\n') };
}
