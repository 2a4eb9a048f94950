import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchBlocks } from '../../../server/documents/match-blocks.ts';
import { locate } from '../../../server/threads/find-in-block.ts';
import {
  type Anchor,
  type AnchorSource,
  anchorProblem,
  contextOf,
  quoteOf,
  reanchor,
} from '../../../server/threads/reanchor.ts';
import type { Block, ParsedBlock } from '../../../shared/documents.ts';
import { isSurrogateSplit } from '../../../shared/text/normalize.ts';
import { idSource, toBlocks } from './corpus.ts';
import { sourceOf } from './spans.ts';

const parsed = (texts: string[], labels: (string | null)[] = []): ParsedBlock[] =>
  texts.map((text, i) => ({ kind: 'paragraph', label: labels[i] ?? null, path: `p_${i}`, text, dir: 'auto' }));

/** A thread on the n-th occurrence of `quote` in block `index`. */
function on(blocks: Block[], index: number, quote: string, nth = 0): AnchorSource {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = blocks[index].text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`"${quote}" not in block ${index}`);
  const id = blocks[index].id;
  return sourceOf(blocks, { start: { blockId: id, offset: at }, end: { blockId: id, offset: at + quote.length } });
}

function project(oldTexts: string[], newTexts: string[], pick: (old: Block[]) => AnchorSource, labels?: [(string | null)[], (string | null)[]]) {
  const old = toBlocks(parsed(oldTexts, labels?.[0]), 'b');
  const match = matchBlocks(old, parsed(newTexts, labels?.[1]), idSource('n'));
  const result = reanchor(pick(old), old, match.blocks, match);
  return { ...result, text: quoteOf(match.blocks, result.anchor), blocks: match.blocks, old };
}

const ART = [
  'Article 1. Trafficking in persons is prohibited.',
  'Article 2. The State shall protect victims and witnesses.',
  'Article 3. Penalties shall be proportionate to the harm.',
];

describe('reanchor: one test per state', () => {
  it('unchanged: same text at the same place', () => {
    const r = project(ART, ART, (b) => on(b, 1, 'protect victims'));
    expect(r.state).toBe('unchanged');
    expect(r.anchor).toEqual(on(r.old, 1, 'protect victims').anchor);
  });

  it('unchanged: a line inserted above does not move a thread (its neighbours are the same)', () => {
    const r = project(ART, [ART[0], 'Article 1a. New text.', ART[1], ART[2]], (b) => on(b, 1, 'protect victims'));
    expect(r.state).toBe('unchanged');
    expect(r.text).toBe('protect victims');
  });

  it('moved: the line moved elsewhere, text intact', () => {
    const r = project(ART, [ART[1], ART[2], ART[0]], (b) => on(b, 0, 'is prohibited'));
    expect(r.state).toBe('moved');
    expect(r.anchor.start.blockId).toBe('b0');
    expect(r.text).toBe('is prohibited');
  });

  it('moved: the line was renumbered (label changed, text the same)', () => {
    const texts = ['Victims shall be protected.', 'Penalties apply.'];
    const r = project(texts, texts, (b) => on(b, 1, 'Penalties'), [
      ['1.', '2.'],
      ['1.', '3.'],
    ]);
    expect(r.state).toBe('moved');
  });

  it('edited: words inserted before the quote shift its offsets', () => {
    const r = project(ART, [ART[0], 'Article 2. The State shall, without delay, protect victims and witnesses.', ART[2]], (b) =>
      on(b, 1, 'protect victims'),
    );
    expect(r.state).toBe('edited');
    expect(r.text).toBe('protect victims');
    expect(r.anchor.start.offset).toBe(r.blocks[1].text.indexOf('protect victims'));
  });

  it('edited: of several occurrences, the one with the same context is chosen', () => {
    const before = 'the victim shall be heard; the victim shall be informed; the victim may appeal.';
    const after = 'the Victim shall be heard; the Victim shall be informed in writing; the Victim may appeal.';
    const r = project([before], [after], (b) => on(b, 0, 'the victim', 1));
    expect(r.state).toBe('edited');
    expect(r.text).toBe('the Victim');
    expect(r.blocks[0].text.slice(r.anchor.end.offset)).toMatch(/^ shall be informed in writing/);
  });

  it('edited: context outweighs nearness when the mapped place is misleading', () => {
    const text = 'the victim shall be heard; the victim shall be informed; the victim may appeal.';
    const found = locate({
      segment: 'the Victim',
      text,
      mappedStart: 0,
      mappedEnd: 0,
      prefix: 'be heard; ',
      suffix: ' shall be informed',
      intact: false,
    });
    expect(found).toEqual({ start: 27, end: 37, how: 'found' });
  });

  it('edited: Arabic quote found through normalisation when diacritics were added; offsets cover the exact new text', () => {
    const oldLine = 'تهدف الهيئة إلى حماية حقوق الإنسان وتعزيزها';
    const newLine = 'تهدف الهيئة إلى حِمايةِ حقوقِ الإنسانِ وتعزيزها';
    const r = project([oldLine], [newLine], (b) => on(b, 0, 'حماية حقوق الإنسان'));
    expect(r.state).toBe('edited');
    expect(r.text).toBe('حِمايةِ حقوقِ الإنسانِ');
  });

  it('edited: hamza and taa marbuta spelled differently still match, and nothing else moves', () => {
    const r = project(['تنشأ هيئة تسمى هيئة حقوق الانسان'], ['تنشأ هيأة تسمى هيئه حقوق الإنسان'], (b) => on(b, 0, 'هيئة حقوق الانسان'));
    expect(r.state).toBe('edited');
    expect(r.text).toBe('هيئه حقوق الإنسان');
  });

  it('edited: diacritics removed in the new version; the anchor covers the bare word exactly', () => {
    const r = project(['وتكونُ هيَ الجهةَ الحكوميةَ المختصةَ'], ['وتكون هي الجهة الحكومية المختصة بذلك'], (b) => on(b, 0, 'الجهةَ الحكوميةَ'));
    expect(r.state).toBe('edited');
    expect(r.text).toBe('الجهة الحكومية');
  });

  it('uncertain: a small change inside a quote in a 100,000-char block (windowed search)', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `clause ${i} of the annex;`).join(' ');
    const quote = 'the competent authority shall publish an annual report on the measures taken';
    const oldLine = `${filler(2000)} ${quote} ${filler(2000)}`;
    const newLine = `${filler(2000)} ${quote.replace('an annual', 'a yearly')} ${filler(2000)} more`;
    expect(newLine.length).toBeGreaterThan(90_000);
    const r = project([oldLine], [newLine], (b) => on(b, 0, quote));
    expect(r.state).toBe('uncertain');
    expect(r.text).toContain('publish a yearly report');
  });

  it('uncertain: a small change inside a long quote, found approximately in the same block', () => {
    const r = project(ART, [ART[0], 'Article 2. The State shall protect the victims and witnesses.', ART[2]], (b) =>
      on(b, 1, 'The State shall protect victims and witnesses'),
    );
    expect(r.state).toBe('uncertain');
    expect(r.anchor.start.blockId).toBe('b1');
    expect(r.text).toBe('The State shall protect the victims and witnesses');
  });

  it('outdated: the quoted words were replaced; the anchor collapses where they were', () => {
    const r = project(ART, [ART[0], 'Article 2. The State shall compensate survivors and witnesses.', ART[2]], (b) =>
      on(b, 1, 'protect victims'),
    );
    expect(r.state).toBe('outdated');
    expect(r.anchor.start).toEqual(r.anchor.end);
    expect(r.anchor.start).toEqual({ blockId: 'b1', offset: 'Article 2. The State shall '.length });
  });

  it('outdated: never jumps to another provision that contains the same words', () => {
    const oldTexts = ['Article 1. Victims shall receive shelter and medical care.', 'Article 9. Victims shall receive shelter and medical care.'];
    const newTexts = ['Article 1. Victims shall be returned home.', oldTexts[1]];
    const r = project(oldTexts, newTexts, (b) => on(b, 0, 'receive shelter and medical care'));
    expect(r.state).toBe('outdated');
    expect(r.anchor.start.blockId).toBe('b0');
  });

  it('outdated: the block was removed; shown at the start of the next surviving block', () => {
    const r = project(ART, [ART[0], ART[2]], (b) => on(b, 1, 'protect victims'));
    expect(r.state).toBe('outdated');
    expect(r.anchor).toEqual({ start: { blockId: 'b2', offset: 0 }, end: { blockId: 'b2', offset: 0 } });
  });

  it('outdated: the last block was removed; shown at the end of the previous one', () => {
    const r = project(ART, [ART[0], ART[1]], (b) => on(b, 2, 'Penalties'));
    expect(r.anchor).toEqual({ start: { blockId: 'b1', offset: ART[1].length }, end: { blockId: 'b1', offset: ART[1].length } });
  });

  it('a point (empty quote) follows the diff and is never taken for an outdated projection', () => {
    const old = toBlocks(parsed(ART), 'b');
    const at = ART[1].indexOf('victims');
    const point: AnchorSource = sourceOf(old, { start: { blockId: 'b1', offset: at }, end: { blockId: 'b1', offset: at } });
    const match = matchBlocks(old, parsed([ART[0], `Article 2. Now: ${ART[1].slice(11)}`, ART[2]]), idSource('n'));
    const r = reanchor(point, old, match.blocks, match);
    expect(r.state).toBe('edited');
    expect(match.blocks[1].text.slice(r.anchor.start.offset)).toMatch(/^victims/);
    expect(r.anchor.end).toEqual(r.anchor.start);
  });

  it('chained: an outdated thread stays outdated even if its words come back', () => {
    const v1 = toBlocks(parsed(ART), 'b');
    const m2 = matchBlocks(v1, parsed([ART[0], 'Article 2. Nothing.', ART[2]]), idSource('n'));
    const source = on(v1, 1, 'protect victims');
    const p2 = reanchor(source, v1, m2.blocks, m2);
    expect(p2.state).toBe('outdated');
    const m3 = matchBlocks(m2.blocks, parsed(ART), idSource('m'));
    const p3 = reanchor({ ...source, anchor: p2.anchor, state: p2.state }, m2.blocks, m3.blocks, m3);
    expect(p3.state).toBe('outdated');
    // Even without the state, a collapsed anchor that claims a quote is recognised as outdated.
    expect(reanchor({ ...source, anchor: p2.anchor }, m2.blocks, m3.blocks, m3).state).toBe('outdated');
  });

  it('chained: an uncertain thread stays uncertain on an unchanged next version', () => {
    const v1 = toBlocks(parsed(ART), 'b');
    const m2 = matchBlocks(v1, parsed([ART[0], 'Article 2. The State shall protect the victims and witnesses.', ART[2]]), idSource('n'));
    const source = on(v1, 1, 'The State shall protect victims and witnesses');
    const p2 = reanchor(source, v1, m2.blocks, m2);
    const m3 = matchBlocks(m2.blocks, parsed(m2.blocks.map((b) => b.text)), idSource('m'));
    const p3 = reanchor({ ...source, anchor: p2.anchor, state: p2.state }, m2.blocks, m3.blocks, m3);
    expect([p2.state, p3.state]).toEqual(['uncertain', 'uncertain']);
    expect(p3.anchor).toEqual(p2.anchor);
  });
});

describe('reanchor on 20,000 lines', () => {
  it('projects 2,000 threads correctly (correctness only; time is printed)', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Line ${i}: provision text number ${i * 7919} of the generated code.`);
    const next = lines.map((t, i) => (i % 100 === 10 ? `${t} As amended.` : t)).filter((_, i) => i % 100 !== 50);
    const old = toBlocks(parsed(lines), 'b');
    const match = matchBlocks(old, parsed(next), idSource('n'));
    const sources = Array.from({ length: 2_000 }, (_, k) => on(old, k * 10, 'provision text'));
    const t0 = performance.now();
    const results = sources.map((s) => reanchor(s, old, match.blocks, match));
    console.log(`reanchor 2,000 threads on 20,000 lines: ${(performance.now() - t0).toFixed(0)} ms`);
    results.forEach((r, k) => {
      const i = k * 10;
      const expected = i % 100 === 50 ? 'outdated' : i % 100 === 10 ? 'edited' : 'unchanged';
      expect(r.state).toBe(expected);
      if (expected !== 'outdated') expect(quoteOf(match.blocks, r.anchor)).toBe('provision text');
      else expect(r.anchor.start).toEqual({ blockId: `b${i + 1}`, offset: 0 });
    });
  });
});

describe('reanchor: anchors across blocks', () => {
  const across = (old: Block[], from: number, fromText: string, to: number, toText: string): AnchorSource =>
    sourceOf(old, {
      start: { blockId: old[from].id, offset: old[from].text.indexOf(fromText) },
      end: { blockId: old[to].id, offset: old[to].text.indexOf(toText) + toText.length },
    });

  it('unchanged when nothing changed', () => {
    const r = project(ART, ART, (b) => across(b, 0, 'is prohibited', 2, 'Penalties'));
    expect(r.state).toBe('unchanged');
  });

  it('edited when the middle changed but both ends are still there', () => {
    const r = project(ART, [ART[0], 'Article 2. Something else entirely.', ART[2]], (b) => across(b, 0, 'is prohibited', 2, 'Penalties'));
    expect(r.state).toBe('edited');
    expect(r.text).toBe('is prohibited.\nArticle 2. Something else entirely.\nArticle 3. Penalties');
  });

  it('outdated when one end is gone', () => {
    const r = project(ART, [ART[0], ART[1]], (b) => across(b, 0, 'is prohibited', 2, 'Penalties'));
    expect(r.state).toBe('outdated');
    expect(r.anchor.start.blockId).toBe('b0');
  });
});

describe('quoteOf / contextOf / anchorProblem', () => {
  const blocks = toBlocks(parsed(['abc', 'def', 'ghi']), 'b');
  const anchor: Anchor = { start: { blockId: 'b0', offset: 1 }, end: { blockId: 'b2', offset: 2 } };

  it('joins blocks with a newline and takes context across blocks', () => {
    expect(quoteOf(blocks, anchor)).toBe('bc\ndef\ngh');
    const one: Anchor = { start: { blockId: 'b1', offset: 1 }, end: { blockId: 'b1', offset: 2 } };
    expect(contextOf(blocks, one)).toEqual({ prefix: 'abc\nd', suffix: 'f\nghi' });
  });

  it('keeps at most 32 chars of context and never cuts a surrogate pair', () => {
    const long = toBlocks(parsed([`${'😀'.repeat(20)}x${'😀'.repeat(20)}`]), 'b');
    const at = 40;
    const ctx = contextOf(long, { start: { blockId: 'b0', offset: at }, end: { blockId: 'b0', offset: at + 1 } });
    expect(ctx.prefix.length).toBeLessThanOrEqual(32);
    expect(ctx.prefix.startsWith('😀')).toBe(true);
    expect(ctx.suffix.length).toBeLessThanOrEqual(32);
    expect(isSurrogateSplit(`${ctx.suffix}x`, ctx.suffix.length)).toBe(false);
  });

  it('rejects anchors that do not fit', () => {
    expect(anchorProblem(blocks, anchor)).toBeNull();
    expect(anchorProblem(blocks, { start: anchor.end, end: anchor.start })).toBe('end before start');
    expect(anchorProblem(blocks, { ...anchor, end: { blockId: 'zz', offset: 0 } })).toBe('unknown block');
    expect(anchorProblem(blocks, { ...anchor, end: { blockId: 'b2', offset: 9 } })).toBe('offset out of range');
    const astral = toBlocks(parsed(['a😀b']), 'b');
    expect(anchorProblem(astral, { start: { blockId: 'b0', offset: 2 }, end: { blockId: 'b0', offset: 3 } })).toBe(
      'offset splits a character',
    );
    expect(() => quoteOf(blocks, { start: anchor.end, end: anchor.start })).toThrow(RangeError);
  });
});

describe('reanchor properties', () => {
  const word = fc.constantFrom('the', 'State', 'shall', 'protect', 'victims', 'حماية', 'حُقوق', 'الإنسان', '😀', 'é', '٣');
  const line = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
  const version = fc.array(line, { minLength: 1, maxLength: 8 });
  /** A random valid anchor on `blocks`, from two (block, fraction) picks. */
  const anchorOn = (blocks: Block[], [i, x]: [number, number], [j, y]: [number, number]): Anchor => {
    const [a, b] = [i % blocks.length, j % blocks.length].sort((p, q) => p - q);
    const at = (blk: Block, f: number) => {
      let o = Math.min(blk.text.length, Math.floor(f * (blk.text.length + 1)));
      if (isSurrogateSplit(blk.text, o)) o--;
      return o;
    };
    let s = at(blocks[a], x);
    let e = at(blocks[b], y);
    if (a === b && s > e) [s, e] = [e, s];
    return { start: { blockId: blocks[a].id, offset: s }, end: { blockId: blocks[b].id, offset: e } };
  };
  const pick = fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }));

  it('onto an identical version: unchanged at identical offsets', () => {
    fc.assert(
      fc.property(version, pick, pick, (texts, p, q) => {
        const old = toBlocks(parsed(texts), 'b');
        const match = matchBlocks(old, parsed(texts), idSource('n'));
        const source = sourceOf(old, anchorOn(old, p, q));
        expect(reanchor(source, old, match.blocks, match)).toEqual({ anchor: source.anchor, state: 'unchanged' });
      }),
    );
  });

  it('onto any version: a valid anchor, never splitting a surrogate pair, never in a block other than its match', () => {
    fc.assert(
      fc.property(version, version, pick, pick, (a, b, p, q) => {
        const old = toBlocks(parsed(a), 'b');
        const match = matchBlocks(old, parsed(b), idSource('n'));
        const source = sourceOf(old, anchorOn(old, p, q));
        const r = reanchor(source, old, match.blocks, match);
        expect(anchorProblem(match.blocks, r.anchor)).toBeNull();
        const startMatch = match.idMap.get(source.anchor.start.blockId);
        if (r.state !== 'outdated') {
          expect(r.anchor.start.blockId).toBe(startMatch);
          expect(r.anchor.end.blockId).toBe(match.idMap.get(source.anchor.end.blockId));
        } else if (startMatch !== undefined) {
          expect(r.anchor.start.blockId).toBe(startMatch);
        }
        if (r.state === 'unchanged' || r.state === 'moved') expect(quoteOf(match.blocks, r.anchor)).toBe(source.quote);
      }),
    );
  });
});
