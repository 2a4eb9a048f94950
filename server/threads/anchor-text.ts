/**
 * The text an anchor covers, and the context around it, taken from the server's own copy of a
 * version (never from the client, which could send a quote that is not in the document).
 * A range spanning several blocks reads as their texts joined with '\n'.
 */
import type { Block } from '../../shared/documents.ts';
import { isSurrogateSplit } from '../../shared/text/normalize.ts';
import type { Anchor } from './reanchor.ts';

/** How much context is kept on each side of a quote. */
export const CONTEXT_CHARS = 32;

const indexes = new WeakMap<readonly Block[], Map<string, number>>();

/** Position of each block id in a version; cached because versions are immutable. */
export function blockIndex(blocks: readonly Block[]): Map<string, number> {
  let index = indexes.get(blocks);
  if (!index || index.size !== blocks.length) {
    index = new Map(blocks.map((b, i) => [b.id, i]));
    indexes.set(blocks, index);
  }
  return index;
}

/** Why an anchor does not fit these blocks, or null when it does. */
export function anchorProblem(blocks: readonly Block[], anchor: Anchor): string | null {
  const index = blockIndex(blocks);
  const si = index.get(anchor.start.blockId);
  const ei = index.get(anchor.end.blockId);
  if (si === undefined || ei === undefined) return 'unknown block';
  if (si > ei || (si === ei && anchor.start.offset > anchor.end.offset)) return 'end before start';
  for (const [i, { offset }] of [[si, anchor.start] as const, [ei, anchor.end] as const]) {
    const text = blocks[i].text;
    if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return 'offset out of range';
    if (isSurrogateSplit(text, offset)) return 'offset splits a character';
  }
  return null;
}

function checked(blocks: readonly Block[], anchor: Anchor): [number, number] {
  const problem = anchorProblem(blocks, anchor);
  if (problem) throw new RangeError(`invalid anchor: ${problem}`);
  const index = blockIndex(blocks);
  return [index.get(anchor.start.blockId) as number, index.get(anchor.end.blockId) as number];
}

/** The exact text covered by the anchor. Throws RangeError for an anchor that does not fit. */
export function quoteOf(blocks: readonly Block[], anchor: Anchor): string {
  const [si, ei] = checked(blocks, anchor);
  if (si === ei) return blocks[si].text.slice(anchor.start.offset, anchor.end.offset);
  const parts = [blocks[si].text.slice(anchor.start.offset)];
  for (let i = si + 1; i < ei; i++) parts.push(blocks[i].text);
  parts.push(blocks[ei].text.slice(0, anchor.end.offset));
  return parts.join('\n');
}

/** Up to CONTEXT_CHARS of text on each side of the anchor, crossing block boundaries. */
export function contextOf(blocks: readonly Block[], anchor: Anchor): { prefix: string; suffix: string } {
  const [si, ei] = checked(blocks, anchor);
  // One char more than kept, so that the cut below can step over a surrogate pair.
  let prefix = blocks[si].text.slice(0, anchor.start.offset);
  for (let i = si - 1; i >= 0 && prefix.length < CONTEXT_CHARS; i--) prefix = `${blocks[i].text.slice(-CONTEXT_CHARS - 1)}\n${prefix}`;
  let suffix = blocks[ei].text.slice(anchor.end.offset);
  for (let i = ei + 1; i < blocks.length && suffix.length < CONTEXT_CHARS; i++) suffix = `${suffix}\n${blocks[i].text.slice(0, CONTEXT_CHARS + 1)}`;
  let cut = Math.max(0, prefix.length - CONTEXT_CHARS);
  if (isSurrogateSplit(prefix, cut)) cut++;
  let keep = Math.min(suffix.length, CONTEXT_CHARS);
  if (isSurrogateSplit(suffix, keep)) keep--;
  return { prefix: prefix.slice(cut), suffix: suffix.slice(0, keep) };
}
