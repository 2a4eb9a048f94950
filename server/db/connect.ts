/**
 * Opens the database: PostgreSQL through `pg` when a URL is given (production, integration
 * tests), otherwise an embedded PGlite kept in a data folder. One Kysely code path for both.
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database, DatabaseKind } from './database.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The connection string when on PostgreSQL (the listener opens its own connection). */
  url: string | null;
  /** The PGlite instance on the embedded database (the listener uses its listen()). */
  pglite?: unknown;
  close(): Promise<void>;
}

// int8 arrives as text from pg (and as a number from PGlite): read counts as numbers in both.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    application_name: 'tashawur',
  });
  // Without listeners a lost connection would crash the process: idle clients report to the
  // pool; a checked-out client's query rejects on its own, so its 'error' event is ignored.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', url, close: () => db.destroy() };
}

/** `dataDir` null means in memory (tests). */
export async function openEmbedded(dataDir: string | null): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir ? await PGlite.create(`${dataDir}/pglite`) : await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'embedded', url: null, pglite, close: () => db.destroy() };
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Promise<DatabaseHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openEmbedded(options.dataDir);
}
