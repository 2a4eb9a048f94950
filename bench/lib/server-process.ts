/**
 * Tashawur server processes started the way production starts them (`node server/main.ts`, with
 * DATABASE_URL and PORT=0), plus the bench memory probe. Each is stopped on cleanup.
 * `entry: 'client'` starts bench/lib/client-server.ts instead: the same app serving a client
 * build of the bench's own (so the shared dist/ folder is never rebuilt under other people).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { onCleanup } from './cleanup.ts';

export const ADMIN_EMAIL = 'admin@tashawur.bench';
export const ORIGIN = 'http://tashawur.bench';

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface ServerProcess {
  port: number;
  base: string;
  wsUrl: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  memory(): Promise<MemoryUsage>;
  stop(): Promise<void>;
}

export async function startServer(databaseUrl: string, options: { env?: Record<string, string>; entry?: 'main' | 'client' } = {}): Promise<ServerProcess> {
  const entry = options.entry === 'client' ? 'bench/lib/client-server.ts' : 'server/main.ts';
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    TASHAWUR_ADMIN_EMAILS: ADMIN_EMAIL,
    TASHAWUR_DEMO: '0',
    PUBLIC_ORIGIN: ORIGIN,
    // 20 writers post far faster than people: the per-account write limit is lifted for benches.
    WRITES_PER_MINUTE: '1000000',
    ...options.env,
  };
  const p = await spawnNode(entry, env, /running at http:\/\/localhost:(\d+)/);
  return { ...p, base: `http://127.0.0.1:${p.port}`, wsUrl: `ws://127.0.0.1:${p.port}/api/ws` };
}

export type NodeProcess = Omit<ServerProcess, 'base' | 'wsUrl'>;

/**
 * Any bench-owned Node process that prints its port (matched by `ready`), with the memory probe
 * preloaded and --expose-gc, stopped with SIGTERM (then SIGKILL) on cleanup.
 */
export async function spawnNode(entry: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = []): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--expose-gc', ...nodeArgs, '--import', 'tsx', '--import', './bench/lib/memory-probe.ts', entry], {
    env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = onCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out = (out + chunk.toString()).slice(-20_000);
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}):\n${out}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  let nextId = 0;
  return {
    port,
    pid: child.pid as number,
    child,
    output: () => out,
    memory() {
      const id = ++nextId;
      return new Promise<MemoryUsage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('memory probe timed out')), 30_000);
        const onMessage = (m: { probe?: string; id?: number; usage?: MemoryUsage }) => {
          if (m?.probe !== 'memory' || m.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(m.usage as MemoryUsage);
        };
        child.on('message', onMessage);
        child.send({ probe: 'memory', id });
      });
    },
    stop,
  };
}

/** Resident memory of a process from /proc, without disturbing it (no GC, no IPC). */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
