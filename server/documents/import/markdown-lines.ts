/**
 * Turns Markdown lines into plain lines plus their heading level, keeping the words and dropping
 * the markers (`#`, `>`, `- `, `**`, `_`, links, code spans, tables' pipes), so that the stored
 * text of a line is what a reader sees. Ordered-list numbers ("1.") stay: in a law they are the
 * paragraph numbers. One source line stays one line, as in the plain-text importer, so the same
 * law gives the same articles whichever way it was typed.
 */
import type { SourceLine } from './detect-structure.ts';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX_HEADING = /^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const SETEXT_UNDERLINE = /^\s{0,3}(=+|-+)\s*$/;
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const BLOCKQUOTE = /^\s{0,3}>\s?/;
const BULLET = /^\s*[-*+]\s+(?:\[[ xX]\]\s+)?/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const PANDOC_TITLE = /^%\s?/;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

/** Backslash escapes are set aside first so that `\*` survives the emphasis stripping. */
const ESCAPE = /\\([\\`*_{}[\]()#+\-.!>~|<])/g;
const ESCAPED = /[\uE000-\uE0FF]/g;
const ESCAPED_TEST = /[\uE000-\uE0FF]/;
const INLINE_RULES: [RegExp, string][] = [
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // image → its alt text
  [/\[([^\]]+)\]\([^)]*\)/g, '$1'], // link → its text
  [/\[([^\]]+)\]\[[^\]]*\]/g, '$1'], // reference link
  [/<((?:https?|mailto):[^>\s]+)>/g, '$1'], // autolink
  [/`+([^`]+?)`+/g, '$1'], // code span
  [/<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g, ''], // inline HTML tag
  [/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2'], // strong
  [/~~(?=\S)([\s\S]*?\S)~~/g, '$1'], // strikethrough
  [/\*(?=\S)([\s\S]*?\S)\*/g, '$1'], // emphasis with *
  [/(?<![\p{L}\p{N}])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])/gu, '$1'], // emphasis with _, not snake_case
  [/(?:\s{2,}|\\)$/g, ''], // hard line break markers
];

/** Most lines of a law carry no inline Markdown at all: skip the rules for them. */
const MAY_HAVE_INLINE = /[*_`[<~\\]|\s$/;

function stripInline(text: string): string {
  if (!MAY_HAVE_INLINE.test(text)) return text;
  // Private-use chars in the source itself (symbol fonts) would be mistaken for set-aside escapes.
  const protect = !ESCAPED_TEST.test(text);
  let out = protect ? text.replace(ESCAPE, (_, ch: string) => String.fromCharCode(0xe000 + ch.charCodeAt(0))) : text;
  for (const [pattern, replacement] of INLINE_RULES) out = out.replace(pattern, replacement);
  return protect ? out.replace(ESCAPED, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xe000)) : out;
}

function stripBlockMarkers(line: string): string {
  let out = line;
  while (BLOCKQUOTE.test(out)) out = out.replace(BLOCKQUOTE, '');
  out = out.replace(BULLET, '');
  const row = TABLE_ROW.exec(out);
  return row ? row[1].split('|').map((cell) => cell.trim()).join(' | ') : out;
}

/** Markdown source lines → one SourceLine per line that still has words. */
export function markdownLines(lines: readonly string[]): SourceLine[] {
  const out: SourceLine[] = [];
  let fence: string | null = null;
  let atStart = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(HTML_COMMENT, '');
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch && (fence === null || fenceMatch[1].startsWith(fence))) {
      fence = fence === null ? fenceMatch[1] : null;
      continue;
    }
    if (fence !== null) {
      out.push({ text: line, heading: 0 }); // code is kept verbatim
      continue;
    }
    if (THEMATIC_BREAK.test(line) || TABLE_DELIMITER.test(line)) continue;
    const next = lines[i + 1] ?? '';
    const atx = ATX_HEADING.exec(line);
    let text: string;
    let heading = 0;
    if (atx) {
      text = atx[2] ?? '';
      heading = atx[1].length;
    } else if (line.trim() !== '' && SETEXT_UNDERLINE.test(next) && !BULLET.test(line) && !BLOCKQUOTE.test(line)) {
      text = line;
      heading = next.trim().startsWith('=') ? 1 : 2;
      i += 1;
    } else {
      // A Pandoc title block (`% Title`) may open the file.
      text = stripBlockMarkers(atStart ? line.replace(PANDOC_TITLE, '') : line);
    }
    if (line.trim() !== '' && !PANDOC_TITLE.test(line)) atStart = false;
    out.push({ text: stripInline(text), heading });
  }
  return out;
}
