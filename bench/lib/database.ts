/**
 * Benchmark databases on the local PostgreSQL server: `tashawur_bench_<pid>_<random>`, migrated
 * with the project's own migrator, dropped (WITH FORCE) on cleanup. Databases left by a bench
 * process that no longer exists are dropped at start; other people's databases are never touched.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { onCleanup } from './cleanup.ts';

export const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlOf(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: SERVER_URL, application_name: 'tashawur-bench' });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops bench databases whose creating process is gone (a run killed with SIGKILL). */
export async function dropOrphanDatabases(): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>("select datname from pg_database where datname like 'tashawur_bench_%'");
  const dropped: string[] = [];
  for (const { datname } of rows) {
    const pid = Number(/^tashawur_bench_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (!pid || alive(pid)) continue;
    await adminQuery(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    dropped.push(datname);
  }
  return dropped;
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** A small Kysely pool for set-up queries (closed by drop). */
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `tashawur_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = urlOf(name);
  let handle: DatabaseHandle | null = null;
  const drop = onCleanup(async () => {
    await handle?.close().catch(() => {});
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  handle = await openPostgres(url, 4);
  await migrateToLatest(handle.db);
  return { name, url, handle, drop };
}

/** Server facts for the report. */
export async function postgresVersion(): Promise<string> {
  const [row] = await adminQuery<{ v: string }>("select current_setting('server_version') as v");
  return row.v;
}
