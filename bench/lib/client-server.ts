/**
 * The Tashawur app exactly as server/main.ts builds it, but serving the web client from the
 * bench's own build (BENCH_CLIENT_DIR), so measuring the browser never rebuilds the shared
 * dist/ folder other people use. Prints the same "running at" line.
 */
import path from 'node:path';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { outPath } from './paths.ts';

const config = loadConfig(process.env, { clientDir: path.resolve(process.env.BENCH_CLIENT_DIR ?? outPath('client')) });
const database = await openDatabase(config);
await migrateToLatest(database.db);
const { app } = await buildApp(config, database);
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
await app.listen({ port: config.port, host: config.host });
const address = app.server.address();
console.log(`Tashawur (bench client build) is running at http://localhost:${typeof address === 'object' && address ? address.port : config.port}`);
