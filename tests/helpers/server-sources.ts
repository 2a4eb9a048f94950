/** The server's TypeScript files and their text, for tests that check what its code may issue. */
import fs from 'node:fs';
import path from 'node:path';

export const SERVER_ROOT = path.resolve(import.meta.dirname, '../../server');

export function serverSources(): { file: string; text: string }[] {
  return (fs.readdirSync(SERVER_ROOT, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => ({ file: name, text: fs.readFileSync(path.join(SERVER_ROOT, name), 'utf8') }));
}
