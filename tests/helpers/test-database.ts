/**
 * A fresh database for one test file: a copy of the migrated template on the real server, or
 * an in-memory PGlite when no server is available (or when the embedded driver is asked for).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openEmbedded, openPostgres } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { withDatabase } from './database-tier.ts';

export type Driver = 'postgres' | 'embedded';

/** The driver the suite runs on by default: the real server when there is one. */
export function defaultDriver(): Driver {
  return inject('pgUrl') ? 'postgres' : 'embedded';
}

export async function createTestDatabase(driver: Driver = defaultDriver()): Promise<DatabaseHandle & { url: string | null }> {
  if (driver === 'embedded') {
    const handle = await openEmbedded(null);
    await migrateToLatest(handle.db);
    return handle;
  }
  const serverUrl = inject('pgUrl');
  if (!serverUrl) throw new Error('No PostgreSQL server for a postgres-driver test');
  const name = `${inject('databasePrefix')}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const handle = await openPostgres(url, 5);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
