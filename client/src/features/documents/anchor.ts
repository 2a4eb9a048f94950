/**
 * From a DOM selection to an API anchor: each line is an element with `data-block-id` whose
 * text element (`data-line-text`) holds exactly the line's text, possibly split by highlight
 * elements. Offsets are counted in UTF-16 code units (what DOM offsets and the API use), so an
 * emoji outside the BMP counts 2 and Arabic letters 1 each, whatever the display direction.
 */
import type { Anchor } from '../../../../shared/threads.ts';

export interface RangeLike {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

interface Point {
  blockId: string;
  offset: number;
}

function elementOf(node: Node): Element | null {
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

function textLength(node: Node): number {
  return node.textContent?.length ?? 0;
}

/** The offset of (node, offset) inside `root`'s text. */
function offsetWithin(root: Element, node: Node, offset: number): number {
  let total = 0;
  let target: Node = node;
  let extra = offset;
  if (node.nodeType !== 3) {
    // An element boundary: the text of its first `offset` children comes before.
    extra = 0;
    for (let i = 0; i < offset && i < node.childNodes.length; i++) extra += textLength(node.childNodes[i]);
  }
  // Add the text of everything before `target` inside root, walking up.
  while (target !== root && target.parentNode) {
    let sibling = target.previousSibling;
    while (sibling) {
      total += textLength(sibling);
      sibling = sibling.previousSibling;
    }
    target = target.parentNode;
  }
  return total + extra;
}

function pointOf(node: Node, offset: number, edge: 'start' | 'end'): Point | null {
  const element = elementOf(node);
  const line = element?.closest('[data-block-id]');
  if (!line) return null;
  const blockId = line.getAttribute('data-block-id') as string;
  const text = line.querySelector('[data-line-text]');
  if (!text) return null;
  if (text === node || text.contains(node)) {
    return { blockId, offset: Math.min(offsetWithin(text, node, offset), textLength(text)) };
  }
  // Outside the text (the number, the label, the button): the whole line's edge.
  return { blockId, offset: edge === 'start' ? 0 : textLength(text) };
}

/**
 * The anchor of a selection inside the reader, or null when it is collapsed, outside any line,
 * or covers no text. The range's start is always the logical start, even in right-to-left text.
 */
export function anchorFromRange(range: RangeLike): Anchor | null {
  const start = pointOf(range.startContainer, range.startOffset, 'start');
  const end = pointOf(range.endContainer, range.endOffset, 'end');
  if (!start || !end) return null;
  if (start.blockId === end.blockId && start.offset >= end.offset) return null;
  return { start, end };
}

/** The anchor covering a whole line. */
export function lineAnchor(blockId: string, text: string): Anchor {
  return { start: { blockId, offset: 0 }, end: { blockId, offset: text.length } };
}
