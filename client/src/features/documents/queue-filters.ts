/**
 * Which threads the drafters' queue lists: the five filters of QueuePage as one pure function,
 * so they are tested as a table (client/tests/queue-filters.test.ts) without rendering the page.
 * An empty filter lets every thread through.
 */
import type { Block } from '../../../../shared/documents.ts';
import type { ThreadDto } from '../../../../shared/threads.ts';

export interface QueueFilters {
  /** `open`, `resolved` or '' for both. */
  status: string;
  /** A disposition value, `none` for threads not answered yet, or '' for all. */
  disposition: string;
  /** The kind of the author's organisation (ngo, nhri…), or ''. */
  orgKind: string;
  /** The label of the article the thread starts in, or ''. */
  article: string;
  /** Only confidential threads. */
  confidential: boolean;
}

export const NO_FILTERS: QueueFilters = { status: '', disposition: '', orgKind: '', article: '', confidential: false };

/** The label of the article that holds block `index` (the nearest article at or before it), or ''. */
export function articleOf(blocks: readonly Block[], index: number): string {
  for (let i = index; i >= 0; i--) if (blocks[i].kind === 'article' && blocks[i].label) return blocks[i].label as string;
  return '';
}

export function matchesQueueFilters(thread: ThreadDto, filters: QueueFilters, articleOfThread: (thread: ThreadDto) => string): boolean {
  const { status, disposition, orgKind, article, confidential } = filters;
  if (status && thread.status !== status) return false;
  if (disposition && (disposition === 'none' ? thread.disposition : thread.disposition?.value !== disposition)) return false;
  if (orgKind && thread.author.organization?.kind !== orgKind) return false;
  if (article && articleOfThread(thread) !== article) return false;
  return !confidential || thread.visibility === 'confidential';
}

/**
 * The threads the queue shows, in the given order. Threads named in `keep` (the one being
 * answered or typed in) stay whatever the filters say, so a live change cannot take away a
 * half-typed answer.
 */
export function filterQueue(threads: readonly ThreadDto[], filters: QueueFilters, articleOfThread: (thread: ThreadDto) => string, keep: ReadonlySet<string> = new Set()): ThreadDto[] {
  return threads.filter((thread) => keep.has(thread.id) || matchesQueueFilters(thread, filters, articleOfThread));
}
