/** What the numbers were measured on: cores, memory, Node, PostgreSQL, date, load. */
import { execSync } from 'node:child_process';
import os from 'node:os';
import { postgresVersion } from './database.ts';

export async function describeMachine(): Promise<string[]> {
  const cpus = os.cpus();
  const ulimit = (() => {
    try {
      return execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
    } catch {
      return '?';
    }
  })();
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    `- memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; PostgreSQL ${await postgresVersion()} on 127.0.0.1 (loopback only)`,
    `- open files limit (ulimit -n): ${ulimit}`,
    `- load average at start (1/5/15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  ];
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
