/**
 * Carries a thread's anchor onto the next version (DESIGN.md, "Anchors across versions").
 *
 * Block identity comes only from the block match; offsets inside an edited block go through
 * the char diff; the quote is then checked at the mapped place, searched in normalised form in
 * the SAME block(s), then matched approximately there. Nothing ever searches another block, and
 * every thread gets an anchor and a state: when the text is gone the anchor collapses to where
 * it used to be.
 */
import type { Block } from '../../shared/documents.ts';
import { anchorProblem, quoteOf } from './anchor-text.ts';
import { type Found, locate } from './find-in-block.ts';
import { type Endpoint, type Projection, projectionFor } from './projection.ts';
import type { matchBlocks } from '../documents/match-blocks.ts';

export { anchorProblem, CONTEXT_CHARS, contextOf, quoteOf } from './anchor-text.ts';

export interface BlockOffset {
  blockId: string;
  offset: number;
}
export interface Anchor {
  start: BlockOffset;
  end: BlockOffset;
}
export type AnchorState = 'unchanged' | 'moved' | 'edited' | 'uncertain' | 'outdated';
/** An anchor on the old version with the text it covers (blocks joined with '\n') and context. */
export interface AnchorSource {
  anchor: Anchor;
  quote: string;
  prefix: string;
  suffix: string;
  /** State of the projection this source is (chained projection); `outdated` stays outdated. */
  state?: AnchorState;
}
export interface Reanchored {
  anchor: Anchor;
  state: AnchorState;
}

export function reanchor(
  source: AnchorSource,
  oldBlocks: Block[],
  newBlocks: Block[],
  match: ReturnType<typeof matchBlocks>,
): Reanchored {
  const p = projectionFor(oldBlocks, newBlocks, match);
  const { start, end } = source.anchor;
  // A collapsed anchor that still claims a quote is an outdated projection from an earlier round.
  const wasOutdated = source.state === 'outdated' || (source.quote !== '' && isCollapsed(source.anchor));
  if (wasOutdated || anchorProblem(oldBlocks, source.anchor)) return outdated(p.placeGone(start));
  const a = p.endpoint(start.blockId);
  const b = p.endpoint(end.blockId);
  if (!a || !b) return outdated(p.placeGone(start));
  return start.blockId === end.blockId ? single(source, a) : multi(source, a, b, p);
}

function isCollapsed({ start, end }: Anchor): boolean {
  return start.blockId === end.blockId && start.offset === end.offset;
}

function outdated(at: BlockOffset): Reanchored {
  return { anchor: { start: at, end: { ...at } }, state: 'outdated' };
}

function single(source: AnchorSource, a: Endpoint): Reanchored {
  const { start, end } = source.anchor;
  const found = locate({
    segment: source.quote,
    text: a.block.text,
    mappedStart: a.map(start.offset, 'start'),
    mappedEnd: a.map(end.offset, 'end'),
    prefix: source.prefix,
    suffix: source.suffix,
    intact: a.intact(start.offset, end.offset),
  });
  if (!found) return outdated({ blockId: a.block.id, offset: a.map(start.offset, 'end') });
  const anchor = { start: { blockId: a.block.id, offset: found.start }, end: { blockId: a.block.id, offset: found.end } };
  const samePlace = a.change === 'unchanged' && found.start === start.offset && found.end === end.offset;
  return { anchor, state: stateOf([found], a.change === 'edited', samePlace) };
}

/** Both ends must be found in their own blocks; what lies between may have changed. */
function multi(source: AnchorSource, a: Endpoint, b: Endpoint, p: Projection): Reanchored {
  const { start, end } = source.anchor;
  const parts = source.quote.split('\n');
  const head = parts.length > 1 ? parts[0] : a.old.text.slice(start.offset);
  const tail = parts.length > 1 ? parts[parts.length - 1] : b.old.text.slice(0, end.offset);
  const rest = (s: string) => s.slice(Math.min(s.length, head.length + 1));
  const first = locate({
    segment: head,
    text: a.block.text,
    mappedStart: a.map(start.offset, 'start'),
    mappedEnd: a.map(a.old.text.length, 'end'),
    prefix: source.prefix,
    suffix: `\n${rest(source.quote)}`,
    intact: a.intact(start.offset, a.old.text.length),
  });
  const last = locate({
    segment: tail,
    text: b.block.text,
    mappedStart: b.map(0, 'start'),
    mappedEnd: b.map(end.offset, 'end'),
    prefix: source.quote.slice(0, source.quote.length - tail.length),
    suffix: source.suffix,
    intact: b.intact(0, end.offset),
  });
  const gone = () => outdated({ blockId: a.block.id, offset: a.map(start.offset, 'end') });
  if (!first || !last || p.newPosition(a.block.id) > p.newPosition(b.block.id)) return gone();
  const anchor = { start: { blockId: a.block.id, offset: first.start }, end: { blockId: b.block.id, offset: last.end } };
  const sameText = quoteOf(p.newBlocks, anchor) === source.quote;
  const samePlace =
    sameText && first.start === start.offset && last.end === end.offset && p.untouchedBetween(start.blockId, end.blockId);
  const edited = !sameText || a.change === 'edited' || b.change === 'edited';
  return { anchor, state: stateOf([first, last], edited, samePlace) };
}

function stateOf(found: Found[], edited: boolean, samePlace: boolean): AnchorState {
  if (found.some((f) => f.how === 'fuzzy')) return 'uncertain';
  if (edited || found.some((f) => f.how === 'found')) return 'edited';
  return samePlace ? 'unchanged' : 'moved';
}
