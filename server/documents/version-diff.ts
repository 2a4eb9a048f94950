/**
 * The diff between any two stored versions, by block id (ids were assigned when each version
 * was published): unchanged, edited (with character ranges), moved, added, removed. A line whose
 * text differs only by its numbering label (6. → 7.) is moved, not edited (block-body).
 */
import type { Block, DiffEntry } from '../../shared/documents.ts';
import { bodyOf } from './block-body.ts';
import { charDiff } from './char-diff.ts';
import { lcsPairs } from './line-lcs.ts';

/** Blocks kept in the same relative order, by id (the rest of the common ones moved). */
function inOrder(oldBlocks: Block[], newBlocks: Block[], common: Set<string>): Set<string> {
  const ids = oldBlocks.filter((b) => common.has(b.id)).map((b) => b.id);
  const number = new Map(ids.map((id, i) => [id, i]));
  const a = ids.map((_, i) => i);
  const b = newBlocks.filter((x) => common.has(x.id)).map((x) => number.get(x.id) as number);
  return new Set(lcsPairs(a, b).map(([i]) => ids[i]));
}

export function diffVersions(oldBlocks: Block[], newBlocks: Block[]): DiffEntry[] {
  const oldById = new Map(oldBlocks.map((b) => [b.id, b]));
  const newIds = new Set(newBlocks.map((b) => b.id));
  const common = new Set(newBlocks.filter((b) => oldById.has(b.id)).map((b) => b.id));
  const stable = inOrder(oldBlocks, newBlocks, common);
  const entries: DiffEntry[] = [];
  let oldCursor = 0;
  const flushRemoved = (untilOrdinal: number) => {
    while (oldCursor < oldBlocks.length && oldBlocks[oldCursor].ordinal < untilOrdinal) {
      const o = oldBlocks[oldCursor++];
      if (!newIds.has(o.id)) entries.push({ blockId: o.id, change: 'removed', label: o.label, oldOrdinal: o.ordinal, oldText: o.text });
    }
  };
  for (const b of newBlocks) {
    const o = oldById.get(b.id);
    if (!o) {
      entries.push({ blockId: b.id, change: 'added', label: b.label, newOrdinal: b.ordinal, newText: b.text });
      continue;
    }
    flushRemoved(o.ordinal);
    if (o.text !== b.text && bodyOf(o) !== bodyOf(b)) {
      const d = charDiff(o.text, b.text);
      entries.push({ blockId: b.id, change: 'edited', label: b.label, oldOrdinal: o.ordinal, newOrdinal: b.ordinal, oldText: o.text, newText: b.text, deleted: d.deleted, inserted: d.inserted });
    } else {
      const moved = !stable.has(b.id) || o.label !== b.label || o.text !== b.text;
      entries.push({ blockId: b.id, change: moved ? 'moved' : 'unchanged', label: b.label, oldOrdinal: o.ordinal, newOrdinal: b.ordinal, ...(moved ? { oldText: o.text, newText: b.text } : {}) });
    }
  }
  flushRemoved(Number.POSITIVE_INFINITY);
  return entries;
}
