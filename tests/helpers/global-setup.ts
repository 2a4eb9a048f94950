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
    /** Prefix of this run's test databases, so a run only ever drops its own. */
    databasePrefix: string;
  }
}

export default async function setup(project: TestProject) {
  // Unique per run and per project: the integration and e2e projects (and other runs on the
  // same server) each have their own template and databases.
  const runId = `${process.pid}_${project.name.replace(/\W/g, '')}`;
  const TEMPLATE = `tashawur_template_${runId}`;
  const prefix = `tashawur_t_${runId}_`;
  const url = await findServerUrl();
  project.provide('templateDb', TEMPLATE);
  project.provide('databasePrefix', prefix);
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
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2`, [prefix, TEMPLATE]);
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => {});
    await c.end();
  };
}
