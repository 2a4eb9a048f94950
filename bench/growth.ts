/**
 * Cost growth: the GET and comment figures on drafts of 1,000 / 5,000 / 20,000 lines (1,000
 * threads) and with 100 / 1,000 / 10,000 threads (20,000 lines), printed with a growth column:
 * (cost ratio to the smallest point) ÷ (size ratio) — about 1 means linear, far above 1 worse.
 */

import { measureGet, startBareFastify } from './get-document.ts';
import type { BenchDatabase } from './lib/database.ts';
import { createDraft, type Draft } from './lib/documents.ts';
import { draftText } from './lib/drafts.ts';
import { runFanout } from './lib/fanout.ts';
import { type Row, ratio, type Section } from './lib/report.ts';
import { seedThreads } from './lib/seed.ts';
import type { NodeProcess, ServerProcess } from './lib/server-process.ts';
import { fmtBytes, fmtMs, fmtNum, percentile } from './lib/stats.ts';
import { type Swarm, startSwarm } from './lib/swarm.ts';
import type { World } from './lib/world.ts';
import { THREADS_NOTE } from './notes.ts';
import { commentPublisher } from './realtime.ts';

export interface GrowthPoint {
  lines: number;
  threads: number;
}

export const LINE_AXIS: GrowthPoint[] = [
  { lines: 1000, threads: 1000 },
  { lines: 5000, threads: 1000 },
  { lines: 20_000, threads: 1000 },
];
export const THREAD_AXIS: GrowthPoint[] = [
  { lines: 20_000, threads: 100 },
  { lines: 20_000, threads: 1000 },
  { lines: 20_000, threads: 10_000 },
];

interface Measured extends GrowthPoint {
  getRps: number;
  bareRps: number;
  getBytes: number;
  threadsMs: number;
  threadsBytes: number;
  commentP50: number;
  commentP99: number;
  postP50: number;
}

const VIEWERS = 100;

interface Tools {
  database: BenchDatabase;
  servers: ServerProcess[];
  world: World;
  bare: NodeProcess;
  swarm: Swarm;
}

async function measurePoint(t: Tools, point: GrowthPoint, draft: Draft): Promise<Measured> {
  const get = await measureGet(t.servers[0], t.bare, draft.id, { durationSec: 2, rounds: 1, threadRequests: 2, clients: ['node-http'] });
  await t.swarm.open(
    t.servers.map((s) => s.wsUrl),
    VIEWERS,
    draft.id,
  );
  try {
    const pub = commentPublisher(t.database, t.servers, t.world, draft.id, draft.blocks, 1);
    const posts: number[] = [];
    const timed = {
      ...pub,
      publish: async (w: number, i: number) => {
        const s = performance.now();
        const id = await pub.publish(w, i);
        posts.push(performance.now() - s);
        return id;
      },
    };
    const run = await runFanout(timed, t.swarm, { mode: 'light', count: 20, intervalMs: 50, timeoutMs: 30_000 });
    return {
      ...point,
      getRps: get.nodeHttp.ours,
      bareRps: get.nodeHttp.bare,
      getBytes: get.bytes,
      threadsMs: get.threadsMs,
      threadsBytes: get.threadsBytes,
      commentP50: percentile(run.latencies, 50),
      commentP99: percentile(run.latencies, 99),
      postP50: percentile(posts, 50),
    };
  } finally {
    await t.swarm.close();
  }
}

/** (cost ratio ÷ size ratio) from one point to the next: ~1 linear, > 1 worse than linear. */
function step(points: Measured[], k: number, axis: 'lines' | 'threads', cost: (m: Measured) => number): number {
  return cost(points[k]) / cost(points[k - 1]) / (points[k][axis] / points[k - 1][axis]);
}

function growthTable(points: Measured[], axis: 'lines' | 'threads'): string {
  const lines = [
    `| lines | threads | GET doc req/s (bare Fastify) | GET doc bytes | GET doc ms/req | growth | GET threads | threads bytes | growth | comment → ${VIEWERS} viewers p50 / p99 | POST p50 |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  points.forEach((p, k) => {
    const g = (cost: (m: Measured) => number) => (k === 0 ? '–' : step(points, k, axis, cost).toFixed(2));
    lines.push(
      `| ${fmtNum(p.lines)} | ${fmtNum(p.threads)} | ${fmtNum(p.getRps)} (${fmtNum(p.bareRps)}) | ${fmtBytes(p.getBytes)} | ${fmtMs(1000 / p.getRps)} | ${g((m) => 1 / m.getRps)} | ${fmtMs(p.threadsMs)} | ${fmtBytes(p.threadsBytes)} | ${g((m) => m.threadsMs)} | ${fmtMs(p.commentP50)} / ${fmtMs(p.commentP99)} | ${fmtMs(p.postP50)} |`,
    );
  });
  return lines.join('\n');
}

/**
 * One draft per line count; the thread axis adds threads to the 20,000-line draft step by step
 * (100, then 1,000, then 10,000), so the largest draft is created once.
 */
export async function benchGrowth(input: {
  database: BenchDatabase;
  servers: ServerProcess[];
  world: World;
  lineAxis?: GrowthPoint[];
  threadAxis?: GrowthPoint[];
}): Promise<Section> {
  const lineAxis = input.lineAxis ?? LINE_AXIS;
  const threadAxis = input.threadAxis ?? THREAD_AXIS;
  const bare = await startBareFastify();
  const swarm = await startSwarm();
  const t: Tools = { ...input, bare, swarm };
  const authors = input.world.writers.map((w) => ({ accountId: w.id, organizationId: input.world.ngoId }));
  const drafts = new Map<number, { draft: Draft; threads: number }>();
  const measured = new Map<string, Measured>();
  const at = async (p: GrowthPoint) => {
    const key = `${p.lines}/${p.threads}`;
    if (measured.has(key)) return measured.get(key) as Measured;
    let entry = drafts.get(p.lines);
    if (!entry) {
      entry = { draft: await createDraft(input.servers[0].base, input.world, { format: 'text', content: draftText(p.lines, 31) }, `Growth ${p.lines} lines`), threads: 0 };
      drafts.set(p.lines, entry);
    }
    if (p.threads < entry.threads) throw new Error('growth points must add threads, never remove them');
    await seedThreads(input.database.handle.db, { documentId: entry.draft.id, version: 1, blocks: entry.draft.blocks, count: p.threads - entry.threads, authors, seed: p.threads });
    // The comments posted while measuring count as threads too; the axis is about the seeded ones.
    entry.threads = p.threads;
    const m = await measurePoint(t, p, entry.draft);
    measured.set(key, m);
    return m;
  };
  const byLines: Measured[] = [];
  const byThreads: Measured[] = [];
  try {
    // Smallest first on each axis; the 20,000-line draft gains its threads in order.
    for (const p of threadAxis) byThreads.push(await at(p));
    for (const p of lineAxis) byLines.push(await at(p));
  } finally {
    await swarm.stop();
    await bare.stop();
  }
  // The last step (largest sizes, where fixed costs weigh least) tells linear from worse.
  const last = (ms: Measured[], axis: 'lines' | 'threads', cost: (m: Measured) => number) => step(ms, ms.length - 1, axis, cost);
  const docGrowth = last(byLines, 'lines', (m) => 1 / m.getRps);
  const threadGrowth = last(byThreads, 'threads', (m) => m.threadsMs);
  const span = (ms: Measured[], axis: 'lines' | 'threads') => `${fmtNum(ms[ms.length - 2][axis])} → ${fmtNum(ms[ms.length - 1][axis])} ${axis}`;
  const bareGrowth = last(byLines, 'lines', (m) => 1 / m.bareRps);
  const verdict = (g: number) => (g <= 1.3 ? 'about linear' : 'worse than linear');
  const rows: Row[] = [
    {
      figure: `growth of GET document cost, ${span(byLines, 'lines')}`,
      ours: `${docGrowth.toFixed(2)}: ${verdict(docGrowth)}`,
      baseline: `${bareGrowth.toFixed(2)} (bare Fastify, same bytes): ${verdict(bareGrowth)}`,
      ratio: ratio(docGrowth, bareGrowth),
      target: 'report (1 = linear)',
      pass: null,
      note: 'cost ratio ÷ size ratio on the last step of the table below; where the bare server with the same bytes grows as fast, the machine (multi-MB copies, a busy neighbour) is the cause, not the route',
    },
    {
      figure: `growth of GET threads cost, ${span(byThreads, 'threads')}`,
      ours: `${threadGrowth.toFixed(2)}: ${verdict(threadGrowth)}`,
      baseline: '–',
      ratio: '–',
      target: 'report (1 = linear)',
      pass: null,
      note: `cost ratio ÷ size ratio on the last step of the table below. ${THREADS_NOTE}`,
    },
  ];
  const details = [
    'By lines (1,000 threads each):',
    '',
    growthTable(byLines, 'lines'),
    '',
    'By threads (20,000 lines each):',
    '',
    growthTable(byThreads, 'threads'),
    '',
    'growth = (cost ÷ cost at the previous row) ÷ (size ÷ size at the previous row): 1.00 is linear, below 1 sub-linear (fixed costs still dominate), above 1 worse than linear. Comment latency is from POST start to the last of 100 viewers over 2 processes, 20 comments one at a time.',
  ].join('\n');
  return { title: 'Cost growth', rows, details };
}
