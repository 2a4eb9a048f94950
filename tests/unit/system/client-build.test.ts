/** `npm start` rebuilds the client when its build is missing or older than any of its sources. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientBuildIsStale } from '../../../server/client-build.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tashawur-client-build-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, mtimeSeconds: number): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, file);
  fs.utimesSync(full, mtimeSeconds, mtimeSeconds);
}

describe('clientBuildIsStale', () => {
  const dist = path.join(root, 'dist/client');
  const sources = ['client/src', 'shared'];

  it('is stale with no build, fresh when the build is newer than every source, stale again once a nested source changes', () => {
    write('client/src/features/page.tsx', 1_000);
    write('shared/limits.ts', 1_000);
    expect(clientBuildIsStale(dist, root, sources)).toBe(true);
    write('dist/client/index.html', 2_000);
    expect(clientBuildIsStale(dist, root, sources)).toBe(false);
    write('shared/limits.ts', 3_000);
    expect(clientBuildIsStale(dist, root, sources)).toBe(true);
    write('dist/client/index.html', 4_000);
    write('client/src/features/deep/er/component.tsx', 5_000);
    expect(clientBuildIsStale(dist, root, sources)).toBe(true);
  });

  it('ignores a source folder that does not exist', () => {
    write('dist/client/index.html', 9_000);
    expect(clientBuildIsStale(dist, root, [...sources, 'client/public'])).toBe(false);
  });
});
