// @vitest-environment node
/**
 * The drafters' queue filters (queue-filters.ts) as a table: each of the five filters alone,
 * their combination, the threads kept while being answered, and the article of a line. Also the
 * "applied in" line numbers (applied-lines.ts) the disposition form parses.
 */
import { describe, expect, it } from 'vitest';
import type { Block } from '../../shared/documents.ts';
import type { ThreadDto } from '../../shared/threads.ts';
import { formatLines, linesOfBlocks, parseLines } from '../src/features/documents/applied-lines.ts';
import { articleOf, filterQueue, matchesQueueFilters, NO_FILTERS, type QueueFilters } from '../src/features/documents/queue-filters.ts';
import { threadDto } from './helpers/thread-dto.ts';

const disposition = (value: 'accepted' | 'rejected') => ({ value, rationale: 'why', by: { name: 'Drafter' }, at: '2026-01-02T00:00:00Z', appliedVersion: null, appliedBlockIds: [] });
const threads: Record<string, ThreadDto> = {
  openNgoPublic: { ...threadDto('openNgoPublic', { blockId: 'b1' }), author: { name: 'Samira', organization: { id: 'o1', name: 'Adala', kind: 'ngo' } } } as ThreadDto,
  openNhriConfidential: { ...threadDto('openNhriConfidential', { blockId: 'b3' }), visibility: 'confidential', author: { name: 'Omar', organization: { id: 'o2', name: 'NHRI', kind: 'nhri' } } } as ThreadDto,
  resolvedAccepted: { ...threadDto('resolvedAccepted', { blockId: 'b3' }), status: 'resolved', disposition: disposition('accepted') } as ThreadDto,
  openRejected: { ...threadDto('openRejected', { blockId: 'b0' }), disposition: disposition('rejected') } as ThreadDto,
};
const blocks = [
  { id: 'b0', kind: 'title', label: null },
  { id: 'b1', kind: 'article', label: 'Article 1' },
  { id: 'b2', kind: 'paragraph', label: '1.' },
  { id: 'b3', kind: 'article', label: 'Article 2' },
].map((b, ordinal) => ({ ...b, ordinal, path: b.id, text: `Text of ${b.id}`, dir: 'ltr' })) as Block[];
const articleOfThread = (thread: ThreadDto) => articleOf(blocks, blocks.findIndex((b) => b.id === thread.anchor.start.blockId));

describe('queue filters', () => {
  it.each<[string, Partial<QueueFilters>, string[]]>([
    ['no filter', {}, ['openNgoPublic', 'openNhriConfidential', 'resolvedAccepted', 'openRejected']],
    ['open', { status: 'open' }, ['openNgoPublic', 'openNhriConfidential', 'openRejected']],
    ['resolved', { status: 'resolved' }, ['resolvedAccepted']],
    ['not answered yet', { disposition: 'none' }, ['openNgoPublic', 'openNhriConfidential']],
    ['accepted', { disposition: 'accepted' }, ['resolvedAccepted']],
    ['partially accepted (none)', { disposition: 'partially_accepted' }, []],
    ['NGO authors', { orgKind: 'ngo' }, ['openNgoPublic']],
    ['NHRI authors', { orgKind: 'nhri' }, ['openNhriConfidential']],
    ['Article 2', { article: 'Article 2' }, ['openNhriConfidential', 'resolvedAccepted']],
    ['Article 1 (a paragraph under it counts too)', { article: 'Article 1' }, ['openNgoPublic']],
    ['confidential only', { confidential: true }, ['openNhriConfidential']],
    ['open, not answered, in Article 2, confidential', { status: 'open', disposition: 'none', article: 'Article 2', confidential: true }, ['openNhriConfidential']],
    ['open and accepted (none)', { status: 'open', disposition: 'accepted' }, []],
  ])('lists %s', (_name, filters, expected) => {
    const result = filterQueue(Object.values(threads), { ...NO_FILTERS, ...filters }, articleOfThread);
    expect(result.map((thread) => thread.id)).toEqual(expected);
  });

  it('keeps a thread being answered even when the filters leave it out, in its place', () => {
    const result = filterQueue(Object.values(threads), { ...NO_FILTERS, status: 'resolved' }, articleOfThread, new Set(['openNgoPublic']));
    expect(result.map((thread) => thread.id)).toEqual(['openNgoPublic', 'resolvedAccepted']);
  });

  it('reads no article before the first one, and the nearest article above a line', () => {
    expect(articleOf(blocks, 0)).toBe('');
    expect(articleOf(blocks, 2)).toBe('Article 1');
    expect(matchesQueueFilters(threads.openRejected, { ...NO_FILTERS, article: 'Article 1' }, articleOfThread)).toBe(false);
  });
});

describe('applied-in line numbers', () => {
  it.each<[string, string, number, ReturnType<typeof parseLines>]>([
    ['single lines and a range', '4, 7-9', 10, { lines: [4, 7, 8, 9] }],
    ['duplicates, disorder and spaces', ' 9 ,4,  4 , 7 - 8 ', 10, { lines: [4, 7, 8, 9] }],
    ['Arabic-Indic digits and the Arabic comma', '٤، ٧-٩', 10, { lines: [4, 7, 8, 9] }],
    ['nothing', '  ', 10, { lines: [] }],
    ['a word', '4, seven', 10, { problem: { kind: 'syntax', part: 'seven' } }],
    ['a reversed range', '9-7', 10, { problem: { kind: 'syntax', part: '9-7' } }],
    ['line 0', '0', 10, { problem: { kind: 'outside', line: 0 } }],
    ['a line past the end', '3, 8-11', 10, { problem: { kind: 'outside', line: 11 } }],
    ['more lines than the server takes', '1-501', 20_000, { problem: { kind: 'tooMany' } }],
  ])('parses %s', (_name, text, lineCount, expected) => {
    expect(parseLines(text, lineCount)).toEqual(expected);
  });

  it('writes line numbers back compactly, from block ids of a version', () => {
    expect(formatLines([9, 4, 7, 8, 12])).toBe('4, 7-9, 12');
    expect(formatLines(linesOfBlocks(blocks, ['b3', 'b1', 'b2', 'gone']))).toBe('2-4');
  });
});
