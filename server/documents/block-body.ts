/**
 * A line's text without its numbering label ("7. ", "ج- ", "(b) "), so that a renumbered line
 * is recognised as the same line: the matcher (match-blocks, block-pairing) and the diff between
 * stored versions (version-diff) compare bodies, and only report the label change as a move.
 */

/** Separators that may follow a label before the body starts. */
const AFTER_LABEL = /^[\s\-–—:.)،]+/u;

/**
 * The text after its leading label, when the label starts the text and something follows it;
 * otherwise the whole text (a heading such as "Article 3" is its own label and keeps its text,
 * so that two article headings are not taken for the same line).
 */
export function bodyOf(block: { text: string; label: string | null }): string {
  const { text, label } = block;
  if (!label || !text.startsWith(label)) return text;
  const body = text.slice(label.length).replace(AFTER_LABEL, '');
  return body === '' ? text : body;
}
