/**
 * Matches the blocks of a new version to those of the previous one, so that a line keeps its id
 * (and its threads) while it survives.
 *
 * 1. Exact diff of the lines (LCS): these lines are unchanged, or moved if their label changed.
 * 2. Lines with identical text outside the LCS, then lines with identical words once their
 *    numbering label is set aside (block-body: "6. Artikel 251…" → "7. Artikel 251…"): moved.
 * 3. Similar lines in the gaps between exact anchors, then anywhere: edited (see block-pairing).
 * 4. The rest: added (new id) or removed.
 */
import type { Block, DiffEntry, ParsedBlock } from '../../shared/documents.ts';
import { bodyOf } from './block-body.ts';
import { Pairer, type Linking } from './block-pairing.ts';
import { charDiff } from './char-diff.ts';
import { lcsPairs, type Pair } from './line-lcs.ts';

export interface BlockMatch {
  /** The new version's blocks, with ids carried over from matched old blocks. */
  blocks: Block[];
  /** One entry per new block in order, with removed old blocks interleaved where they were. */
  diff: DiffEntry[];
  /** Old id → id in the new version, for every old block that survives. */
  idMap: Map<string, string>;
}

export function matchBlocks(oldBlocks: Block[], newBlocks: ParsedBlock[], newId: () => string): BlockMatch {
  const link: Linking = {
    oldToNew: new Int32Array(oldBlocks.length).fill(-1),
    newToOld: new Int32Array(newBlocks.length).fill(-1),
  };
  const lcs = exactPairs(oldBlocks, newBlocks);
  for (const [i, j] of lcs) connect(link, i, j);
  pairMoved(oldBlocks, newBlocks, link);
  const pairer = new Pairer(oldBlocks, newBlocks, link);
  pairer.pairGaps(lcs);
  pairer.pairGlobally();
  return build(oldBlocks, newBlocks, link, lcs, newId);
}

function connect(link: Linking, i: number, j: number): void {
  link.oldToNew[i] = j;
  link.newToOld[j] = i;
}

/** LCS over exact line texts, interned as integers so the diff compares numbers. */
function exactPairs(oldBlocks: Block[], newBlocks: ParsedBlock[]): Pair[] {
  const ids = new Map<string, number>();
  const intern = (text: string) => {
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  };
  return lcsPairs(
    oldBlocks.map((b) => intern(b.text)),
    newBlocks.map((b) => intern(b.text)),
  );
}

/**
 * Identical text that the LCS could not keep in order, then identical words under another
 * numbering label (the importer may read a label in one version and not the other, so exact
 * text goes first): the line moved.
 */
function pairMoved(oldBlocks: Block[], newBlocks: ParsedBlock[], link: Linking): void {
  for (const key of [(b: ParsedBlock) => b.text, bodyOf]) {
    const waiting = new Map<string, number[]>();
    oldBlocks.forEach((b, i) => {
      if (link.oldToNew[i] !== -1) return;
      const list = waiting.get(key(b));
      if (list) list.push(i);
      else waiting.set(key(b), [i]);
    });
    newBlocks.forEach((b, j) => {
      if (link.newToOld[j] !== -1) return;
      const i = waiting.get(key(b))?.shift();
      if (i !== undefined) connect(link, i, j);
    });
  }
}

function build(oldBlocks: Block[], newBlocks: ParsedBlock[], link: Linking, lcs: Pair[], newId: () => string): BlockMatch {
  const inLcs = new Uint8Array(newBlocks.length);
  for (const [, j] of lcs) inLcs[j] = 1;
  const idMap = new Map<string, string>();
  const blocks = newBlocks.map((p, j): Block => {
    const old = link.newToOld[j] === -1 ? undefined : oldBlocks[link.newToOld[j]];
    // An id must appear once per version even if the old version (wrongly) repeated one.
    const id = old && !idMap.has(old.id) ? old.id : newId();
    if (old && id === old.id) idMap.set(old.id, id);
    return { id, ordinal: j, kind: p.kind, label: p.label, path: p.path, text: p.text, dir: p.dir };
  });
  const removedAfter = removedPlaces(oldBlocks, link, lcs, idMap);
  const diff: DiffEntry[] = [...(removedAfter.get(-1) ?? [])];
  blocks.forEach((b, j) => {
    const i = link.newToOld[j];
    const old = i === -1 || idMap.get(oldBlocks[i].id) !== b.id ? undefined : oldBlocks[i];
    diff.push(old ? entryFor(old, b, inLcs[j] === 1) : { blockId: b.id, change: 'added', label: b.label, newOrdinal: j, newText: b.text });
    const removed = removedAfter.get(j);
    if (removed) diff.push(...removed);
  });
  return { blocks, diff, idMap };
}

function entryFor(old: Block, b: Block, inLcs: boolean): DiffEntry {
  const { id: blockId, label } = b;
  const [oldOrdinal, newOrdinal] = [old.ordinal, b.ordinal];
  if (old.text !== b.text && bodyOf(old) !== bodyOf(b)) {
    const { deleted, inserted } = charDiff(old.text, b.text);
    return { blockId, change: 'edited', label, oldOrdinal, newOrdinal, oldText: old.text, newText: b.text, deleted, inserted };
  }
  const renumbered = old.label !== label || old.kind !== b.kind || old.text !== b.text;
  if (inLcs && !renumbered) return { blockId, change: 'unchanged', label, oldOrdinal, newOrdinal };
  return { blockId, change: 'moved', label, oldOrdinal, newOrdinal, oldText: old.text, newText: b.text };
}

/** Removed blocks are listed after the new position of the last exact anchor before them. */
function removedPlaces(oldBlocks: Block[], link: Linking, lcs: Pair[], idMap: Map<string, string>): Map<number, DiffEntry[]> {
  const anchorOf = new Int32Array(oldBlocks.length).fill(-1);
  for (const [i, j] of lcs) anchorOf[i] = j;
  const places = new Map<number, DiffEntry[]>();
  let after = -1;
  oldBlocks.forEach((b, i) => {
    if (anchorOf[i] !== -1) after = anchorOf[i];
    if (link.oldToNew[i] !== -1 && idMap.has(b.id)) return;
    const removed: DiffEntry = { blockId: b.id, change: 'removed', label: b.label, oldOrdinal: b.ordinal, oldText: b.text };
    const list = places.get(after);
    if (list) list.push(removed);
    else places.set(after, [removed]);
  });
  return places;
}
