/**
 * The `client` test project (listed in the root vitest.config.ts): Solid components rendered in
 * happy-dom, plus static scans of the client sources. Kept apart from the server projects because
 * vite-plugin-solid adds the `browser` export condition.
 */
import { fileURLToPath } from 'node:url';
import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [solid()],
  test: {
    name: 'client',
    // Paths are relative to the repository, like the other projects' (a project's root would
    // otherwise be this file's folder).
    root: fileURLToPath(new URL('..', import.meta.url)),
    environment: 'happy-dom',
    include: ['client/tests/**/*.test.{ts,tsx}'],
  },
});
