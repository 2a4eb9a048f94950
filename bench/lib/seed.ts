/**
 * Bulk set-up straight in SQL where the API would only add minutes of set-up time without
 * measuring anything: threads (with their first comment, quote and context computed by the
 * server's own anchor-text functions), and many small public documents.
 */

import type { Db } from '../../server/db/database.ts';
import { newId } from '../../server/db/ids.ts';
import { contextOf, quoteOf } from '../../server/threads/anchor-text.ts';
import type { Anchor } from '../../server/threads/reanchor.ts';
import type { Block } from '../../shared/documents.ts';
import { random } from './drafts.ts';

/** Spans users would select: mostly a few words in one line, one in ten across 2–3 lines. */
export function randomAnchors(blocks: Block[], count: number, seed = 7): Anchor[] {
  const rand = random(seed);
  const anchors: Anchor[] = [];
  while (anchors.length < count) {
    const i = Math.floor(rand() * blocks.length);
    const text = blocks[i].text;
    if (text.length < 20) continue;
    const start = Math.floor(rand() * (text.length - 10));
    if (rand() < 0.1 && i + 2 < blocks.length) {
      const j = i + 1 + Math.floor(rand() * 2);
      const end = Math.min(blocks[j].text.length, 5 + Math.floor(rand() * 30));
      anchors.push({ start: { blockId: blocks[i].id, offset: start }, end: { blockId: blocks[j].id, offset: end } });
    } else {
      const end = Math.min(text.length, start + 5 + Math.floor(rand() * 40));
      anchors.push({ start: { blockId: blocks[i].id, offset: start }, end: { blockId: blocks[i].id, offset: end } });
    }
  }
  return anchors;
}

export function anchorSource(blocks: Block[], anchor: Anchor) {
  return { anchor, quote: quoteOf(blocks, anchor), ...contextOf(blocks, anchor) };
}

export interface Author {
  accountId: string;
  organizationId: string;
}

/** `count` public, named comment threads on `version`, each with its first comment. */
export async function seedThreads(db: Db, input: { documentId: string; version: number; blocks: Block[]; count: number; authors: Author[]; seed?: number }): Promise<number> {
  const anchors = randomAnchors(input.blocks, input.count, input.seed);
  for (let i = 0; i < anchors.length; i += 1000) {
    const chunk = anchors.slice(i, i + 1000).map((anchor, k) => {
      const author = input.authors[(i + k) % input.authors.length];
      const source = anchorSource(input.blocks, anchor);
      return { id: newId(), author, ...source };
    });
    await db
      .insertInto('thread')
      .values(
        chunk.map((t) => ({
          id: t.id,
          document_id: input.documentId,
          version_number: input.version,
          anchor: JSON.stringify(t.anchor),
          quote: t.quote,
          prefix: t.prefix,
          suffix: t.suffix,
          kind: 'comment',
          suggestion: null,
          visibility: 'public',
          attribution: 'named',
          author_id: t.author.accountId,
          author_organization_id: t.author.organizationId,
          disposition: null,
          rationale: null,
          disposed_by: null,
          disposed_at: null,
          applied_version: null,
          applied_block_ids: null,
        })) as never,
      )
      .execute();
    await db
      .insertInto('comment')
      .values(
        chunk.map((t, k) => ({
          id: newId(),
          thread_id: t.id,
          author_id: t.author.accountId,
          author_organization_id: t.author.organizationId,
          attribution: 'named',
          body: `Seeded comment ${i + k}: the wording "${t.quote.slice(0, 40)}" should name the competent authority and a deadline.`,
          edited_at: null,
          withdrawn_at: null,
          hidden_at: null,
          hidden_reason: null,
          hidden_by: null,
        })) as never,
      )
      .execute();
  }
  return anchors.length;
}

/** `count` small open public documents (one version, three lines), for per-document memory. */
export async function seedSmallDocuments(db: Db, input: { count: number; organizationId: string; createdBy: string }): Promise<string[]> {
  const ids = Array.from({ length: input.count }, () => newId());
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db
      .insertInto('document')
      .values(
        chunk.map((id, k) => ({
          id,
          organization_id: input.organizationId,
          kind: 'law',
          title: `Small draft ${i + k}`,
          language: 'en',
          visibility: 'public',
          status: 'open',
          opens_at: new Date(),
          closes_at: null,
          current_version: 1,
          created_by: input.createdBy,
        })) as never,
      )
      .execute();
    await db
      .insertInto('version')
      .values(chunk.map((id) => ({ document_id: id, number: 1, note: '', block_count: 3, published_by: input.createdBy })) as never)
      .execute();
    await db
      .insertInto('block')
      .values(
        chunk.flatMap((id) =>
          ['Article 1', '1. Victims shall be protected.', '2. The State shall provide shelter.'].map((text, ordinal) => ({
            document_id: id,
            version_number: 1,
            ordinal,
            block_id: newId(),
            kind: ordinal ? 'paragraph' : 'article',
            label: ordinal ? `${ordinal}.` : 'Article 1',
            path: ordinal ? `art_1__para_${ordinal}` : 'art_1',
            text,
            dir: 'ltr',
          })),
        ) as never,
      )
      .execute();
  }
  return ids;
}
