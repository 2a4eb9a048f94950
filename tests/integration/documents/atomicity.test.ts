/**
 * A create or a new version that fails in the middle of its transaction stores nothing. The
 * failure is real, in the database: a trigger created by the test raises on the 1,500th block
 * insert (after a first chunk of blocks went in) or on the second thread projection, for one
 * document only. Afterwards the counts of documents, versions, blocks, projections and events,
 * and the document's current version, are what they were.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());
afterEach(async () => {
  await sql`drop trigger if exists test_fail_block on block`.execute(t.database.db);
  await sql`drop trigger if exists test_fail_projection on thread_projection`.execute(t.database.db);
  await sql`drop function if exists test_fail_block()`.execute(t.database.db);
  await sql`drop function if exists test_fail_projection()`.execute(t.database.db);
});

/** Lines of a generated draft: an article heading every tenth line. */
function draft(lines: number, wording: string): string {
  return `${Array.from({ length: lines }, (_, i) => (i % 10 === 0 ? `Article ${i / 10 + 1}` : `Line ${i}: ${wording} provision number ${i}.`)).join('\n')}\n`;
}

const literal = (value: string) => sql.lit(value);

/** Raises on the insert of the block at `ordinal` for rows matching `condition` (SQL on NEW). */
async function failBlockInsert(ordinal: number, condition: ReturnType<typeof sql>) {
  const body = sql`begin
      if new.ordinal = ${sql.lit(ordinal)} and ${condition} then raise exception 'test: block insert refused'; end if;
      return new;
    end`.compile(t.database.db).sql;
  await sql.raw(`create function test_fail_block() returns trigger language plpgsql as $body$ ${body} $body$`).execute(t.database.db);
  await sql`create trigger test_fail_block before insert on block for each row execute function test_fail_block()`.execute(t.database.db);
}

async function countsFor(documentId: string | null) {
  const db = t.database.db;
  const one = async (query: ReturnType<typeof sql<{ n: string | number }>>) => Number((await query.execute(db)).rows[0].n);
  return {
    documents: await one(sql`select count(*) as n from document`),
    versions: await one(sql`select count(*) as n from version`),
    blocks: await one(sql`select count(*) as n from block`),
    projections: await one(sql`select count(*) as n from thread_projection`),
    events: documentId ? await one(sql`select count(*) as n from document_event where document_id = ${documentId}`) : 0,
    currentVersion: documentId ? await one(sql`select current_version as n from document where id = ${documentId}`) : 0,
  };
}

describe('a new version that fails inside its transaction', () => {
  it('stores nothing when the 1,500th block insert fails (after the first 1,000 went in)', async () => {
    const id = await createDocument(t, w, { text: draft(1_200, 'original') });
    const before = await countsFor(id);
    await failBlockInsert(1_500, sql`new.document_id = ${literal(id)} and new.version_number = 2`);
    const res = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Second reading', source: { format: 'text', content: draft(2_000, 'amended') } } });
    expect(res.statusCode).toBe(500);
    expect(await countsFor(id)).toEqual(before);
    expect(before.currentVersion).toBe(1);
    expect((await t.call('GET', `/api/documents/${id}/versions`, { token: w.drafter.token })).json()).toHaveLength(1);
    // Nothing half-written stands in the way: once the fault is gone the same version publishes.
    await sql`drop trigger test_fail_block on block`.execute(t.database.db);
    const again = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Second reading', source: { format: 'text', content: draft(2_000, 'amended') } } });
    expect(again.statusCode).toBe(201);
    expect(again.json().version).toMatchObject({ number: 2, blockCount: 2_000 });
  });

  it('stores nothing when the thread projection fails after its first row', async () => {
    const id = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, id);
    for (const [n, b] of [blocks[1], blocks[3], blocks[1]].entries()) {
      const res = await t.call('POST', `/api/documents/${id}/threads`, {
        token: w.ngo.token,
        body: { anchor: { start: { blockId: b.id, offset: 0 }, end: { blockId: b.id, offset: 4 } }, kind: 'comment', body: `Comment ${n}`, visibility: 'public', attribution: 'named' },
      });
      expect(res.statusCode).toBe(201);
    }
    const before = await countsFor(id);
    // Earlier rows of the same INSERT are visible to a row-level BEFORE trigger: the second one fails.
    const body = `begin
        if exists (select 1 from thread where id = new.thread_id and document_id = '${id.replaceAll("'", "''")}')
           and (select count(*) from thread_projection p join thread th on th.id = p.thread_id
                where th.document_id = '${id.replaceAll("'", "''")}' and p.version_number = new.version_number) >= 1
        then raise exception 'test: projection refused'; end if;
        return new;
      end`;
    await sql.raw(`create function test_fail_projection() returns trigger language plpgsql as $body$ ${body} $body$`).execute(t.database.db);
    await sql`create trigger test_fail_projection before insert on thread_projection for each row execute function test_fail_projection()`.execute(t.database.db);
    const v2 = 'Article 1\nThis law protects every victim of trafficking.\nArticle 2\nThe State shall provide shelter, medical care and legal aid.\n';
    const res = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Amended', source: { format: 'text', content: v2 } } });
    expect(res.statusCode).toBe(500);
    expect(await countsFor(id)).toEqual(before);
    const threads = (await t.call('GET', `/api/documents/${id}/threads`, { token: w.ngo.token })).json() as { anchorState: string }[];
    expect(threads).toHaveLength(3);
    expect(threads.every((th) => th.anchorState === 'unchanged')).toBe(true);
    // The refusal came from the trigger: without it the same version publishes and projects all three.
    await sql`drop trigger test_fail_projection on thread_projection`.execute(t.database.db);
    const again = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Amended', source: { format: 'text', content: v2 } } });
    expect(again.statusCode).toBe(201);
    expect((await countsFor(id)).projections).toBe(before.projections + 3);
  });
});

describe('a create that fails inside its transaction', () => {
  it('stores no document, version or block when the 1,500th block insert fails', async () => {
    const title = 'Draft that fails half-way';
    await failBlockInsert(1_500, sql`exists (select 1 from document d where d.id = new.document_id and d.title = ${literal(title)})`);
    const before = await countsFor(null);
    const res = await t.call('POST', '/api/documents', {
      token: w.drafter.token,
      body: { title, kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content: draft(2_000, 'new') } },
    });
    expect(res.statusCode).toBe(500);
    expect(await countsFor(null)).toEqual(before);
    const listed = (await t.call('GET', '/api/documents', { token: w.drafter.token })).json() as { title: string }[];
    expect(listed.some((d) => d.title === title)).toBe(false);
    await sql`drop trigger test_fail_block on block`.execute(t.database.db);
    const again = await t.call('POST', '/api/documents', {
      token: w.drafter.token,
      body: { title, kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content: draft(2_000, 'new') } },
    });
    expect(again.statusCode).toBe(201);
  });
});
