/**
 * The fan-out harness shared by Tashawur and the bare baseline: a publisher writes events, a
 * swarm of viewers (another process) records when each seq reached each viewer.
 * - light: one writer, one event at a time with a pause — latency from the write's start to the
 *   LAST viewer's receipt;
 * - throughput: `writers` concurrent writers for `durationMs`, never more than `window` events
 *   published but not yet received by every viewer (so a backlog cannot grow without bound and
 *   the figure is the pipeline's sustained rate): events fully delivered per second, from the
 *   first write to the last receipt.
 */
import { now, percentile, sleep, waitUntil } from './stats.ts';
import type { Swarm } from './swarm.ts';

export interface Publisher {
  writers: number;
  /** Last seq already used before a run. */
  lastSeq(): Promise<number>;
  /** Publishes event `i` through writer `w`; returns the key the viewers' seq maps to. */
  publish(w: number, i: number): Promise<string | number>;
  /** 'seq': the key is the seq; 'thread': the probe sockets map seq → thread id. */
  keyedBy: 'seq' | 'thread';
}

export interface FanoutRun {
  events: number;
  delivered: number;
  viewers: number;
  ms: number;
  /** Write start → last viewer's receipt, per fully delivered event. */
  latencies: number[];
  timedOut: boolean;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  reconnects: number;
}

export type FanoutOptions = { mode: 'light'; count: number; intervalMs: number; timeoutMs: number } | { mode: 'throughput'; durationMs: number; window: number; timeoutMs: number };

export async function runFanout(pub: Publisher, swarm: Swarm, options: FanoutOptions): Promise<FanoutRun> {
  const base = (await pub.lastSeq()) + 1;
  await swarm.reset(base);
  const starts = new Map<string | number, number>();
  const t0 = now();
  let published = 0;
  if (options.mode === 'light') {
    for (; published < options.count; published++) {
      const start = now();
      starts.set(await pub.publish(0, published), start);
      await sleep(options.intervalMs);
    }
  } else {
    let delivered = 0;
    let writing = true;
    const poller = (async () => {
      while (writing) {
        delivered = (await swarm.complete(base, base + published + pub.writers)).done;
        await sleep(10);
      }
    })();
    const until = t0 + options.durationMs;
    await Promise.all(
      Array.from({ length: pub.writers }, async (_, w) => {
        while (now() < until) {
          if (published - delivered >= options.window) {
            await sleep(5);
            continue;
          }
          const i = published++;
          const start = now();
          starts.set(await pub.publish(w, i), start);
        }
      }),
    );
    writing = false;
    await poller;
  }
  const to = base + published - 1;
  const { value, timedOut } = await waitUntil(
    () => swarm.complete(base, to),
    (v) => v.done >= published,
    options.timeoutMs,
    20,
  );
  const report = await swarm.report(base, to, true);
  const keyOf =
    pub.keyedBy === 'seq'
      ? (seq: number) => seq
      : (
          (m) => (seq: number) =>
            m.get(seq)
        )(new Map(report.threads));
  const latencies: number[] = [];
  let end = t0;
  for (const [seq, n, , last] of report.seqs) {
    if (n < report.viewers) continue;
    end = Math.max(end, last);
    const start = starts.get(keyOf(seq) as string | number);
    if (start !== undefined) latencies.push(last - start);
  }
  if (timedOut) end = now();
  return {
    events: published,
    delivered: value.done,
    viewers: report.viewers,
    ms: end - t0,
    latencies,
    timedOut,
    lost: report.lost,
    duplicates: report.duplicates,
    outOfOrder: report.outOfOrder,
    reconnects: report.reconnects,
  };
}

/** Several interleaved runs pooled into one: rates from the sums, percentiles from all samples. */
export function pool(runs: FanoutRun[]) {
  const latencies = runs.flatMap((r) => r.latencies);
  const delivered = runs.reduce((s, r) => s + r.delivered, 0);
  const ms = runs.reduce((s, r) => s + r.ms, 0);
  return {
    events: runs.reduce((s, r) => s + r.events, 0),
    delivered,
    viewers: runs[0]?.viewers ?? 0,
    ms,
    perSecond: (delivered / ms) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    timedOut: runs.some((r) => r.timedOut),
    lost: runs.reduce((s, r) => s + r.lost, 0),
    duplicates: runs.reduce((s, r) => s + r.duplicates, 0),
    outOfOrder: runs.reduce((s, r) => s + r.outOfOrder, 0),
    reconnects: runs.reduce((s, r) => s + r.reconnects, 0),
  };
}
export type Pooled = ReturnType<typeof pool>;
