/**
 * Comments written straight in SQL (thread, first comment, event and NOTIFY in one short
 * transaction per comment), bypassing HTTP and the services: what the real hub then delivers
 * measures Tashawur's fan-out alone, with the same writers as the bare baseline.
 */
import pg from 'pg';
import { newId } from '../../server/db/ids.ts';
import type { Block } from '../../shared/documents.ts';
import type { BenchDatabase } from './database.ts';
import type { Publisher } from './fanout.ts';
import { anchorSource, randomAnchors } from './seed.ts';
import type { World } from './world.ts';

export async function sqlCommentPublisher(database: BenchDatabase, world: World, documentId: string, blocks: Block[], writers: number) {
  const sources = randomAnchors(blocks, 500, 23).map((a) => anchorSource(blocks, a));
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const c = new pg.Client({ connectionString: database.url, application_name: 'bench-sql-writer' });
      await c.connect();
      return c;
    }),
  );
  const publisher: Publisher = {
    writers,
    keyedBy: 'thread',
    async lastSeq() {
      const row = await database.handle.db.selectFrom('document').select('last_seq').where('id', '=', documentId).executeTakeFirstOrThrow();
      return row.last_seq;
    },
    async publish(w, i) {
      const c = clients[w];
      const s = sources[i % sources.length];
      const author = world.writers[w % world.writers.length];
      const threadId = newId();
      await c.query('BEGIN');
      try {
        await c.query(
          "INSERT INTO thread (id, document_id, version_number, anchor, quote, prefix, suffix, kind, visibility, attribution, author_id, author_organization_id) VALUES ($1, $2, 1, $3, $4, $5, $6, 'comment', 'public', 'named', $7, $8)",
          [threadId, documentId, JSON.stringify(s.anchor), s.quote, s.prefix, s.suffix, author.id, world.ngoId],
        );
        await c.query("INSERT INTO comment (id, thread_id, author_id, author_organization_id, attribution, body) VALUES ($1, $2, $3, $4, 'named', $5)", [
          newId(),
          threadId,
          author.id,
          world.ngoId,
          `SQL comment ${i}`,
        ]);
        await c.query(
          `WITH s AS (UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
           INSERT INTO document_event (document_id, seq, kind, payload, actor_id) SELECT $1, s.last_seq, 'thread.created', $2, $3 FROM s
           RETURNING pg_notify('tashawur_events', json_build_object('documentId', document_id, 'seq', seq)::text)`,
          [documentId, JSON.stringify({ threadId }), author.id],
        );
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
      return threadId;
    },
  };
  return { publisher, close: () => Promise.all(clients.map((c) => c.end().catch(() => {}))) };
}
