/**
 * Re-anchoring on real version series. Threads are placed on every sentence and clause of the
 * old version, on every whole line, and on seeded random spans (some across blocks), then
 * projected onto the next version (and chained onto the one after).
 */
import { describe, expect, it } from 'vitest';
import { type BlockMatch, matchBlocks } from '../../../server/documents/match-blocks.ts';
import { type AnchorSource, type AnchorState, anchorProblem, quoteOf, reanchor } from '../../../server/threads/reanchor.ts';
import type { Block } from '../../../shared/documents.ts';
import { normalizeForMatch } from '../../../shared/text/normalize.ts';
import { articleOf, corpusBlocks, idSource, readCorpus, splitLines } from './corpus.ts';
import { randomSpans, sentenceSpans, sourceOf } from './spans.ts';

const NL = ['nl-sr-art273f.v2012-05-08.md', 'nl-sr-art273f.v2013-07-01.md', 'nl-sr-art273f.v2014-01-20.md'];
const SA = [
  'sa-hrc-organization.v2005-original.ar.md',
  'sa-hrc-organization.v2016-consolidated.ar.md',
  'sa-hrc-organization.v2023-consolidated.ar.md',
];

/**
 * Wording that, from our reading of the texts, is gone in the next version: a thread on it
 * must be outdated. Keyed by the old file; each entry is [a line fragment that finds the block,
 * the deleted quote].
 */
const DELETED: Record<string, [string, string][]> = {
  [NL[0]]: [
    ['Als schuldig aan mensenhandel', 'acht jaren'], // lid 1: acht → twaalf
    ['De schuldige wordt gestraft', 'twaalf jaren'], // lid 3: twaalf → vijftien
    ['zwaar lichamelijk letsel', 'vijftien jaren'], // lid 4: vijftien → achttien
    ['de dood ten gevolge heeft', 'achttien jaren'], // lid 5: now life or thirty years
  ],
  [NL[1]]: [['de persoon ten aanzien van wie', 'zestien jaren']], // lid 3 2°: 16 → 18
  [SA[0]]: [
    ['تنشأ بموجب هذا التنظيم', 'تنشأ بموجب هذا التنظيم هيئة تسمى'], // art. 1 rewritten
    ['تنشأ بموجب هذا التنظيم', 'برئيس مجلس الوزراء'], // attached to the King instead
    ['إقرار اللوائح الإدارية', 'وذلك بالاتفاق مع وزارة الخدمة المدنية'], // 5 (15)
    ['إنشاء إدارات أخرى', 'بالاتفاق مع وزارة الخدمة المدنية وزارة المالية'], // 5 (17)
    ['يطبق على موظفي الهيئة', 'نظام التقاعد المدني'], // staff: civil service regime dropped
    ['يطبق على موظفي الهيئة', 'يطبق على موظفي الهيئة ومستخدميها'],
    ['ترفع الهيئة حسابها الختامي', 'وتزود ديوان المراقبة العامة بنسخة من الحساب الختامي لها'],
  ],
  [SA[1]]: [['يتولى نائب رئيس الهيئة', 'ويقوم بعمله عند غيابه']], // the deputy no longer "does his work"
};

interface Projected {
  source: AnchorSource;
  state: AnchorState;
  anchor: AnchorSource['anchor'];
}

function step(old: Block[], nextFile: string, sources: AnchorSource[], prefix: string): { match: BlockMatch; results: Projected[] } {
  const match = matchBlocks(old, splitLines(readCorpus(nextFile)), idSource(prefix));
  const results = sources.map((source) => ({ source, ...reanchor(source, old, match.blocks, match) }));
  return { match, results };
}

function deletedThreads(old: Block[], file: string): AnchorSource[] {
  return (DELETED[file] ?? []).map(([line, quote]) => {
    const b = old.find((x) => x.text.includes(line) && x.text.includes(quote));
    if (!b) throw new Error(`corpus changed: "${quote}" not found`);
    const at = b.text.indexOf(quote);
    return sourceOf(old, { start: { blockId: b.id, offset: at }, end: { blockId: b.id, offset: at + quote.length } });
  });
}

function shares(label: string, results: Projected[]): Record<AnchorState, number> {
  const counts: Record<AnchorState, number> = { unchanged: 0, moved: 0, edited: 0, uncertain: 0, outdated: 0 };
  for (const r of results) counts[r.state]++;
  const pct = Object.entries(counts).map(([s, n]) => `${s} ${((100 * n) / results.length).toFixed(1)}%`);
  console.log(`${label}: ${results.length} threads — ${pct.join(', ')}`);
  return counts;
}

const words = (s: string) => new Set(normalizeForMatch(s).text.match(/[\p{L}\p{N}]{3,}/gu) ?? []);

/** The four properties every projection of the corpus must have. */
function checkProjection(old: Block[], match: BlockMatch, results: Projected[], originalOld: Block[] = old): void {
  const oldArticle = articleOf(originalOld);
  const newArticle = articleOf(match.blocks);
  const newById = new Map(match.blocks.map((b) => [b.id, b]));
  const oldById = new Map(old.map((b) => [b.id, b]));
  for (const { source, state, anchor } of results) {
    // (a) every thread is still there, with a state and an anchor that fits the new version.
    expect(state).toBeDefined();
    expect(anchorProblem(match.blocks, anchor)).toBeNull();
    const single = source.anchor.start.blockId === source.anchor.end.blockId;
    const target = newById.get(match.idMap.get(source.anchor.start.blockId) ?? '');
    // (b) a quote still written exactly so inside its matched block is found exactly, whatever
    // state the projection claims (a false `outdated` fails too). Only a thread already outdated
    // on an earlier version is exempt: it stays outdated even if its words come back.
    if (single && source.state !== 'outdated' && target && source.quote && target.text.includes(source.quote)) {
      expect(quoteOf(match.blocks, anchor)).toBe(source.quote);
      if (target.text.indexOf(source.quote) === target.text.lastIndexOf(source.quote)) {
        expect(anchor.start).toEqual({ blockId: target.id, offset: target.text.indexOf(source.quote) });
      }
    }
    if (single && !source.state && target && target.text === oldById.get(target.id)?.text && source.quote) {
      expect(['unchanged', 'moved']).toContain(state);
    }
    // (c) a live thread stays in the article its text is in.
    if (state !== 'outdated') {
      expect(newArticle.get(anchor.start.blockId)).toBe(oldArticle.get(source.anchor.start.blockId) ?? null);
      expect(newArticle.get(anchor.end.blockId)).toBe(oldArticle.get(source.anchor.end.blockId) ?? null);
    }
    // (d) text that is gone (its block removed, or every word of it gone from the block) is outdated.
    if (!target) expect(state).toBe('outdated');
    const quoteWords = words(source.quote);
    if (single && target && !source.state && quoteWords.size >= 2) {
      const left = normalizeForMatch(target.text).text;
      if ([...quoteWords].every((w) => !left.includes(w))) expect(state).toBe('outdated');
    }
  }
}

describe.each([
  ['Dutch Sr 273f', NL],
  ['Saudi HRC statute', SA],
])('re-anchoring threads on the %s series', (_name, files) => {
  const v1 = corpusBlocks(files[0], 'a');
  const sources = [...sentenceSpans(v1), ...randomSpans(v1, 400, 7)].map((a) => sourceOf(v1, a));

  it(`${files[0]} → ${files[1]}: every thread kept, exact where the text is, never in another article`, () => {
    const { match, results } = step(v1, files[1], sources, 'x');
    expect(results).toHaveLength(sources.length);
    checkProjection(v1, match, results);
    const counts = shares(`${files[0]} → ${files[1]}`, results);
    expect(counts.unchanged).toBeGreaterThan(results.length / 2);
  });

  it(`${files[0]} → ${files[1]}: threads on deleted wording are outdated, in their own block`, () => {
    const deleted = deletedThreads(v1, files[0]);
    const { results } = step(v1, files[1], deleted, 'x');
    for (const r of results) {
      expect([r.source.quote, r.state]).toEqual([r.source.quote, 'outdated']);
      expect(r.anchor.start.blockId).toBe(r.source.anchor.start.blockId);
    }
  });

  it(`${files[1]} → ${files[2]}: the same on the next step, and deleted wording is outdated`, () => {
    const v2 = step(v1, files[1], [], 'x').match.blocks;
    const v2sources = [...sentenceSpans(v2), ...randomSpans(v2, 400, 11)].map((a) => sourceOf(v2, a));
    const { match, results } = step(v2, files[2], [...v2sources, ...deletedThreads(v2, files[1])], 'y');
    checkProjection(v2, match, results);
    shares(`${files[1]} → ${files[2]}`, results);
    for (const r of results.slice(v2sources.length)) expect([r.source.quote, r.state]).toEqual([r.source.quote, 'outdated']);
  });

  it(`chained ${files[0]} → ${files[1]} → ${files[2]}: outdated stays outdated, nothing dropped`, () => {
    const first = step(v1, files[1], sources, 'x');
    const chained = first.results.map((r) => ({ ...r.source, anchor: r.anchor, state: r.state }));
    const second = step(first.match.blocks, files[2], chained, 'y');
    expect(second.results).toHaveLength(sources.length);
    second.results.forEach((r, k) => {
      if (first.results[k].state === 'outdated') expect(r.state).toBe('outdated');
      expect(anchorProblem(second.match.blocks, r.anchor)).toBeNull();
    });
    checkProjection(first.match.blocks, second.match, second.results, v1);
    shares(`chained ${files[0]} → ${files[2]}`, second.results);
  });
});
