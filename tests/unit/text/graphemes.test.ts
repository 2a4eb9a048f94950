/**
 * Grapheme counting in windows (shared/text/graphemes.ts) gives exactly what one pass of
 * Intl.Segmenter gives, on any text, including clusters and flag pairs cut by a window's edge
 * and clusters longer than a window — and stays linear on long texts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphemeLength, longerThanGraphemes, truncateGraphemes } from '../../../shared/text/graphemes.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const reference = (s: string) => [...segmenter.segment(s)].map((x) => x.index);

const pieces = ['a', 'ب', 'e\u0301', '\u0301', '👨‍👩‍👧‍👦', '🇲🇦', '🇫', '👍🏽', '\u200d', '\r\n', '\n', 'قَانُون', '\ud83d', '\u0600', ' '];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 3000 }).map((a) => a.join(''));

describe('graphemes', () => {
  it('counts and cuts exactly as one pass of Intl.Segmenter, across window edges', () => {
    fc.assert(
      fc.property(text, fc.nat(4000), (s, max) => {
        const starts = reference(s);
        expect(graphemeLength(s)).toBe(starts.length);
        expect(truncateGraphemes(s, max)).toBe(max < starts.length ? s.slice(0, starts[max]) : s);
      }),
      { numRuns: 60 },
    );
  });

  it('handles one cluster longer than a window, and regional indicators in long runs', () => {
    for (const s of [`x${'\u0301'.repeat(5000)}y`, '🇲'.repeat(3001), `${'a'.repeat(1023)}${'🇲🇦'.repeat(600)}`]) expect(graphemeLength(s)).toBe(reference(s).length);
  });

  it('refuses a megabyte without segmenting it, and stays linear on 150,000 letters (printed, not timed)', () => {
    expect(longerThanGraphemes('y'.repeat(1_000_000), 10_000)).toBe(true);
    expect(longerThanGraphemes('👨‍👩‍👧‍👦'.repeat(10_000), 10_000)).toBe(false);
    expect(longerThanGraphemes('👨‍👩‍👧‍👦'.repeat(10_001), 10_000)).toBe(true);
    const started = performance.now();
    expect(graphemeLength('a'.repeat(150_000))).toBe(150_000);
    console.log(`graphemeLength of 150,000 letters: ${(performance.now() - started).toFixed(0)} ms`);
  });
});
