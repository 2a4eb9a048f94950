/**
 * Browser tier setup: finds Debian's Chromium and builds the client once. Without Chromium a
 * local run leaves the browser tests out and says so; under CI=true that is a failure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string | null;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  const found = fs.existsSync(CHROMIUM);
  if (!found) {
    if (process.env.CI === 'true') throw new Error(`CI requires Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    console.warn(`\n[tests] Chromium not found at ${CHROMIUM}: the browser tests are left out of this run.\n`);
    project.provide('chromiumPath', null);
    return;
  }
  project.provide('chromiumPath', CHROMIUM);
  const vite = path.resolve('node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
