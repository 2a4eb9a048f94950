/**
 * Approximate search of a (normalised) quote inside one block's normalised text.
 *
 * Sellers' algorithm: edit distance of the quote against the best-matching substring, with the
 * substring's start tracked. A match counts when at least MIN_SIMILARITY of the quote's chars
 * survive AND most of its words are still there: "acht jaren" vs "twaalf jaren" is 70% alike
 * by characters, but the word the comment was about is gone, so that thread is outdated, not
 * "probably still here".
 */
import { type Normalized, originalRange } from '../../shared/text/normalize.ts';

export const MIN_SIMILARITY = 0.7;
/** DP cells we are willing to fill for one thread (quote length × searched text length). */
const CELL_BUDGET = 4_000_000;

interface Hit {
  from: number;
  to: number;
  cost: number;
}

/** Best approximate occurrence near `nearOriginal` (an original offset), or null. */
export function fuzzyFind(quote: string, norm: Normalized, nearOriginal: number): { start: number; end: number } | null {
  const m = quote.length;
  const center = normIndexOf(norm, nearOriginal);
  // Search the whole block when affordable, else a window around the mapped place.
  const span = Math.max(Math.floor(CELL_BUDGET / Math.max(m, 1)), 0);
  if (span < m) return null;
  const lo = norm.text.length <= span ? 0 : Math.max(0, Math.min(center - Math.floor((span - m) / 2), norm.text.length - span));
  const hi = Math.min(norm.text.length, lo + span);
  const hit = sellers(quote, norm.text, lo, hi, center);
  if (!hit || 1 - hit.cost / m < MIN_SIMILARITY) return null;
  if (!mostWordsKept(quote, widenToWords(norm.text, hit.from, hit.to))) return null;
  return originalRange(norm, hit.from, hit.to);
}

/** Sellers DP over text[lo, hi); ties between equally good ends go to the one nearest `center`. */
function sellers(p: string, t: string, lo: number, hi: number, center: number): Hit | null {
  const m = p.length;
  let prevCost = new Int32Array(m + 1);
  let prevStart = new Int32Array(m + 1);
  let cost = new Int32Array(m + 1);
  let start = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    prevCost[i] = i;
    prevStart[i] = lo;
  }
  let best: Hit | null = null;
  for (let j = lo; j < hi; j++) {
    cost[0] = 0;
    start[0] = j + 1; // a match may begin after any text char for free
    for (let i = 1; i <= m; i++) {
      const diag = prevCost[i - 1] + (p[i - 1] === t[j] ? 0 : 1);
      const skipText = prevCost[i] + 1;
      const skipQuote = cost[i - 1] + 1;
      if (diag <= skipText && diag <= skipQuote) [cost[i], start[i]] = [diag, prevStart[i - 1]];
      else if (skipText <= skipQuote) [cost[i], start[i]] = [skipText, prevStart[i]];
      else [cost[i], start[i]] = [skipQuote, start[i - 1]];
    }
    const c = cost[m];
    if (!best || c < best.cost || (c === best.cost && Math.abs(start[m] - center) < Math.abs(best.from - center))) {
      best = { from: start[m], to: j + 1, cost: c };
    }
    [prevCost, cost] = [cost, prevCost];
    [prevStart, start] = [start, prevStart];
  }
  return best;
}

/** Index in the normalised text of an original offset (first normalised char at or after it). */
function normIndexOf(norm: Normalized, original: number): number {
  let lo = 0;
  let hi = norm.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (norm.map[mid] < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORDS = /[\p{L}\p{N}]{2,}/gu;

/** The hit grown to whole words, so a word cut at the edge of the hit still counts as kept. */
function widenToWords(t: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a > 0 && WORD_CHAR.test(t[a - 1])) a--;
  while (b < t.length && WORD_CHAR.test(t[b])) b++;
  return t.slice(a, b);
}

/** Strictly more than half of the quote's distinct words occur in the candidate. */
function mostWordsKept(quote: string, candidate: string): boolean {
  const words = new Set(quote.match(WORDS) ?? []);
  if (words.size === 0) return true;
  let kept = 0;
  for (const w of words) if (candidate.includes(w)) kept++;
  return kept * 2 > words.size;
}
