/**
 * Test-only: thread spans placed on a version (every sentence and clause of every block, whole
 * lines, seeded random spans inside a block and across blocks) and their AnchorSource.
 */
import type { Block } from '../../../shared/documents.ts';
import { type Anchor, type AnchorSource, contextOf, quoteOf } from '../../../server/threads/reanchor.ts';

/** Small deterministic PRNG (mulberry32), so a failing span can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sourceOf(blocks: Block[], anchor: Anchor): AnchorSource {
  return { anchor, quote: quoteOf(blocks, anchor), ...contextOf(blocks, anchor) };
}

function inBlock(b: Block, start: number, end: number): Anchor {
  return { start: { blockId: b.id, offset: start }, end: { blockId: b.id, offset: end } };
}

/** Sentences (ending in . ; : ? ! ؛ ؟) and clauses (also ending in , ،), trimmed, non-empty. */
export function sentenceSpans(blocks: Block[]): Anchor[] {
  const out: Anchor[] = [];
  for (const b of blocks) {
    for (const re of [/[^.;:?!؛؟]+[.;:?!؛؟]?/gu, /[^.;:?!؛؟,،]+[.;:?!؛؟,،]?/gu]) {
      for (const m of b.text.matchAll(re)) {
        const lead = m[0].length - m[0].trimStart().length;
        const start = (m.index ?? 0) + lead;
        const end = (m.index ?? 0) + m[0].trimEnd().length;
        if (end > start) out.push(inBlock(b, start, end));
      }
    }
    if (b.text.length) out.push(inBlock(b, 0, b.text.length));
  }
  return out;
}

export function randomSpans(blocks: Block[], count: number, seed: number): Anchor[] {
  const rnd = prng(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const out: Anchor[] = [];
  const nonEmpty = blocks.filter((b) => b.text.length > 0);
  while (out.length < count) {
    const b = nonEmpty[pick(nonEmpty.length)];
    if (rnd() < 0.15) {
      // Across 2–3 blocks: from inside one block to inside a later one.
      const i = blocks.indexOf(b);
      const j = Math.min(blocks.length - 1, i + 1 + pick(2));
      if (j === i) continue;
      const start = { blockId: b.id, offset: pick(b.text.length) };
      out.push({ start, end: { blockId: blocks[j].id, offset: 1 + pick(Math.max(1, blocks[j].text.length)) } });
      continue;
    }
    const len = 1 + pick(Math.min(80, b.text.length));
    const start = pick(b.text.length - len + 1);
    out.push(inBlock(b, start, start + len));
  }
  return out.map((a) => clampAnchor(blocks, a));
}

function clampAnchor(blocks: Block[], a: Anchor): Anchor {
  const len = (id: string) => blocks.find((b) => b.id === id)?.text.length ?? 0;
  return {
    start: { ...a.start, offset: Math.min(a.start.offset, len(a.start.blockId)) },
    end: { ...a.end, offset: Math.min(a.end.offset, len(a.end.blockId)) },
  };
}
