import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSurrogateSplit, normalizeForMatch, originalRange } from '../../../shared/text/normalize.ts';

const norm = (s: string) => normalizeForMatch(s).text;

describe('normalizeForMatch: the comparison form', () => {
  it('drops harakat, superscript alef and tatweel', () => {
    expect(norm('مُحَمَّدٌ')).toBe('محمد');
    expect(norm('حقـــوق')).toBe('حقوق');
    expect(norm('رحمٰن')).toBe('رحمن');
  });

  it('folds alef, yaa, taa marbuta and hamza-seat variants', () => {
    expect(norm('أإآٱ')).toBe('اااا');
    expect(norm('على')).toBe('علي');
    expect(norm('هيئة')).toBe('هييه');
    expect(norm('مسؤول')).toBe('مسوول');
    expect(norm('هيئة الإنسان')).toBe('هييه الانسان');
  });

  it('composes a decomposed hamza (alef + U+0654) before folding it', () => {
    expect(norm('\u0627\u0654حمد')).toBe('احمد');
  });

  it('maps Arabic-Indic and extended (Persian) digits to ASCII', () => {
    expect(norm('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(norm('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(norm('رقم (٢٠٧)')).toBe(norm('رقم (207)'));
  });

  it('case-folds Latin, applies NFC and collapses whitespace runs', () => {
    expect(norm('ARTIKEL  273f')).toBe('artikel 273f');
    expect(norm('e\u0301te\u0301')).toBe('été');
    expect(norm(' a \t\n b ')).toBe(' a b ');
  });

  it('never changes what it is given (the stored text)', () => {
    const original = 'تَنشأ   هيئة';
    const copy = `${original}`;
    normalizeForMatch(original);
    expect(original).toBe(copy);
  });
});

describe('normalizeForMatch: the offset map', () => {
  it('maps each normalised char to its UTF-16 offset in the original', () => {
    const { text, map } = normalizeForMatch('Aَ  B');
    expect(text).toBe('a b');
    expect(map).toEqual([0, 2, 4, 5]);
  });

  it('maps a match in the normalised text back to exact original offsets (diacritics inside and after)', () => {
    const original = 'وتهدف إلى حِمايةِ حقوقِ الإنسانِ وتعزيزها';
    const n = normalizeForMatch(original);
    const at = n.text.indexOf(norm('حماية حقوق الإنسان'));
    const range = originalRange(n, at, at + norm('حماية حقوق الإنسان').length);
    // The range covers the diacritised words, including the kasra on the last letter.
    expect(original.slice(range.start, range.end)).toBe('حِمايةِ حقوقِ الإنسانِ');
  });

  it('gives a whole cluster when a case fold grew one char into two', () => {
    const n = normalizeForMatch('xİy');
    expect(n.text).toBe('xi\u0307y');
    expect(originalRange(n, 1, 2)).toEqual({ start: 1, end: 2 });
  });

  it('never points inside a surrogate pair', () => {
    const original = 'a😀b 𝒜 c';
    const { map } = normalizeForMatch(original);
    for (const offset of map) expect(isSurrogateSplit(original, offset)).toBe(false);
  });

  const alphabet = [
    ...'abcXYZ ماليىةؤئأإآٱ٣۴5',
    '\u064E', '\u0651', '\u0670', '\u0640', '\t', '\n', '  ', 'e\u0301', '\u0627\u0654', '😀', 'İ', '\u200F',
  ];
  const texts = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));

  it('property: map is monotone, complete, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(texts, (s) => {
        const { text, map } = normalizeForMatch(s);
        expect(map).toHaveLength(text.length + 1);
        expect(map[text.length]).toBe(s.length);
        for (let i = 1; i < map.length; i++) expect(map[i]).toBeGreaterThanOrEqual(map[i - 1]);
        for (const offset of map) expect(isSurrogateSplit(s, offset)).toBe(false);
      }),
    );
  });

  it('property: idempotent', () => {
    fc.assert(
      fc.property(texts, (s) => {
        expect(norm(norm(s))).toBe(norm(s));
      }),
    );
  });

  it('property: a normalised slice maps back to an original slice with that same normal form', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (s, x, y) => {
        const n = normalizeForMatch(s);
        const boundary = (i: number) => i === 0 || i === n.text.length || n.map[i - 1] !== n.map[i];
        const cuts = [...Array(n.text.length + 1).keys()].filter(boundary);
        const [i, j] = [cuts[x % cuts.length], cuts[y % cuts.length]].sort((a, b) => a - b);
        const range = originalRange(n, i, j);
        expect(norm(s.slice(range.start, range.end))).toBe(n.text.slice(i, j));
      }),
    );
  });
});

describe('isSurrogateSplit', () => {
  it('is true only between the two halves of an astral character', () => {
    const s = 'a😀b';
    expect([0, 1, 2, 3, 4].map((o) => isSurrogateSplit(s, o))).toEqual([false, false, true, false, false]);
  });
});
