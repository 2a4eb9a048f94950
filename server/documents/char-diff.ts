/**
 * Character diff between two versions of one line, and the offset map it implies.
 *
 * Strategy: diff words first (a word is a run of letters, marks and digits, so an Arabic word
 * with its harakat is one token; jsdiff's own word regex only knows Latin letters), then refine
 * each replaced run with a character diff when the two sides are mostly alike (a spelling fix,
 * added diacritics). Whole words replaced by other words stay whole: a char diff of "acht" vs
 * "twaalf" would keep a stray common "a" and produce unreadable, misleading ranges.
 */
import { diffArrays, diffChars } from 'diff';
import type { TextRange } from '../../shared/documents.ts';

export type Bias = 'start' | 'end';

export interface CharDiff {
  /** Ranges of the old text that were deleted, sorted, disjoint, never adjacent. */
  deleted: TextRange[];
  /** Ranges of the new text that were inserted, sorted, disjoint, never adjacent. */
  inserted: TextRange[];
  /** New offset of an old offset (see offsetMapper for the bias rules). */
  mapOffset(oldOffset: number, bias: Bias): number;
}

type Op = { kind: 'eq' | 'del' | 'ins'; len: number };

/**
 * A word (letters, marks, digits) or one other character, each with the spaces after it: spaces
 * on their own would let the diff keep the spaces and swap every word around them.
 */
const TOKEN = /[\p{L}\p{M}\p{N}_]+\s*|\s+|.\s*/gsu;
/** Beyond this many token edits a line was rewritten: one replacement says it honestly and fast. */
const MAX_TOKEN_EDITS = 2_000;
/** Replaced runs longer than this are not refined char by char (cost, and the result is noise). */
const REFINE_MAX = 300;

export function charDiff(oldText: string, newText: string): CharDiff {
  const ops = oldText === newText ? [{ kind: 'eq', len: oldText.length } as Op] : wordOps(oldText, newText);
  const { deleted, inserted } = rangesOf(ops);
  return { deleted, inserted, mapOffset: offsetMapper(deleted, inserted) };
}

type Run = { kind: Op['kind']; tokens: string[] };

function wordOps(oldText: string, newText: string): Op[] {
  const a = oldText.match(TOKEN) ?? [];
  const b = newText.match(TOKEN) ?? [];
  const changes = diffArrays(a, b, { maxEditLength: MAX_TOKEN_EDITS });
  if (!changes) return replaceMiddle(oldText, newText);
  const runs = slideLeft(changes.map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'eq', tokens: c.value })));
  const ops: Op[] = [];
  for (let k = 0; k < runs.length; k++) {
    const text = runs[k].tokens.join('');
    if (runs[k].kind === 'del' && runs[k + 1]?.kind === 'ins') {
      ops.push(...refine(text, runs[++k].tokens.join('')));
    } else {
      ops.push({ kind: runs[k].kind, len: text.length });
    }
  }
  return ops;
}

const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * A pure insertion or deletion can often sit at several places ("met [X, met] het" equals
 * "[met X, ]met het"); put it at the earliest place where it starts with a word, where a reader
 * expects it.
 */
function slideLeft(runs: Run[]): Run[] {
  for (let k = 1; k < runs.length; k++) {
    const [prev, cur] = [runs[k - 1], runs[k]];
    if (prev.kind !== 'eq' || cur.kind === 'eq' || runs[k + 1]?.kind === (cur.kind === 'ins' ? 'del' : 'ins')) continue;
    let next = runs[k + 1];
    while (prev.tokens.length && prev.tokens[prev.tokens.length - 1] === cur.tokens[cur.tokens.length - 1]) {
      if (next?.kind !== 'eq') {
        next = { kind: 'eq', tokens: [] };
        runs.splice(k + 1, 0, next);
      }
      next.tokens.unshift(cur.tokens.pop() as string);
      cur.tokens.unshift(prev.tokens.pop() as string);
    }
    // ...but not so early that it starts with punctuation ("[, met X] het" → "[met X, ]het").
    while (next?.kind === 'eq' && !WORD_START.test(cur.tokens[0]) && next.tokens[0] === cur.tokens[0]) {
      prev.tokens.push(cur.tokens.shift() as string);
      cur.tokens.push(next.tokens.shift() as string);
    }
  }
  return runs.filter((r) => r.tokens.length > 0);
}

/** Char-level diff of one replaced run, kept only when two thirds of the characters survive. */
function refine(oldRun: string, newRun: string): Op[] {
  const whole: Op[] = [
    { kind: 'del', len: oldRun.length },
    { kind: 'ins', len: newRun.length },
  ];
  if (oldRun.length > REFINE_MAX || newRun.length > REFINE_MAX) return whole;
  const changes = diffChars(oldRun, newRun);
  const kept = changes.reduce((n, c) => (c.added || c.removed ? n : n + c.value.length), 0);
  if (kept * 3 < Math.max(oldRun.length, newRun.length) * 2) return whole;
  return changes.map((c) => ({ kind: c.added ? 'ins' : c.removed ? 'del' : 'eq', len: c.value.length }));
}

/** Fallback for wholesale rewrites: keep the common prefix and suffix, replace the middle. */
function replaceMiddle(a: string, b: string): Op[] {
  const cpA = Array.from(a);
  const cpB = Array.from(b);
  let p = 0;
  while (p < cpA.length && p < cpB.length && cpA[p] === cpB[p]) p++;
  let s = 0;
  while (s < cpA.length - p && s < cpB.length - p && cpA[cpA.length - 1 - s] === cpB[cpB.length - 1 - s]) s++;
  const units = (cps: string[]) => cps.join('').length;
  return [
    { kind: 'eq', len: units(cpA.slice(0, p)) },
    { kind: 'del', len: units(cpA.slice(p, cpA.length - s)) },
    { kind: 'ins', len: units(cpB.slice(p, cpB.length - s)) },
    { kind: 'eq', len: units(cpA.slice(cpA.length - s)) },
  ];
}

function rangesOf(ops: Op[]): { deleted: TextRange[]; inserted: TextRange[] } {
  const deleted: TextRange[] = [];
  const inserted: TextRange[] = [];
  let oldPos = 0;
  let newPos = 0;
  const add = (list: TextRange[], start: number, len: number) => {
    const last = list[list.length - 1];
    if (last && last.end === start) last.end += len;
    else list.push({ start, end: start + len });
  };
  for (const op of ops) {
    if (op.len === 0) continue;
    if (op.kind !== 'ins') {
      if (op.kind === 'del') add(deleted, oldPos, op.len);
      oldPos += op.len;
    }
    if (op.kind !== 'del') {
      if (op.kind === 'ins') add(inserted, newPos, op.len);
      newPos += op.len;
    }
  }
  return { deleted, inserted };
}

interface Region {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** Groups deletions and insertions into change regions separated by equal text. */
function regionsOf(deleted: TextRange[], inserted: TextRange[]): Region[] {
  const regions: Region[] = [];
  let oldPos = 0;
  let newPos = 0;
  let d = 0;
  let i = 0;
  while (d < deleted.length || i < inserted.length) {
    const gapD = d < deleted.length ? deleted[d].start - oldPos : Number.POSITIVE_INFINITY;
    const gapI = i < inserted.length ? inserted[i].start - newPos : Number.POSITIVE_INFINITY;
    const gap = Math.min(gapD, gapI);
    oldPos += gap;
    newPos += gap;
    const region = { oldStart: oldPos, oldEnd: oldPos, newStart: newPos, newEnd: newPos };
    if (gapD === gap) oldPos = deleted[d++].end;
    if (gapI === gap) newPos = inserted[i++].end;
    region.oldEnd = oldPos;
    region.newEnd = newPos;
    regions.push(region);
  }
  return regions;
}

/**
 * Offset map from the ranges of a diff (also usable on a stored DiffEntry).
 *
 * Offsets in equal text move with it. An offset touching a change region maps so that an
 * anchor shrinks rather than grows: a start ('start' bias) goes after the region's new text,
 * an end ('end' bias) before it. So an anchor never silently swallows inserted words, and
 * `mapOffset(x, 'end')` is where deleted text used to be.
 */
export function offsetMapper(deleted: TextRange[], inserted: TextRange[]): (oldOffset: number, bias: Bias) => number {
  const regions = regionsOf(deleted, inserted);
  return (oldOffset, bias) => {
    let delta = 0;
    for (const r of regions) {
      if (oldOffset < r.oldStart) break;
      if (oldOffset <= r.oldEnd) return bias === 'start' ? r.newEnd : r.newStart;
      delta = r.newEnd - r.oldEnd;
    }
    return oldOffset + delta;
  };
}
