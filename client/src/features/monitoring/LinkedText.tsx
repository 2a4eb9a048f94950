/**
 * Plain text whose http(s) addresses are links: the text is split into text nodes and <a>
 * elements (rel="noopener noreferrer"), never parsed as HTML, so nothing a writer types can
 * become markup. Other schemes (javascript:, data:) stay text.
 */
import { For } from 'solid-js';

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** The text cut into plain pieces and http(s) addresses (trailing punctuation stays text). */
export function linkPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(/[.,;:!?)\]}»]+$/, '');
    const start = match.index ?? 0;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

export function LinkedText(props: { text: string }) {
  return (
    <For each={linkPieces(props.text)}>
      {(piece) =>
        piece.kind === 'link' ? (
          <a href={piece.href} rel="noopener noreferrer" dir="ltr">
            {piece.href}
          </a>
        ) : (
          piece.text
        )
      }
    </For>
  );
}
