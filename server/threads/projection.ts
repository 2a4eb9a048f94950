/**
 * What re-anchoring needs to know about one old → new version step, computed once per step and
 * shared by every thread projected through it (offset mappers are built lazily per block).
 */
import type { Block, DiffChange, DiffEntry } from '../../shared/documents.ts';
import { isSurrogateSplit } from '../../shared/text/normalize.ts';
import { type Bias, charDiff, offsetMapper } from '../documents/char-diff.ts';
import type { BlockMatch } from '../documents/match-blocks.ts';
import { blockIndex } from './anchor-text.ts';
import type { BlockOffset } from './reanchor.ts';

/** An old block that survives, with its new self and the offset map between the two. */
export interface Endpoint {
  old: Block;
  block: Block;
  change: DiffChange;
  map(offset: number, bias: Bias): number;
  /** No character of the old range [from, to) was deleted (words may have been inserted). */
  intact(from: number, to: number): boolean;
}

const cache = new WeakMap<BlockMatch, Projection>();
/** Lines that start a provision: an outdated thread is kept beside its text inside one. */
const HEADINGS = new Set<Block['kind']>(['title', 'part', 'chapter', 'section', 'article']);

export function projectionFor(oldBlocks: Block[], newBlocks: Block[], match: BlockMatch): Projection {
  let p = cache.get(match);
  if (!p || p.oldBlocks !== oldBlocks || p.newBlocks !== newBlocks) {
    p = new Projection(oldBlocks, newBlocks, match);
    cache.set(match, p);
  }
  return p;
}

export class Projection {
  private readonly entries = new Map<string, DiffEntry>();
  private readonly endpoints = new Map<string, Endpoint | null>();
  constructor(
    readonly oldBlocks: Block[],
    readonly newBlocks: Block[],
    private readonly match: BlockMatch,
  ) {
    for (const e of match.diff) if (e.change !== 'removed') this.entries.set(e.blockId, e);
  }

  /** The surviving counterpart of an old block, or null when it was removed. */
  endpoint(oldId: string): Endpoint | null {
    if (this.endpoints.has(oldId)) return this.endpoints.get(oldId) ?? null;
    const oi = blockIndex(this.oldBlocks).get(oldId);
    const newId = this.match.idMap.get(oldId);
    const ni = newId === undefined ? undefined : blockIndex(this.newBlocks).get(newId);
    const endpoint = oi === undefined || ni === undefined ? null : this.build(this.oldBlocks[oi], this.newBlocks[ni]);
    this.endpoints.set(oldId, endpoint);
    return endpoint;
  }

  newPosition(newId: string): number {
    return blockIndex(this.newBlocks).get(newId) ?? -1;
  }

  /** The old range of blocks reappears as the same ids, in the same order, all unchanged. */
  untouchedBetween(oldStartId: string, oldEndId: string): boolean {
    const index = blockIndex(this.oldBlocks);
    const from = index.get(oldStartId) ?? 0;
    const to = index.get(oldEndId) ?? -1;
    const first = this.endpoint(oldStartId);
    let n = first ? this.newPosition(first.block.id) : -1;
    for (let i = from; i <= to; i++, n++) {
      const e = this.endpoint(this.oldBlocks[i].id);
      if (e?.change !== 'unchanged' || this.newBlocks[n]?.id !== e.block.id) return false;
    }
    return true;
  }

  /**
   * Where a thread whose text is gone is shown: in its block at the mapped offset if the block
   * survives; else beside it inside the same provision (the start of the next surviving line of
   * that article, else the end of the previous one, its heading included), so that a deleted
   * last sentence is not shown under the next article; only when nothing of the provision is
   * left, at the start of the next surviving block, else at the end of the previous one.
   */
  placeGone(at: BlockOffset): BlockOffset {
    const e = this.endpoint(at.blockId);
    if (e) return { blockId: e.block.id, offset: safe(e.block.text, e.map(at.offset, 'end')) };
    const oi = blockIndex(this.oldBlocks).get(at.blockId);
    if (oi !== undefined) {
      const near = this.survivorInProvision(oi);
      if (near) return near;
      for (let i = oi + 1; i < this.oldBlocks.length; i++) {
        const next = this.endpoint(this.oldBlocks[i].id);
        if (next) return { blockId: next.block.id, offset: 0 };
      }
      for (let i = oi - 1; i >= 0; i--) {
        const prev = this.endpoint(this.oldBlocks[i].id);
        if (prev) return { blockId: prev.block.id, offset: prev.block.text.length };
      }
    }
    // Nothing survived (or the anchor named no old block): the start of the new version.
    const first = this.newBlocks[0];
    return first ? { blockId: first.id, offset: 0 } : { ...at };
  }

  /** The nearest surviving line of the provision old block `oi` belonged to, as in placeGone. */
  private survivorInProvision(oi: number): BlockOffset | null {
    const old = this.oldBlocks;
    for (let i = oi + 1; i < old.length && !HEADINGS.has(old[i].kind); i++) {
      const next = this.endpoint(old[i].id);
      if (next) return { blockId: next.block.id, offset: 0 };
    }
    // A removed heading took its provision with it: nothing before it is part of that provision.
    for (let i = oi - 1; i >= 0 && !HEADINGS.has(old[oi].kind); i--) {
      const prev = this.endpoint(old[i].id);
      if (prev) return { blockId: prev.block.id, offset: prev.block.text.length };
      if (HEADINGS.has(old[i].kind)) break;
    }
    return null;
  }

  private build(old: Block, block: Block): Endpoint {
    const entry = this.entries.get(block.id);
    const change: DiffChange = old.text !== block.text ? 'edited' : (entry?.change ?? (old.label === block.label ? 'unchanged' : 'moved'));
    if (change !== 'edited') return { old, block, change, map: (offset) => safe(block.text, offset), intact: () => true };
    // Use the stored diff ranges when present, so anchors follow exactly the diff users see.
    const { deleted, inserted } = entry?.deleted && entry.inserted ? entry : charDiff(old.text, block.text);
    const raw = offsetMapper(deleted ?? [], inserted ?? []);
    return {
      old,
      block,
      change,
      map: (offset, bias) => safe(block.text, raw(offset, bias)),
      intact: (from, to) => !(deleted ?? []).some((d) => d.start < to && d.end > from),
    };
  }
}

/** Clamped into the text and never between the two halves of a surrogate pair. */
function safe(text: string, offset: number): number {
  const clamped = Math.max(0, Math.min(text.length, offset));
  return isSurrogateSplit(text, clamped) ? clamped - 1 : clamped;
}
