/**
 * The fan-out harness shared by Tashawur and the bare baseline: a publisher writes events, the
 * swarm of viewers (another process) records when each seq reached each viewer.
 * - light: one writer, one event at a time with a pause — latency from the write's start to the
 *   LAST viewer's receipt;
 * - throughput: `writers` concurrent closed-loop writers publish `count` events; events fully
 *   delivered (to every viewer) per second, from the first write to the last receipt.
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
  perSecond: number;
  p50: number;
  p99: number;
  timedOut: boolean;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  reconnects: number;
}

export async function runFanout(pub: Publisher, swarm: Swarm, options: { mode: 'light' | 'throughput'; count: number; intervalMs?: number; timeoutMs: number }): Promise<FanoutRun> {
  const base = (await pub.lastSeq()) + 1;
  const to = base + options.count - 1;
  await swarm.reset(base);
  const starts = new Map<string | number, number>();
  const t0 = now();
  if (options.mode === 'light') {
    for (let i = 0; i < options.count; i++) {
      const start = now();
      starts.set(await pub.publish(0, i), start);
      await sleep(options.intervalMs ?? 50);
    }
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: pub.writers }, async (_, w) => {
        for (let i = next++; i < options.count; i = next++) {
          const start = now();
          starts.set(await pub.publish(w, i), start);
        }
      }),
    );
  }
  const { value, timedOut } = await waitUntil(() => swarm.complete(base, to), (v) => v.done >= options.count, options.timeoutMs, 25);
  const report = await swarm.report(base, to, true);
  const keyOf = pub.keyedBy === 'seq' ? (seq: number) => seq : ((m) => (seq: number) => m.get(seq))(new Map(report.threads));
  const latencies: number[] = [];
  let end = t0;
  for (const [seq, n, , last] of report.seqs) {
    if (n < report.viewers) continue;
    end = Math.max(end, last);
    const start = starts.get(keyOf(seq) as string | number);
    if (start !== undefined) latencies.push(last - start);
  }
  if (timedOut) end = now();
  const ms = end - t0;
  return {
    events: options.count,
    delivered: value.done,
    viewers: report.viewers,
    ms,
    perSecond: (value.done / ms) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    timedOut,
    lost: report.lost,
    duplicates: report.duplicates,
    outOfOrder: report.outOfOrder,
    reconnects: report.reconnects,
  };
}
