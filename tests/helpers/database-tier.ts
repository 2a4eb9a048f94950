/**
 * Which PostgreSQL the database tests use. A real server (TEST_DATABASE_URL, or the one at
 * 127.0.0.1:5432) when it answers; otherwise the embedded PGlite — except under CI=true, where
 * the real tier is mandatory and its absence is a failure, never a skip.
 */
import pg from 'pg';

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function findServerUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL at ${url}: ${(e as Error).message}`);
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
