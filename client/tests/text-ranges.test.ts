// @vitest-environment node
/** Highlight segments (overlaps), the suggestion word diff and the version diff's marked ranges. */
import { describe, expect, it } from 'vitest';
import { markRanges, segmentsOf, wordDiff } from '../src/features/documents/text-ranges.ts';

describe('segmentsOf', () => {
  it('splits a line at every boundary and lists the threads covering each part', () => {
    const segments = segmentsOf(10, [
      { id: 'a', start: 2, end: 6 },
      { id: 'b', start: 4, end: 8 },
    ]);
    expect(segments).toEqual([
      { start: 0, end: 2, threads: [] },
      { start: 2, end: 4, threads: ['a'] },
      { start: 4, end: 6, threads: ['a', 'b'] },
      { start: 6, end: 8, threads: ['b'] },
      { start: 8, end: 10, threads: [] },
    ]);
  });
});

describe('wordDiff', () => {
  it('marks deleted and inserted words, in Arabic too', () => {
    expect(wordDiff('تلتزم الدولة بحماية الضحايا', 'تلتزم الدولة بحماية جميع الضحايا')).toEqual([
      { text: 'تلتزم الدولة بحماية ', change: 'same' },
      { text: 'جميع ', change: 'inserted' },
      { text: 'الضحايا', change: 'same' },
    ]);
    const parts = wordDiff('shall provide shelter', 'may provide shelter');
    expect(parts.filter((p) => p.change === 'deleted').map((p) => p.text.trim())).toEqual(['shall']);
    expect(parts.filter((p) => p.change === 'inserted').map((p) => p.text.trim())).toEqual(['may']);
  });
});

describe('markRanges', () => {
  it('cuts a text into marked and plain pieces', () => {
    expect(markRanges('abcdef', [{ start: 1, end: 3 }])).toEqual([
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
      { text: 'def', marked: false },
    ]);
    expect(markRanges('abc', undefined)).toEqual([{ text: 'abc', marked: false }]);
  });
});
