/**
 * The parent side of swarm-child.ts: a process of WebSocket viewers, driven over IPC.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { onCleanup } from './cleanup.ts';

export interface SwarmReport {
  viewers: number;
  lost: number;
  duplicates: number;
  outOfOrder: number;
  reconnects: number;
  closes: Record<string, number>;
  /** [seq, receivers, first receipt ms, last receipt ms] (epoch ms, sub-ms precision). */
  seqs: [number, number, number, number][];
  /** [seq, thread id] seen by the probe sockets. */
  threads: [number, string][];
}

export interface Swarm {
  pid: number;
  open(urls: string[], count: number, documentId: string | string[] | null, options?: { probes?: boolean }): Promise<{ opened: number; failed: number; total: number }>;
  reset(base: number): Promise<unknown>;
  complete(from: number, to: number): Promise<{ done: number; deliveries: number; viewers: number }>;
  report(from: number, to: number, detail?: boolean): Promise<SwarmReport>;
  close(): Promise<void>;
  /** Closes the sockets and ends the process. */
  stop(): Promise<void>;
}

export async function startSwarm(): Promise<Swarm> {
  const child: ChildProcess = fork('bench/lib/swarm-child.ts', [], { execArgv: ['--import', 'tsx', '--max-old-space-size=2048'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`swarm exited (${code})`)));
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id as number);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  child.once('exit', () => {
    for (const p of pending.values()) p.reject(new Error('swarm process exited'));
  });
  let nextId = 0;
  const ask = <T>(cmd: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args });
    });
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await Promise.race([ask('close').catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    child.kill('SIGTERM');
    await exited;
  });
  return {
    pid: child.pid as number,
    open: (urls, count, documentId, options = {}) => ask('open', { urls, count, documentId, probes: options.probes ?? true }),
    reset: (base) => ask('reset', { base }),
    complete: (from, to) => ask('complete', { from, to }),
    report: (from, to, detail = true) => ask('report', { from, to, detail }),
    close: async () => {
      await ask('close');
    },
    stop,
  };
}
