/**
 * Migrations run up → down → up on both drivers: the real PostgreSQL and the embedded PGlite.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../../../server/db/migrate.ts';
import { migrations } from '../../../migrations/index.ts';
import { createTestDatabase, defaultDriver, type Driver } from '../../helpers/test-database.ts';

const drivers: Driver[] = defaultDriver() === 'postgres' ? ['postgres', 'embedded'] : ['embedded'];

async function tables(db: Parameters<typeof migrateToLatest>[0]) {
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(db);
  return rows.map((r) => r.table_name);
}

describe.each(drivers)('migrations on %s', (driver) => {
  it('go up, all the way down, and up again to the same schema', async () => {
    const handle = await createTestDatabase(driver);
    try {
      await migrateToLatest(handle.db);
      const before = await tables(handle.db);
      expect(before).toContain('account');
      expect(before).toContain('document_event');
      await migrateDownAll(handle.db);
      expect(await tables(handle.db)).toEqual([]);
      await migrateToLatest(handle.db);
      expect(await tables(handle.db)).toEqual(before);
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
      expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations));
    } finally {
      await handle.close();
    }
  });
});
