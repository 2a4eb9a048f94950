/**
 * `npm start` builds the web client when its build is missing or older than its sources, so a
 * pull that changed the client never serves yesterday's screens.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCES = ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'shared', 'package-lock.json'];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** True when `clientDir` has no build, or a source is newer than the build. */
export function clientBuildIsStale(clientDir: string, root = process.cwd(), sources = SOURCES): boolean {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return sources.some((s) => newestMtime(path.join(root, s)) > built);
}

export function buildClientIfNeeded(clientDir: string | null): void {
  if (!clientDir || !clientBuildIsStale(clientDir)) return;
  console.log('Building the web client (its sources changed since the last build)…');
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
}
