/** Lists the client's source files, relative to the repository root (where Vitest runs). */
import fs from 'node:fs';
import path from 'node:path';

export const CLIENT_SOURCE = path.join('client', 'src');

export function listSourceFiles(extensions: readonly string[], dir: string = CLIENT_SOURCE): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSourceFiles(extensions, full));
    else if (extensions.some((extension) => entry.name.endsWith(extension))) files.push(full);
  }
  return files.sort();
}

/** Replaces comments by spaces, keeping line breaks so reported line numbers stay right. */
export function blankComments(text: string, lineComments: boolean): string {
  const blank = (match: string) => match.replace(/[^\n]/g, ' ');
  let result = text.replace(/\/\*[\s\S]*?\*\//g, blank);
  // `//` after a space or at the start of a line: not the `//` inside 'https://'.
  if (lineComments) result = result.replace(/(^|\s)\/\/[^\n]*/g, blank);
  return result;
}
