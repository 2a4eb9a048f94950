/**
 * Similarity of two lines, to decide whether a new line is an edit of an old one.
 *
 * Dice coefficient over character trigrams of the normalised text: robust to Arabic clitics
 * (و، ب، ال glued to words), to diacritics and to small rewordings. A trigram set is a sorted
 * array of numeric keys so that comparing two lines is a merge, with no string allocation: the
 * matcher may compare tens of thousands of pairs on a large document.
 */
import { normalizeForMatch } from '../../shared/text/normalize.ts';

export type Trigrams = Float64Array;

export function trigrams(text: string): Trigrams {
  const t = ` ${normalizeForMatch(text).text.trim()} `;
  const keys: number[] = [];
  // Three UTF-16 units packed into one exact integer (3 × 16 bits < 2^53).
  for (let i = 0; i + 3 <= t.length; i++) keys.push((t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1)) * 65536 + t.charCodeAt(i + 2));
  const sorted = Float64Array.from(keys).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

export function dice(a: Trigrams, b: Trigrams): number {
  if (a.length + b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

/** False when the sizes alone rule out reaching `threshold` (Dice ≤ 2·min / (min + max)). */
export function mayReach(a: Trigrams, b: Trigrams, threshold: number): boolean {
  const small = Math.min(a.length, b.length);
  const large = Math.max(a.length, b.length);
  return large === 0 || (2 * small) / (small + large) >= threshold;
}

/** Lazily computed trigram sets, so only lines the matcher actually compares pay for them. */
export class TrigramCache {
  private readonly cache = new Map<number, Trigrams>();
  constructor(private readonly texts: (i: number) => string) {}
  get(i: number): Trigrams {
    let t = this.cache.get(i);
    if (!t) {
      t = trigrams(this.texts(i));
      this.cache.set(i, t);
    }
    return t;
  }
}
