/**
 * Re-anchoring through the API on a real version series (the Saudi Human Rights Commission
 * statute, 2005 → 2016 → 2023): threads on every sentence-like span of the first version,
 * two new versions published, and on each version: (a) every thread is present with a state,
 * (b) a thread whose quote is still in its block lands exactly on it, (c) no thread lands in
 * another article, (d) threads on deleted text are outdated. Prints the share of each state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, corpusText, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let docId: string;
type B = Awaited<ReturnType<typeof blocksOf>>[number];
const V = ['sa-hrc-organization.v2005-original.ar.md', 'sa-hrc-organization.v2016-consolidated.ar.md', 'sa-hrc-organization.v2023-consolidated.ar.md'];

function articleOf(blocks: B[], blockId: string): string | null {
  const i = blocks.findIndex((b) => b.id === blockId);
  for (let k = i; k >= 0; k--) if (blocks[k].kind === 'article') return blocks[k].path;
  return null;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { text: corpusText(V[0]), format: 'markdown', language: 'ar', open: true });
});
afterAll(() => t.close());

describe('re-anchoring the Saudi HRC statute through its versions', () => {
  it('keeps every thread, exactly where its text still is, never in another article', async () => {
    const v1 = await blocksOf(t, docId);
    // Spans: every clause between Arabic commas/full stops in article text, up to 120 threads.
    const spans: { blockId: string; start: number; end: number; quote: string; article: string | null }[] = [];
    for (const b of v1.filter((x) => x.kind !== 'title' && x.text.length > 20)) {
      let start = 0;
      for (const piece of b.text.split(/(?<=[،.؛])/)) {
        const trimmed = piece.trim();
        if (trimmed.length >= 12) {
          const s = b.text.indexOf(trimmed, start);
          spans.push({ blockId: b.id, start: s, end: s + trimmed.length, quote: trimmed, article: articleOf(v1, b.id) });
        }
        start += piece.length;
      }
    }
    const chosen = spans.filter((_, i) => i % Math.max(1, Math.floor(spans.length / 120)) === 0).slice(0, 120);
    const ids: string[] = [];
    for (const s of chosen) {
      const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor: { start: { blockId: s.blockId, offset: s.start }, end: { blockId: s.blockId, offset: s.end } }, kind: 'comment', body: 'نقترح المراجعة', visibility: 'public', attribution: 'named' } });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().thread.id);
    }
    for (const [n, file] of [[2, V[1]], [3, V[2]]] as const) {
      const pub = await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { note: `consolidated ${n}`, source: { format: 'markdown', content: corpusText(file) } } });
      expect(pub.statusCode).toBe(201);
      const blocks = await blocksOf(t, docId);
      const threads = (await t.call('GET', `/api/documents/${docId}/threads?version=${n}`)).json() as { id: string; anchorState: string; quote: string; anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } } }[];
      // (a) all present with a state
      expect(threads.map((x) => x.id).sort()).toEqual([...ids].sort());
      const counts: Record<string, number> = {};
      for (const th of threads) {
        counts[th.anchorState] = (counts[th.anchorState] ?? 0) + 1;
        const original = chosen[ids.indexOf(th.id)];
        const block = blocks.find((b) => b.id === th.anchor.start.blockId);
        expect(block, 'projection lands on a block of this version').toBeDefined();
        if (th.anchorState !== 'outdated') {
          // (c) same article as the original text
          expect(articleOf(blocks, th.anchor.start.blockId)).toBe(original.article);
          // (b) exact landing when the quote is unchanged in its block
          if (th.anchorState === 'unchanged' || th.anchorState === 'moved' || th.anchorState === 'edited') {
            expect(block?.text.slice(th.anchor.start.offset, th.anchor.end.offset)).toBe(original.quote);
          }
        } else {
          // (d) outdated only when the quote is gone from its block
          const sameBlock = blocks.find((b) => b.id === original.blockId);
          expect(sameBlock?.text.includes(original.quote) ?? false).toBe(false);
        }
      }
      console.log(`version ${n}:`, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, `${Math.round((100 * v) / threads.length)}%`])));
    }
  });
});
