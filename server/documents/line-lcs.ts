/**
 * Longest common subsequence of two line sequences (lines interned as integers), fast on large
 * documents whatever the amount of change.
 *
 * Patience diff: common prefix and suffix first; then lines that occur exactly once on each
 * side anchor the alignment (their longest increasing run, O(n log n)); the small gaps between
 * anchors, where repeated lines live, are diffed with Myers (jsdiff), whose cost grows with the
 * number of edits and which gives up past a bound (the similarity passes then take over).
 */
import { diffArrays } from 'diff';

export type Pair = [oldIndex: number, newIndex: number];

/** Myers gives up beyond this many line edits in one gap (its cost is about quadratic in them). */
const MAX_EDITS = 1_000;

export function lcsPairs(a: readonly number[], b: readonly number[]): Pair[] {
  // Pairs are produced in increasing order (no sort of a 20,000-element list afterwards), and
  // the loops avoid per-line allocation: this runs on every published version.
  const pairs: Pair[] = [];
  const r = trimmed(a, b, 0, a.length, 0, b.length);
  for (let k = 0; k < r.a0; k++) pairs.push([k, k]);
  let pi = r.a0;
  let pj = r.b0;
  for (const [i, j] of [...uniqueAnchors(a, b, r.a0, r.a1, r.b0, r.b1), [r.a1, r.b1] as Pair]) {
    const g = trimmed(a, b, pi, i, pj, j);
    for (let k = 0; k < g.a0 - pi; k++) pairs.push([pi + k, pj + k]);
    myers(a, b, g.a0, g.a1, g.b0, g.b1, pairs);
    for (let k = 0; k < i - g.a1; k++) pairs.push([g.a1 + k, g.b1 + k]);
    if (i < r.a1) pairs.push([i, j]);
    pi = i + 1;
    pj = j + 1;
  }
  for (let k = 0; k < a.length - r.a1; k++) pairs.push([r.a1 + k, r.b1 + k]);
  return pairs;
}

interface Range {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

/** The range without its common head and tail. */
function trimmed(a: readonly number[], b: readonly number[], a0: number, a1: number, b0: number, b1: number): Range {
  const r = { a0, a1, b0, b1 };
  while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a0] === b[r.b0]) {
    r.a0++;
    r.b0++;
  }
  while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a1 - 1] === b[r.b1 - 1]) {
    r.a1--;
    r.b1--;
  }
  return r;
}

function myers(a: readonly number[], b: readonly number[], a0: number, a1: number, b0: number, b1: number, out: Pair[]): void {
  if (a0 === a1 || b0 === b1) return;
  const changes = diffArrays(a.slice(a0, a1), b.slice(b0, b1), { maxEditLength: MAX_EDITS });
  if (!changes) return;
  let i = a0;
  let j = b0;
  for (const c of changes) {
    if (!c.added && !c.removed) for (let k = 0; k < c.count; k++) out.push([i++, j++]);
    else if (c.removed) i += c.count;
    else j += c.count;
  }
}

/** Lines occurring exactly once on each side, reduced to their longest increasing run. */
function uniqueAnchors(a: readonly number[], b: readonly number[], a0: number, a1: number, b0: number, b1: number): Pair[] {
  // Interned line ids are small integers: typed arrays indexed by id, no per-line allocation.
  let size = 0;
  for (let i = a0; i < a1; i++) size = Math.max(size, a[i] + 1);
  const inA = new Int32Array(size);
  const inB = new Int32Array(size);
  const posB = new Int32Array(size);
  for (let i = a0; i < a1; i++) inA[a[i]]++;
  for (let j = b0; j < b1; j++) {
    if (b[j] >= size || inA[b[j]] !== 1) continue;
    inB[b[j]]++;
    posB[b[j]] = j;
  }
  const candidates: Pair[] = [];
  for (let i = a0; i < a1; i++) if (inA[a[i]] === 1 && inB[a[i]] === 1) candidates.push([i, posB[a[i]]]);
  return longestIncreasing(candidates);
}

/** Longest subsequence of pairs increasing in the new index (patience sorting). */
function longestIncreasing(pairs: Pair[]): Pair[] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[k][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const result: Pair[] = [];
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = prev[k]) result.push(pairs[k]);
  return result.reverse();
}
