/**
 * Runs once per test run: finds the PostgreSQL tier and migrates a template database that each
 * test file copies (CREATE DATABASE … TEMPLATE), so every file gets its own fresh database fast.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { findServerUrl, withDatabase } from './database-tier.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
    templateDb: string;
  }
}

const TEMPLATE = `tashawur_template_${process.pid}`;

export default async function setup(project: TestProject) {
  const url = await findServerUrl();
  project.provide('templateDb', TEMPLATE);
  project.provide('pgUrl', url);
  if (!url) {
    console.warn('\n[tests] No PostgreSQL server answered: database tests run on the embedded PGlite only.\n');
    return;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(url, TEMPLATE), max: 1 }) }) });
  await migrateToLatest(db);
  await db.destroy();
  await admin.end();

  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tashawur_t_%' OR datname = $1`, [TEMPLATE]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
    await c.end();
  };
}
