/**
 * Test projects: unit (pure code), integration (real PostgreSQL and embedded PGlite, through
 * app.inject and real sockets), client (Solid components in happy-dom) and e2e (real Chromium).
 * Server and client code are kept in separate projects: vite-plugin-solid adds the `browser`
 * export condition, which would make the server load ws's browser stub.
 */
import fs from 'node:fs';
import { defineConfig } from 'vitest/config';

const clientProject = './client/vitest.client.config.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...(fs.existsSync(clientProject) ? [clientProject] : []),
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts', 'tests/helpers/e2e-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
