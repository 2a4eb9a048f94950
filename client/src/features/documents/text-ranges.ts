/**
 * Pure helpers for the reader: which parts of a line the threads cover (for highlights that
 * show overlaps), and a word diff between a quoted passage and a suggested wording.
 */
import type { ThreadDto } from '../../../../shared/threads.ts';

export interface Segment {
  start: number;
  end: number;
  /** Ids of the threads covering this segment (empty: plain text). */
  threads: string[];
}

/** The [start, end) of `thread` on the line `blockId` at position `index`, or null. */
export function rangeOnLine(thread: ThreadDto, blockIndex: number, textLength: number, indexOf: (blockId: string) => number): [number, number] | null {
  const first = indexOf(thread.anchor.start.blockId);
  const last = indexOf(thread.anchor.end.blockId);
  if (first < 0 || last < 0 || blockIndex < first || blockIndex > last) return null;
  const start = blockIndex === first ? thread.anchor.start.offset : 0;
  const end = blockIndex === last ? thread.anchor.end.offset : textLength;
  const s = Math.max(0, Math.min(start, textLength));
  const e = Math.max(0, Math.min(end, textLength));
  return e > s ? [s, e] : null;
}

/** Splits a line of `length` into segments at every highlight boundary. */
export function segmentsOf(length: number, ranges: ReadonlyArray<{ id: string; start: number; end: number }>): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= length).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    segments.push({ start, end, threads: ranges.filter((r) => r.start <= start && r.end >= end).map((r) => r.id) });
  }
  return segments;
}

export interface WordChange {
  text: string;
  change: 'same' | 'deleted' | 'inserted';
}

/** A word-level diff (longest common subsequence over words and spaces). */
export function wordDiff(before: string, after: string): WordChange[] {
  const a = before.split(/(\s+)/).filter((w) => w !== '');
  const b = after.split(/(\s+)/).filter((w) => w !== '');
  if (a.length * b.length > 4_000_000) {
    return [
      { text: before, change: 'deleted' },
      { text: after, change: 'inserted' },
    ];
  }
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out: WordChange[] = [];
  const push = (text: string, change: WordChange['change']) => {
    const last = out[out.length - 1];
    if (last && last.change === change) last.text += text;
    else out.push({ text, change });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(a[i], 'same');
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) push(a[i++], 'deleted');
    else push(b[j++], 'inserted');
  }
  while (i < a.length) push(a[i++], 'deleted');
  while (j < b.length) push(b[j++], 'inserted');
  return out;
}

/** Splits `text` by character ranges into marked and plain pieces (for the version diff). */
export function markRanges(text: string, ranges: ReadonlyArray<{ start: number; end: number }> | undefined): { text: string; marked: boolean }[] {
  if (!ranges || ranges.length === 0) return [{ text, marked: false }];
  const sorted = [...ranges].sort((x, y) => x.start - y.start);
  const out: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(at, r.start);
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    if (r.end > start) out.push({ text: text.slice(start, r.end), marked: true });
    at = Math.max(at, r.end);
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
