/**
 * Re-anchoring through the API on real version series (Dutch Criminal Code article 273f,
 * 2012 → 2013 → 2014, and the Saudi Human Rights Commission statute, 2005 → 2016 → 2023), each
 * imported by the real importer: threads on every sentence and clause, every whole line and
 * seeded random spans (some across lines) of the first version, two new versions published,
 * and on each version: (a) every thread is present with a state; (b) a thread whose quote is
 * still written exactly so in its matched line lands exactly on it, whatever its state;
 * (c) no live thread lands in another article; (d) threads on a removed line are outdated.
 * Prints the share of each state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block as SharedBlock } from '../../../shared/documents.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, corpusText, createDocument, createWorld, type World } from '../../helpers/world.ts';
import { randomSpans, sentenceSpans } from '../../unit/threads/spans.ts';

type B = Awaited<ReturnType<typeof blocksOf>>[number];
type Anchor = { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
type Listed = { id: string; anchorState: string; quote: string; anchor: Anchor };

const SERIES: [string, 'ar' | 'en', string[]][] = [
  ['Dutch Sr 273f', 'en', ['nl-sr-art273f.v2012-05-08.md', 'nl-sr-art273f.v2013-07-01.md', 'nl-sr-art273f.v2014-01-20.md']],
  ['Saudi HRC statute', 'ar', ['sa-hrc-organization.v2005-original.ar.md', 'sa-hrc-organization.v2016-consolidated.ar.md', 'sa-hrc-organization.v2023-consolidated.ar.md']],
];

function articleOf(blocks: B[], blockId: string): string | null {
  for (let k = blocks.findIndex((b) => b.id === blockId); k >= 0; k--) if (blocks[k].kind === 'article') return blocks[k].path;
  return null;
}

function textAt(blocks: B[], a: Anchor): string {
  const si = blocks.findIndex((b) => b.id === a.start.blockId);
  const ei = blocks.findIndex((b) => b.id === a.end.blockId);
  if (si === ei) return blocks[si].text.slice(a.start.offset, a.end.offset);
  return [blocks[si].text.slice(a.start.offset), ...blocks.slice(si + 1, ei).map((b) => b.text), blocks[ei].text.slice(0, a.end.offset)].join('\n');
}

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

describe.each(SERIES)('re-anchoring the %s through its versions', (name, language, files) => {
  it('keeps every thread, exactly where its text still is, never in another article', { timeout: 120_000 }, async () => {
    // Dutch is imported as an 'en'-direction document: the language only sets direction and labels here.
    const docId = await createDocument(t, w, { title: name, text: corpusText(files[0]), format: 'markdown', language, open: true });
    const v1 = await blocksOf(t, docId);
    const asShared = v1 as unknown as SharedBlock[];
    const seen = new Set<string>();
    const anchors = [...sentenceSpans(asShared), ...randomSpans(asShared, 400, 7)].filter((a) => {
      const key = `${a.start.blockId}:${a.start.offset}-${a.end.blockId}:${a.end.offset}`;
      const empty = a.start.blockId === a.end.blockId && a.start.offset >= a.end.offset;
      if (empty || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const original = new Map<string, { anchor: Anchor; quote: string; article: string | null; endArticle: string | null }>();
    for (const anchor of anchors) {
      const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, version: 1, kind: 'comment', body: 'نقترح المراجعة', visibility: 'public', attribution: 'named' } });
      expect(res.statusCode, res.body).toBe(201);
      const th = res.json().thread;
      expect(th.quote).toBe(textAt(v1, anchor));
      original.set(th.id, { anchor, quote: th.quote, article: articleOf(v1, anchor.start.blockId), endArticle: articleOf(v1, anchor.end.blockId) });
    }
    let previous = new Map<string, Listed>([...original].map(([id, o]) => [id, { id, anchorState: 'unchanged', quote: o.quote, anchor: o.anchor }]));
    for (const [n, file] of [[2, files[1]], [3, files[2]]] as const) {
      const pub = await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { note: `version ${n}`, source: { format: 'markdown', content: corpusText(file) } } });
      expect(pub.statusCode, pub.body).toBe(201);
      const blocks = await blocksOf(t, docId);
      const byId = new Map(blocks.map((b) => [b.id, b]));
      const threads = (await t.call('GET', `/api/documents/${docId}/threads?version=${n}`)).json() as Listed[];
      // (a) all present with a state
      expect(threads.map((x) => x.id).sort()).toEqual([...original.keys()].sort());
      const counts: Record<string, number> = {};
      for (const th of threads) {
        counts[th.anchorState] = (counts[th.anchorState] ?? 0) + 1;
        const o = original.get(th.id) as NonNullable<ReturnType<typeof original.get>>;
        const before = previous.get(th.id) as Listed;
        expect(byId.has(th.anchor.start.blockId) && byId.has(th.anchor.end.blockId), 'projection lands on lines of this version').toBe(true);
        // Matched lines keep their id: the line the thread was on, on this version.
        const single = before.anchor.start.blockId === before.anchor.end.blockId;
        const target = byId.get(before.anchor.start.blockId);
        // (b) the quote still written so in its matched line: found exactly, never outdated.
        if (single && before.anchorState !== 'outdated' && target?.text.includes(o.quote)) {
          expect(textAt(blocks, th.anchor), `${th.id} (${th.anchorState}) on "${o.quote}"`).toBe(o.quote);
          if (target.text.indexOf(o.quote) === target.text.lastIndexOf(o.quote)) expect(th.anchor.start).toEqual({ blockId: target.id, offset: target.text.indexOf(o.quote) });
        }
        if (th.anchorState !== 'outdated') {
          // (c) same article as the original text
          expect(articleOf(blocks, th.anchor.start.blockId)).toBe(o.article);
          expect(articleOf(blocks, th.anchor.end.blockId)).toBe(o.endArticle);
          // A sure state on one line means the quote is there (across lines, `edited` may
          // cover changed lines between two ends that were both found).
          const sure = ['unchanged', 'moved', 'edited'].includes(th.anchorState) && before.anchorState !== 'uncertain';
          if (sure && th.anchor.start.blockId === th.anchor.end.blockId) expect(textAt(blocks, th.anchor)).toBe(o.quote);
        }
        // (d) a removed line takes its threads' text with it; an outdated thread stays outdated.
        if (!byId.has(before.anchor.start.blockId) || before.anchorState === 'outdated') expect(th.anchorState).toBe('outdated');
      }
      console.log(`${name}, version ${n}: ${threads.length} threads — ${JSON.stringify(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, `${((100 * v) / threads.length).toFixed(1)}%`])))}`);
      previous = new Map(threads.map((x) => [x.id, x]));
    }
  });
});
