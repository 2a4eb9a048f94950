/**
 * The shared corpus of real legal texts (/work/shared/corpus, i.e. `../shared/corpus` from the repo
 * root), read by the importer tests. Read-only: tests never write there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);

/** Absolute path of a corpus file, e.g. corpusPath('palermo-protocol.en.md'). */
export function corpusPath(name: string): string {
  return fileURLToPath(new URL(name, CORPUS));
}

export function readCorpus(name: string): string {
  return readFileSync(corpusPath(name), 'utf8');
}

/** Every Markdown file of the corpus, subfolders included, as paths relative to the corpus. */
export function corpusMarkdownFiles(folder = ''): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(corpusPath(folder), { withFileTypes: true })) {
    const relative = `${folder}${entry.name}`;
    if (entry.isDirectory()) names.push(...corpusMarkdownFiles(`${relative}/`));
    else if (entry.name.endsWith('.md')) names.push(relative);
  }
  return names.sort();
}

/**
 * The text a drafter would get by deleting every Markdown marker by hand: heading hashes, quote
 * marks, bullets, emphasis, Pandoc title-block percent signs. Written independently of the
 * importer's own Markdown reader, so comparing the two checks that structure comes from words.
 */
export function stripMarkdownMarkers(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^#{1,6}\s*/, '')
        .replace(/^>\s?/, '')
        .replace(/^%/, '')
        .replace(/^\s*[-*]\s+/, '')
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replaceAll('**', '')
        .replaceAll('*', ''),
    )
    .join('\n');
}
