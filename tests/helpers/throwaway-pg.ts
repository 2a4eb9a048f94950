/**
 * A throwaway PostgreSQL server for fault tests: its own data folder and port, owned by the
 * test, so stopping, freezing or killing it never touches the shared server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

export interface ThrowawayPg {
  port: number;
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

export function throwawayPgAvailable(): boolean {
  return fs.existsSync(`${BIN}/initdb`) && spawnSync('id', ['postgres']).status === 0 && process.getuid?.() === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function asPostgres(args: string[]): void {
  execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' });
}

export async function startThrowawayPg(): Promise<ThrowawayPg> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tashawur-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sock');
  fs.mkdirSync(sockets);
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  asPostgres([`${BIN}/initdb`, '-D', data, '--auth=trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const start = () => asPostgres([`${BIN}/pg_ctl`, '-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode = 'immediate') => asPostgres([`${BIN}/pg_ctl`, '-D', data, '-m', mode, '-w', 'stop']),
    start,
    destroy() {
      try {
        asPostgres([`${BIN}/pg_ctl`, '-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
