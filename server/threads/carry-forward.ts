/**
 * Carries every thread of a document onto a newly published version: each gets a stored
 * projection (anchor + honest state) computed once, inside the publishing transaction.
 * No thread is ever dropped; an outdated one stays outdated on later versions.
 */
import type { Block } from '../../shared/documents.ts';
import type { Anchor, AnchorState } from '../../shared/threads.ts';
import type { Db } from '../db/database.ts';
import type { BlockMatch } from '../documents/match-blocks.ts';
import { reanchor } from './reanchor.ts';

export interface CarryInput {
  documentId: string;
  fromVersion: number;
  toVersion: number;
  oldBlocks: Block[];
  newBlocks: Block[];
  match: BlockMatch;
}

const CHUNK = 1000;

/** Returns how many threads ended in each state. */
export async function projectThreadsOntoVersion(trx: Db, input: CarryInput): Promise<Record<AnchorState, number>> {
  const rows = await trx
    .selectFrom('thread')
    .leftJoin('thread_projection as p', (join) => join.onRef('p.thread_id', '=', 'thread.id').on('p.version_number', '=', input.fromVersion))
    .select(['thread.id', 'thread.anchor', 'thread.quote', 'thread.prefix', 'thread.suffix', 'thread.version_number', 'p.anchor as projected', 'p.state'])
    .where('thread.document_id', '=', input.documentId)
    .where('thread.version_number', '<=', input.fromVersion)
    .execute();
  const counts: Record<AnchorState, number> = { unchanged: 0, moved: 0, edited: 0, uncertain: 0, outdated: 0 };
  const projections = rows.map((r) => {
    const anchor = (r.projected ?? r.anchor) as Anchor;
    const result = reanchor({ anchor, quote: r.quote, prefix: r.prefix, suffix: r.suffix, state: r.state ?? undefined }, input.oldBlocks, input.newBlocks, input.match);
    counts[result.state]++;
    return { thread_id: r.id, version_number: input.toVersion, anchor: JSON.stringify(result.anchor), state: result.state };
  });
  for (let i = 0; i < projections.length; i += CHUNK) {
    await trx.insertInto('thread_projection').values(projections.slice(i, i + CHUNK)).execute();
  }
  return counts;
}
