/**
 * Idempotency-Key on the creating writes of documents, versions, organisations and members
 * (API.md: writes that create something accept it): the same key, account and body replay the
 * first answer (status and body) and create nothing; another body is refused with 422. A
 * duplicate sent while the first request is still running is refused at once with 409 and
 * Retry-After (proved by holding the first request on a row lock), and replays once it is done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { defaultDriver } from '../../helpers/test-database.ts';
import { createDocument, createWorld, type World } from '../../helpers/world.ts';

const onPostgres = defaultDriver() === 'postgres';
let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

const key = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;
const post = (url: string, who: TestUser, body: unknown, idempotencyKey: string) => t.call('POST', url, { token: who.token, body, headers: { 'idempotency-key': idempotencyKey } });

function documentBody(title: string) {
  return { title, kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1\nFirst text.\nArticle 2\nSecond text.\n' } };
}
const versionBody = (note: string) => ({ note, source: { format: 'text', content: `Article 1\nFirst text, amended (${note}).\nArticle 2\nSecond text.\n` } });

/** Sends the body twice with one key, then another body with it: one row, same answer, 422. */
async function checkRoute(url: string, who: TestUser, body: unknown, other: unknown, count: () => Promise<number>) {
  const k = key('create');
  const before = await count();
  const first = await post(url, who, body, k);
  expect(first.statusCode, first.body).toBe(201);
  expect(first.headers['idempotent-replayed']).toBe('false');
  const again = await post(url, who, body, k);
  expect(again.statusCode).toBe(201);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.json()).toEqual(first.json());
  expect(await count()).toBe(before + 1);
  const reused = await post(url, who, other, k);
  expect(reused.statusCode).toBe(422);
  expect(reused.json().error.code).toBe('idempotency_key_reused');
  expect(await count()).toBe(before + 1);
  return first.json();
}

const db = () => t.database.db;

/** A bounded wait on an asynchronous condition. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const countOf = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);

describe('Idempotency-Key on creating writes', () => {
  it('POST /api/documents: the same key and body create one document and replay the first answer; another body answers 422', async () => {
    const title = `Idempotent draft ${randomBytes(3).toString('hex')}`;
    const count = () => countOf(db().selectFrom('document').select((eb) => eb.fn.countAll().as('n')).where('title', '=', title).executeTakeFirstOrThrow());
    await checkRoute('/api/documents', w.drafter, documentBody(title), documentBody(`${title} (other)`), count);
  });

  it('POST /api/documents/:id/versions: a retried publication adds one version and replays its summary; another body answers 422', async () => {
    const docId = await createDocument(t, w);
    const count = () => countOf(db().selectFrom('version').select((eb) => eb.fn.countAll().as('n')).where('document_id', '=', docId).executeTakeFirstOrThrow());
    const answer = await checkRoute(`/api/documents/${docId}/versions`, w.drafter, versionBody('second'), versionBody('another'), count);
    expect(answer.version.number).toBe(2);
    const doc = await t.call('GET', `/api/documents/${docId}`, { token: w.drafter.token });
    expect(doc.json().document.currentVersion).toBe(2);
  });

  it('POST /api/organizations: the same key and body propose one organisation and replay it; another body answers 422', async () => {
    const founder = await registerUser(t);
    const name = `Idempotent Observatory ${randomBytes(3).toString('hex')}`;
    const count = () => countOf(db().selectFrom('organization').select((eb) => eb.fn.countAll().as('n')).where('created_by', '=', founder.id).executeTakeFirstOrThrow());
    const answer = await checkRoute('/api/organizations', founder, { name, kind: 'ngo', country: 'MA' }, { name: `${name} Two`, kind: 'ngo', country: 'MA' }, count);
    expect(answer.organization.name).toBe(name);
  });

  it('POST /api/organizations/:id/members: a retried addition stores one membership and one audit entry and replays the member; another body answers 422', async () => {
    const newcomer = await registerUser(t);
    const count = () => countOf(db().selectFrom('audit_entry').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'membership.set').where('object_id', '=', newcomer.id).executeTakeFirstOrThrow());
    const answer = await checkRoute(`/api/organizations/${w.ngoId}/members`, w.ngo, { email: newcomer.email, role: 'member' }, { email: newcomer.email, role: 'lead' }, count);
    expect(answer).toMatchObject({ accountId: newcomer.id, role: 'member' });
    const role = await db().selectFrom('membership').select('role').where('account_id', '=', newcomer.id).where('organization_id', '=', w.ngoId).executeTakeFirstOrThrow();
    expect(role.role).toBe('member');
  });

  it('keys belong to one account: the same key from another drafter is an unrelated request', async () => {
    const k = key('shared');
    const a = await post('/api/documents', w.drafter, documentBody('Key owner A'), k);
    const b = await post('/api/documents', w.otherDrafter, { ...documentBody('Key owner B'), organizationId: w.otherMinistryId }, k);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBe('false');
    expect(b.json().document.id).not.toBe(a.json().document.id);
  });
});

describe('a key whose request is still running', () => {
  it.skipIf(!onPostgres)('answers 409 idempotency_key_in_use with Retry-After at once while the first request is held on a row lock, then replays the first answer', async () => {
    const docId = await createDocument(t, w);
    const url = `/api/documents/${docId}/versions`;
    const k = key('held');
    const holder = new pg.Client({ connectionString: t.database.url as string });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM document WHERE id = $1 FOR UPDATE', [docId]);
      // The first request claims the key, then waits for the document row held above.
      const first = post(url, w.drafter, versionBody('held'), k);
      const waiting = async () => {
        const { rows } = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
        return rows[0].n as number;
      };
      await until(async () => (await waiting()) > 0, 'the first request to wait on the row lock');
      const started = Date.now();
      const duplicate = await post(url, w.drafter, versionBody('held'), k);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.code).toBe('idempotency_key_in_use');
      expect(duplicate.json().error.message).toMatch(/still being processed/);
      expect(Number(duplicate.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      await holder.query('ROLLBACK');
      const done = await first;
      expect(done.statusCode).toBe(201);
      expect(done.headers['idempotent-replayed']).toBe('false');
      const replay = await post(url, w.drafter, versionBody('held'), k);
      expect(replay.statusCode).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(done.json());
      const versions = await db().selectFrom('version').select('number').where('document_id', '=', docId).execute();
      expect(versions.map((v) => v.number).sort()).toEqual([1, 2]);
    } finally {
      await holder.query('ROLLBACK').catch(() => {});
      await holder.end();
    }
  });
});

describe('on the embedded database (one connection)', () => {
  let e: TestApp;
  let ew: World;
  beforeAll(async () => {
    e = await createTestApp({ driver: 'embedded' });
    ew = await createWorld(e);
  });
  afterAll(() => e.close());

  it('two concurrent POSTs with one key: one creates, the other replays the same answer (transactions run one after another), and one document exists', async () => {
    const k = key('embedded');
    const title = 'Embedded idempotent draft';
    const body = { title, kind: 'law', organizationId: ew.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1\nText.\n' } };
    const send = () => e.call('POST', '/api/documents', { token: ew.drafter.token, body, headers: { 'idempotency-key': k } });
    const [a, b] = await Promise.all([send(), send()]);
    const answers = [a, b].map((r) => ({ status: r.statusCode, replayed: r.headers['idempotent-replayed'], id: r.json().document?.id }));
    expect(answers.map((x) => x.status)).toEqual([201, 201]);
    expect(answers.map((x) => x.replayed).sort()).toEqual(['false', 'true']);
    expect(answers[0].id).toBe(answers[1].id);
    const rows = await e.database.db.selectFrom('document').select('id').where('title', '=', title).execute();
    expect(rows).toHaveLength(1);
  });
});
