/**
 * Pairs lines that the exact diff left over, by similarity. Two passes:
 *
 * - inside each gap between exact anchors (where an edited line almost always is), comparing
 *   each old line with the new lines at about the same relative place (a window, so a gap of
 *   thousands of lines never costs thousands squared);
 * - then across the whole document for what is still unpaired (an edited line that also moved),
 *   with a stricter threshold and a budget on the number of comparisons.
 *
 * Structural position (same label, path, kind, relative place) only breaks ties between
 * candidates: it never makes dissimilar text "the same line".
 */
import type { ParsedBlock } from '../../shared/documents.ts';
import { bodyOf } from './block-body.ts';
import { dice, mayReach, TrigramCache } from './block-similarity.ts';
import type { Pair } from './line-lcs.ts';

export interface Linking {
  /** old index → new index, or -1 */
  oldToNew: Int32Array;
  /** new index → old index, or -1 */
  newToOld: Int32Array;
}

interface Candidate {
  i: number;
  j: number;
  score: number;
}

/** Dice at or above which two lines in the same gap are the same line, edited. */
const GAP_THRESHOLD = 0.5;
/** A lone old line replaced by a lone new line of the same kind: position is strong evidence. */
const LONE_THRESHOLD = 0.3;
/** Far apart, only near-identical text is convincing. */
const GLOBAL_THRESHOLD = 0.7;
const FULL_GAP = 2_500;
const WINDOW = 40;
const GLOBAL_BUDGET = 250_000;

export class Pairer {
  private readonly oldTri: TrigramCache;
  private readonly newTri: TrigramCache;
  constructor(
    private readonly oldBlocks: readonly ParsedBlock[],
    private readonly newBlocks: readonly ParsedBlock[],
    private readonly link: Linking,
  ) {
    // Bodies, not texts: a renumbered and edited line must not lose similarity to its label.
    this.oldTri = new TrigramCache((i) => bodyOf(oldBlocks[i]));
    this.newTri = new TrigramCache((j) => bodyOf(newBlocks[j]));
  }

  /** Similarity pairing inside each gap between consecutive exact anchors. */
  pairGaps(anchors: readonly Pair[]): void {
    let pi = 0;
    let pj = 0;
    for (const [i, j] of [...anchors, [this.oldBlocks.length, this.newBlocks.length] as Pair]) {
      if (i > pi && j > pj) {
        const olds = this.free(this.link.oldToNew, pi, i);
        const news = this.free(this.link.newToOld, pj, j);
        if (olds.length && news.length) this.pairGap(olds, news);
      }
      pi = i + 1;
      pj = j + 1;
    }
  }

  /** Last resort for edited lines that also moved across anchors. */
  pairGlobally(): void {
    const olds = this.free(this.link.oldToNew, 0, this.oldBlocks.length);
    const news = this.free(this.link.newToOld, 0, this.newBlocks.length);
    if (!olds.length || !news.length || olds.length * news.length > GLOBAL_BUDGET) return;
    const candidates: Candidate[] = [];
    for (const i of olds) for (const j of news) this.consider(i, j, GLOBAL_THRESHOLD, 0, candidates);
    this.accept(candidates);
  }

  private pairGap(olds: number[], news: number[]): void {
    const lone = olds.length === 1 && news.length === 1;
    const everyPair = olds.length * news.length <= FULL_GAP;
    const candidates: Candidate[] = [];
    olds.forEach((i, k) => {
      const rel = olds.length === 1 ? 0.5 : k / (olds.length - 1);
      const center = Math.round(rel * (news.length - 1));
      const lo = everyPair ? 0 : Math.max(0, center - WINDOW);
      const hi = everyPair ? news.length - 1 : Math.min(news.length - 1, center + WINDOW);
      for (let m = lo; m <= hi; m++) {
        const sameKind = this.oldBlocks[i].kind === this.newBlocks[news[m]].kind;
        const threshold = lone && sameKind ? LONE_THRESHOLD : GAP_THRESHOLD;
        const drift = Math.abs(rel - (news.length === 1 ? 0.5 : m / (news.length - 1)));
        this.consider(i, news[m], threshold, drift, candidates);
      }
    });
    this.accept(candidates);
  }

  private consider(i: number, j: number, threshold: number, drift: number, out: Candidate[]): void {
    const [x, y] = [this.oldTri.get(i), this.newTri.get(j)];
    if (!mayReach(x, y, threshold)) return;
    const d = dice(x, y);
    if (d < threshold) return;
    const a = this.oldBlocks[i];
    const b = this.newBlocks[j];
    // Tie-breakers, each smaller than any meaningful difference in text similarity.
    const structure =
      (a.label !== null && a.label === b.label ? 0.03 : 0) + (a.path === b.path ? 0.02 : 0) + (a.kind === b.kind ? 0.01 : 0);
    out.push({ i, j, score: d + structure - 0.02 * drift });
  }

  /** Greedy one-to-one acceptance, best score first. */
  private accept(candidates: Candidate[]): void {
    candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
    for (const { i, j } of candidates) {
      if (this.link.oldToNew[i] !== -1 || this.link.newToOld[j] !== -1) continue;
      this.link.oldToNew[i] = j;
      this.link.newToOld[j] = i;
    }
  }

  private free(side: Int32Array, from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = from; k < to; k++) if (side[k] === -1) out.push(k);
    return out;
  }
}
