/**
 * Finds a quote inside ONE block of the new version, in decreasing order of confidence:
 * at the place the char diff maps it to, then anywhere in the block in normalised form, then
 * approximately: the mapped passage when words were only inserted into the quote, else the
 * best approximate substring (see fuzzy-match). Callers never pass another block: a projection must not jump
 * to a different provision that merely contains similar words.
 */
import { type Normalized, normalizeForMatch, originalRange } from '../../shared/text/normalize.ts';
import { fuzzyFind } from './fuzzy-match.ts';

export interface Seek {
  /** The quoted text (or, for a multi-block anchor, the part of it in this block). */
  segment: string;
  /** Text of the block in the new version. */
  text: string;
  /** Where the char diff maps the old start and end (the end may precede the start). */
  mappedStart: number;
  mappedEnd: number;
  /** Context as stored with the thread; only the part inside this block is used. */
  prefix: string;
  suffix: string;
  /** Every char of the quote survived the char diff (words may have been inserted inside it). */
  intact: boolean;
}

export type How = 'place' | 'found' | 'fuzzy';
export interface Found {
  start: number;
  end: number;
  how: How;
}

/** At most this many occurrences are ranked (a one-letter quote in a long block). */
const MAX_OCCURRENCES = 2_000;

export function locate(seek: Seek): Found | null {
  const { segment, text, mappedStart: ms, mappedEnd: me } = seek;
  // A point (an empty quote) has nothing to check: it stays where the diff puts it.
  if (segment === '') return { start: Math.min(ms, me), end: Math.min(ms, me), how: 'place' };
  if (me >= ms && text.slice(ms, me) === segment) return { start: ms, end: me, how: 'place' };
  const quote = normalizeForMatch(segment).text;
  if (quote.length === 0) return null;
  const norm = normalizeForMatch(text);
  const found = bestOccurrence(seek, quote, norm);
  if (found) return { ...found, how: 'found' };
  // The quote is all there with words inserted inside it: the mapped range is that passage.
  if (seek.intact && me > ms) return { start: ms, end: me, how: 'fuzzy' };
  const fuzzy = fuzzyFind(quote, norm, ms);
  return fuzzy ? { ...fuzzy, how: 'fuzzy' } : null;
}

/** Every normalised occurrence, ranked by agreement with the stored context, then nearness. */
function bestOccurrence(seek: Seek, quote: string, norm: Normalized): { start: number; end: number } | null {
  const before = normalizeForMatch(seek.prefix.slice(seek.prefix.lastIndexOf('\n') + 1)).text;
  const cut = seek.suffix.indexOf('\n');
  const after = normalizeForMatch(cut === -1 ? seek.suffix : seek.suffix.slice(0, cut)).text;
  let best: { start: number; end: number; rank: number[] } | null = null;
  let count = 0;
  for (let at = norm.text.indexOf(quote); at !== -1 && count < MAX_OCCURRENCES; at = norm.text.indexOf(quote, at + 1)) {
    count++;
    const score =
      commonSuffix(before, norm.text.slice(Math.max(0, at - before.length), at)) +
      commonPrefix(after, norm.text.slice(at + quote.length, at + quote.length + after.length));
    const range = originalRange(norm, at, at + quote.length);
    // Same context: prefer the occurrence written exactly as quoted, then the nearest one.
    const rank = [score, seek.text.slice(range.start, range.end) === seek.segment ? 1 : 0, -Math.abs(range.start - seek.mappedStart)];
    if (!best || better(rank, best.rank)) best = { ...range, rank };
  }
  return best && { start: best.start, end: best.end };
}

/** Lexicographic comparison of two rank tuples. */
function better(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] > b[k];
  return false;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
