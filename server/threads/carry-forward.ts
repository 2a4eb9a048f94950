/**
 * Carries every thread of a document onto a newly published version: each gets a stored
 * projection (anchor + honest state) computed once, inside the publishing transaction.
 * No thread is ever dropped; an outdated one stays outdated on later versions.
 */
import type { Block } from '../../shared/documents.ts';
import type { Anchor, AnchorState } from '../../shared/threads.ts';
import type { Db } from '../db/database.ts';
import type { BlockMatch } from '../documents/match-blocks.ts';
import { anchorProblem, contextOf, quoteOf } from './anchor-text.ts';
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
    const result = reanchor({ anchor, ...wordingToFind(r, anchor, input.oldBlocks), state: r.state ?? undefined }, input.oldBlocks, input.newBlocks, input.match);
    counts[result.state]++;
    return { thread_id: r.id, version_number: input.toVersion, anchor: JSON.stringify(result.anchor), state: result.state };
  });
  for (let i = 0; i < projections.length; i += CHUNK) {
    await trx.insertInto('thread_projection').values(projections.slice(i, i + CHUNK)).execute();
  }
  return counts;
}

/**
 * What to look for on the new version. A projection that is sure of its place (unchanged, moved,
 * edited — or an uncertain one a person has confirmed, which is then stored as edited) sits on
 * the previous version's text, so that text and its context are sought; for automatic
 * projections it equals the original quote, for a confirmed one it is the wording the person
 * chose, which the original quote would fail to find again. Uncertain and outdated projections
 * keep the original quote: their place is a guess, and a guess must not become the reference.
 */
function wordingToFind(r: { quote: string; prefix: string; suffix: string; projected: unknown; state: string | null }, anchor: Anchor, oldBlocks: Block[]): { quote: string; prefix: string; suffix: string } {
  const sure = r.projected && (r.state === 'unchanged' || r.state === 'moved' || r.state === 'edited');
  if (!sure || anchorProblem(oldBlocks, anchor)) return { quote: r.quote, prefix: r.prefix, suffix: r.suffix };
  return { quote: quoteOf(oldBlocks, anchor), ...contextOf(oldBlocks, anchor) };
}
