/** DOM selection → API anchor, in UTF-16 code units, across highlights and lines. */
import { describe, expect, it } from 'vitest';
import { anchorFromRange } from '../src/features/documents/anchor.ts';

function lines(...html: string[]): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html
    .map((text, i) => `<div data-block-id="b${i + 1}"><span class="num">${i + 1}</span><span data-line-text>${text}</span><button>c</button></div>`)
    .join('');
  document.body.append(root);
  return root;
}

function textNode(root: HTMLElement, line: number, index = 0): Text {
  const text = root.querySelectorAll('[data-line-text]')[line - 1];
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  return nodes[index];
}

describe('anchorFromRange', () => {
  it('counts offsets inside a plain line', () => {
    const root = lines('Article 1 protects victims.');
    const node = textNode(root, 1);
    expect(anchorFromRange({ startContainer: node, startOffset: 10, endContainer: node, endOffset: 18 })).toEqual({
      start: { blockId: 'b1', offset: 10 },
      end: { blockId: 'b1', offset: 18 },
    });
  });

  it('counts Arabic text in UTF-16 code units, through highlight elements', () => {
    const root = lines('تلتزم <mark>الدولة</mark> بحماية الضحايا');
    const after = textNode(root, 1, 2); // " بحماية الضحايا"
    const inside = textNode(root, 1, 1); // "الدولة"
    const anchor = anchorFromRange({ startContainer: inside, startOffset: 2, endContainer: after, endOffset: 7 });
    expect(anchor).toEqual({ start: { blockId: 'b1', offset: 'تلتزم '.length + 2 }, end: { blockId: 'b1', offset: 'تلتزم الدولة'.length + 7 } });
    const text = 'تلتزم الدولة بحماية الضحايا';
    expect(text.slice(anchor?.start.offset, anchor?.end.offset)).toBe('دولة بحماية');
  });

  it('counts a surrogate-pair emoji as two units', () => {
    const root = lines('Shelter 🏠 and aid');
    const node = textNode(root, 1);
    const start = 'Shelter 🏠 '.length;
    expect(start).toBe(11);
    expect(anchorFromRange({ startContainer: node, startOffset: start, endContainer: node, endOffset: start + 3 })).toEqual({
      start: { blockId: 'b1', offset: 11 },
      end: { blockId: 'b1', offset: 14 },
    });
  });

  it('spans lines and clamps points outside the text to the line edges', () => {
    const root = lines('First line', 'Second line');
    const anchor = anchorFromRange({ startContainer: textNode(root, 1), startOffset: 6, endContainer: textNode(root, 2), endOffset: 6 });
    expect(anchor).toEqual({ start: { blockId: 'b1', offset: 6 }, end: { blockId: 'b2', offset: 6 } });
    const num = root.querySelector('.num') as Element;
    const button = root.querySelectorAll('button')[1];
    expect(anchorFromRange({ startContainer: num, startOffset: 0, endContainer: button, endOffset: 0 })).toEqual({
      start: { blockId: 'b1', offset: 0 },
      end: { blockId: 'b2', offset: 'Second line'.length },
    });
  });

  it('handles element boundaries and refuses empty or foreign selections', () => {
    const root = lines('ab<mark>cd</mark>ef');
    const text = root.querySelector('[data-line-text]') as Element;
    expect(anchorFromRange({ startContainer: text, startOffset: 1, endContainer: text, endOffset: 2 })).toEqual({
      start: { blockId: 'b1', offset: 2 },
      end: { blockId: 'b1', offset: 4 },
    });
    const node = textNode(root, 1);
    expect(anchorFromRange({ startContainer: node, startOffset: 1, endContainer: node, endOffset: 1 })).toBeNull();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    expect(anchorFromRange({ startContainer: outside.firstChild as Node, startOffset: 0, endContainer: node, endOffset: 1 })).toBeNull();
  });
});
