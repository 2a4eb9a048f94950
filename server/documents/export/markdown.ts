/**
 * One version of a document as Markdown, in the same shape the importer reads (and the corpus is
 * written in): one block per line, a blank line between blocks, headings for the structure.
 * Labels stay inside the text as written ("1. …", "أ- …", "### المادة الأولى"), so a re-import
 * finds the same kinds, labels and texts.
 */
import type { Block } from '../../../shared/documents.ts';
import { cleanXmlText } from './akn.ts';

const HEADING: Partial<Record<Block['kind'], string>> = {
  title: '#',
  part: '##',
  chapter: '##',
  section: '##',
  article: '###',
};

/**
 * One block is one line: a newline inside a block would split it in two on re-import. Control
 * characters go too (as in every other export): they are invisible and break some editors.
 */
function oneLine(text: string): string {
  return cleanXmlText(text).replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
}

/**
 * Escapes what Markdown would read as structure at the start of a body line: a heading, a
 * blockquote, a bullet, a thematic break, a code fence, a table row or an HTML block. Numbered
 * markers ("1.", "2)") are left alone on purpose: they are the paragraph labels the importer reads,
 * and every renderer shows them as the same number anyway.
 */
export function escapeLineStart(line: string): string {
  if (/^#{1,6}(?:\s|$)/.test(line)) return `\\${line}`;
  if (/^[>|]/.test(line)) return `\\${line}`;
  if (/^(?:([-*_])\s*){3,}$/.test(line)) return `\\${line}`; // "---", "* * *"
  if (/^[-+*](?:\s|$)/.test(line)) return `\\${line}`;
  if (/^(?:`{3,}|~{3,})/.test(line)) return `\\${line}`;
  if (/^=+$/.test(line)) return `\\${line}`; // a setext underline if ever glued to a line above
  return line;
}

/**
 * Escapes inline markup that would change the words: emphasis (`*`, `_` at a word edge, `~~`),
 * code spans, links, raw HTML and comments, and backslashes that would start an escape. A drafter's
 * "<script>" must reach a Markdown viewer as text, and the importer must store what was written.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\\(?=[\\`*_{}[\]()#+\-.!>~|<]|$)/g, '\\\\')
    .replace(/[*`]/g, '\\$&')
    .replace(/~~/g, '\\~\\~')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/\[(?=[^\]]*\]\s*[([])/g, '\\[')
    .replace(/<!/g, '\\<\\!') // "\<!--" would still read as a comment opener to a raw-text scan
    .replace(/<(?=[A-Za-z/?])/g, '\\<');
}

/** A heading's trailing " ###" would be read as an optional closing sequence and dropped. */
function headingText(text: string): string {
  return escapeInline(text).replace(/(\s)(#+)$/, '$1\\$2');
}

/**
 * `title` becomes the `#` line only when the blocks carry no title line of their own, so a
 * document whose first block is its title is not titled twice.
 */
export function toMarkdown(title: string, blocks: Block[]): string {
  const lines: string[] = [];
  if (!blocks.some((b) => b.kind === 'title') && oneLine(title)) lines.push(`# ${headingText(oneLine(title))}`);
  let inArticle = false;
  for (const block of blocks) {
    const text = oneLine(block.text);
    if (!text) continue; // an empty line cannot survive Markdown; nothing to keep
    // A text line after an article was a heading that closed the article (an annex, a caption
    // between chapters): written as a plain line it would re-import as a paragraph of that article.
    const marker = HEADING[block.kind] ?? (block.kind === 'text' && inArticle ? '###' : undefined);
    lines.push(marker ? `${marker} ${headingText(text)}` : escapeLineStart(escapeInline(text)));
    if (block.kind === 'article') inArticle = true;
    else if (marker) inArticle = false;
  }
  return lines.length ? `${lines.join('\n\n')}\n` : '';
}
