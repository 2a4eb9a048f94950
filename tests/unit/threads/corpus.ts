/**
 * Test-only helpers: load corpus files and split them into blocks with a tiny local splitter
 * (one block per non-empty line). The real importer lives in server/documents/import/ and is
 * deliberately not used here, so these tests only depend on the matching/anchoring code.
 */
import { readFileSync } from 'node:fs';
import type { Block, BlockKind, ParsedBlock } from '../../../shared/documents.ts';

export const CORPUS = new URL('../../../../shared/corpus/', import.meta.url);

export function readCorpus(name: string): string {
  return readFileSync(new URL(name, CORPUS), 'utf8');
}

const HEADING = /^(#{1,6})\s+(.*)$/u;
const ARTICLE = /^(Artikel|Article|المادة)\s/u;
/** "1.", "1°.", "1-", "a)", "(b)", "ج-", "ج -" at the start of a line. */
const MARKER = /^(\d+°\.|\d+\.|\d+-|\(?[a-z]\)|\([\u0621-\u064A]\)|[\u0621-\u064A] ?-)\s+(.*)$/u;

function parseLine(line: string): Omit<ParsedBlock, 'path'> {
  const dir = /[\u0600-\u06FF]/u.test(line) ? 'rtl' : 'ltr';
  const heading = HEADING.exec(line);
  if (heading) {
    const text = heading[2];
    const isArticle = ARTICLE.test(text);
    const kind: BlockKind = isArticle ? 'article' : heading[1].length === 1 ? 'title' : 'section';
    return { kind, label: isArticle ? text : null, text, dir };
  }
  const quoted = /^>\s?(.*)$/u.exec(line);
  if (quoted) return { kind: 'text', label: null, text: quoted[1], dir };
  const marker = MARKER.exec(line);
  if (marker) {
    const kind: BlockKind = /^\d+\.$/u.test(marker[1]) ? 'paragraph' : 'point';
    // The label is kept out of the text: a renumbered line keeps the same text.
    return { kind, label: marker[1], text: marker[2], dir };
  }
  return { kind: 'text', label: null, text: line, dir };
}

export function splitLines(source: string): ParsedBlock[] {
  let article = 0;
  let inArticle = 0;
  return source
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const parsed = parseLine(line);
      if (parsed.kind === 'article') {
        article++;
        inArticle = 0;
      }
      return { ...parsed, path: `art_${article}__${parsed.kind}_${inArticle++}` };
    });
}

export function toBlocks(parsed: ParsedBlock[], idPrefix = 'b'): Block[] {
  return parsed.map((p, i) => ({ ...p, id: `${idPrefix}${i}`, ordinal: i }));
}

export function corpusBlocks(name: string, idPrefix = 'b'): Block[] {
  return toBlocks(splitLines(readCorpus(name)), idPrefix);
}

/** Article heading each block belongs to (null before the first article). */
export function articleOf(blocks: readonly Block[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let current: string | null = null;
  for (const b of blocks) {
    if (b.kind === 'article') current = b.text;
    out.set(b.id, current);
  }
  return out;
}

/** A deterministic id source for new blocks. */
export function idSource(prefix = 'n'): () => string {
  let n = 0;
  return () => `${prefix}${n++}`;
}
