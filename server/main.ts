/**
 * The process: read the configuration, open and migrate the database, load the demo into an
 * empty embedded database, build the app, listen, and close gracefully on SIGTERM/SIGINT.
 */
import { buildApp } from './app.ts';
import { buildClientIfNeeded } from './client-build.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from './demo/seed.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (process.argv.includes('--build-client-if-needed')) buildClientIfNeeded(config.clientDir);
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  // Nobody can register an address at the demo's domain (server/auth/text-rules.ts), so this
  // address exists only if the demo created it.
  if (config.demo) config.adminEmails.add(DEMO_ADMIN_EMAIL);
  const demoAccounts = config.demo ? await seedDemo(database.db) : null;

  const { app, allowedOrigins } = await buildApp(config, database);
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close('SIGTERM'));
  process.on('SIGINT', () => void close('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (config.localOrigin) {
    // PORT=0 picks a free port: browsers send its real number in Origin.
    allowedOrigins.add(`http://localhost:${port}`);
    allowedOrigins.add(`http://127.0.0.1:${port}`);
  }
  console.log(`\nTashawur is running at http://localhost:${port} (database: ${database.kind === 'embedded' ? `embedded, in ${config.dataDir}` : 'PostgreSQL'})`);
  if (demoAccounts) {
    console.log('\nDEMO DATA loaded (for trying the platform only). Accounts, all with the password', JSON.stringify(DEMO_PASSWORD));
    for (const a of demoAccounts) console.log(`  ${a.email.padEnd(34)} ${a.role}`);
    console.log('');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
