/**
 * A throwaway PostgreSQL server for fault tests: its own data folder and port, owned by the
 * test, so stopping, freezing or killing it never touches the shared server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { LiveApp } from './live.ts';
import { createTestApp } from './test-app.ts';

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

/**
 * The setup every throwaway-server fault test shares: a throwaway PostgreSQL, a `tashawur`
 * database on it, migrated, and the real app on it listening on a free port. `destroy` closes
 * the app and removes the server (safe to call after a failed or skipped setup).
 */
export async function startAppOnThrowawayPg(): Promise<{ server: ThrowawayPg; app: LiveApp; destroy(): Promise<void> }> {
  const server = await startThrowawayPg();
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE tashawur');
    await admin.end();
    const database = await openPostgres(server.url('tashawur'), 5);
    await migrateToLatest(database.db);
    const test = await createTestApp({ database });
    await test.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (test.app.server.address() as net.AddressInfo).port;
    const app: LiveApp = Object.assign(test, { port, wsUrl: `ws://127.0.0.1:${port}/api/ws` });
    return {
      server,
      app,
      async destroy() {
        await app.close().catch(() => {});
        server.destroy();
      },
    };
  } catch (error) {
    server.destroy();
    throw error;
  }
}
