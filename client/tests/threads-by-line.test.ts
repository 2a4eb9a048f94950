// @vitest-environment node
/** The reader's per-line thread lists: one pass, spans across lines, unknown lines left out. */
import { describe, expect, it } from 'vitest';
import type { ThreadDto } from '../../shared/threads.ts';
import { threadsByLine } from '../src/features/documents/threads-by-line.ts';

const blocks = ['l0', 'l1', 'l2', 'l3'].map((id) => ({ id }));
const indexOf = (id: string) => blocks.findIndex((b) => b.id === id);
const thread = (id: string, from: string, to: string) => ({ id, anchor: { start: { blockId: from, offset: 0 }, end: { blockId: to, offset: 1 } } }) as unknown as ThreadDto;

describe('threadsByLine', () => {
  it('lists each thread on every line it spans, in the order given', () => {
    const map = threadsByLine([thread('a', 'l1', 'l1'), thread('b', 'l0', 'l2'), thread('c', 'l1', 'l3')], blocks, indexOf);
    expect(Object.fromEntries([...map].map(([line, list]) => [line, list.map((t) => t.id)]))).toEqual({ l0: ['b'], l1: ['a', 'b', 'c'], l2: ['b', 'c'], l3: ['c'] });
  });

  it('leaves out threads on lines this version does not have', () => {
    expect(threadsByLine([thread('gone', 'old', 'old')], blocks, indexOf).size).toBe(0);
  });

  it('stays linear with thousands of threads on one line', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => thread(`t${i}`, 'l2', 'l2'));
    const started = performance.now();
    expect(threadsByLine(many, blocks, indexOf).get('l2')).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
