/** `npm run migrate`: applies every pending migration to DATABASE_URL (or the embedded database). */
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

const config = loadConfig();
const database = await openDatabase(config);
await migrateToLatest(database.db);
await database.close();
console.log(`Migrations applied (${database.kind}).`);
