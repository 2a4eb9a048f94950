/** Applies the migrations listed in migrations/index.ts. */
import { type Kysely, Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(result.error)}`);
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/** Undo every migration (used by the up → down → up test). */
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (let i = 0; i < Object.keys(migrations).length; i++) check(await m.migrateDown());
}
