/**
 * Reads mammoth's HTML back into lines: one per Word paragraph, list item, table cell or manual
 * line break, with the heading level of Heading 1–6 (and Title) paragraphs. mammoth's output is a
 * small, well-formed subset of HTML, so a tokenizer is enough — no HTML parser dependency.
 */
import type { SourceLine } from './detect-structure.ts';
import { LINE_BREAKS } from './source-text.ts';

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ol', 'ul', 'td', 'th', 'tr', 'table', 'br', 'blockquote', 'pre', 'dl', 'dt', 'dd']);
/** Footnote back-links ("↑") are navigation, not words of the law. */
const BACK_LINK = /href="#(?:footnote|endnote|comment)-ref-/;
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos|nbsp));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (_, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name];
    const code = decimal ? Number(decimal) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}

export function htmlToLines(html: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let buffer = '';
  let heading = 0;
  let skipDepth = 0;
  const flush = () => {
    // A paragraph is one line: stray break characters inside it must not split it later.
    const text = decodeEntities(buffer).replace(LINE_BREAKS, ' ');
    if (text.trim() !== '') lines.push({ text, heading });
    buffer = '';
  };
  for (const [, closing, rawTag, attributes, text] of html.matchAll(TOKEN)) {
    if (text !== undefined) {
      if (skipDepth === 0) buffer += text;
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (tag === 'a' && !closing && BACK_LINK.test(attributes)) skipDepth += 1;
    else if (tag === 'a' && closing && skipDepth > 0) skipDepth -= 1;
    if (!BLOCK_TAGS.has(tag)) continue;
    flush();
    const level = /^h([1-6])$/.exec(tag);
    if (level) heading = closing ? 0 : Number(level[1]);
  }
  flush();
  return lines;
}
