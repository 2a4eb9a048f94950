/**
 * SECURITY.md AUTH-6 (mass termination, ASVS 7.4.2) for the admin's "disable account" action,
 * and authentication in one query (on the real server and on PGlite).
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../shared/realtime.ts';
import { createSessions, liveSessionIds } from '../../../server/auth/sessions.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { addMember, createOrganization, createTestApp, PASSWORD, registerUser, type TestApp, type TestUser, uniqueEmail } from '../../helpers/test-app.ts';
import { createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

const login = (email: string, password = PASSWORD) => t.call('POST', '/api/auth/login', { body: { email, password } });
const disable = (id: string, token: string | null = w.admin.token, body: unknown = {}) => t.call('POST', `/api/admin/accounts/${id}/disable`, { token, body });
const enable = (id: string, token: string | undefined = w.admin.token) => t.call('POST', `/api/admin/accounts/${id}/enable`, { token, body: {} });

async function open(token: string) {
  const s = await TestSocket.open(t.wsUrl, { token });
  sockets.push(s);
  return s;
}

describe('AUTH-6 an admin disables an account', () => {
  it('AUTH-6 every session of the disabled account answers 401 at once (three sessions), and its session rows are gone', async () => {
    const u = await registerUser(t);
    const tokens = [u.token, (await login(u.email)).json().token, (await login(u.email)).json().token];
    for (const token of tokens) expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(200);
    const res = await disable(u.id, w.admin.token, { reason: 'reported impersonation' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().account).toMatchObject({ id: u.id, email: u.email, disabledAt: expect.any(String) });
    for (const token of tokens) expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(401);
    expect(await t.database.db.selectFrom('session').select('id').where('account_id', '=', u.id).execute()).toEqual([]);
  });

  it('AUTH-6 a disabled account cannot sign in, and is told exactly what a wrong password is told (AUTH-8: no enumeration)', async () => {
    const u = await registerUser(t);
    expect((await disable(u.id)).statusCode).toBe(200);
    const right = await login(u.email);
    const wrong = await login(u.email, 'not the password at all');
    const unknown = await login(uniqueEmail('ghost'));
    expect([right.statusCode, wrong.statusCode, unknown.statusCode]).toEqual([401, 401, 401]);
    expect(right.body).toBe(wrong.body);
    expect(right.body).toBe(unknown.body);
    expect(right.headers['set-cookie']).toBeUndefined();
  });

  it('AUTH-6 open sockets of the account are closed at once with the session-ended code; other people’s stay open', async () => {
    const u = await registerUser(t);
    const second = (await login(u.email)).json().token as string;
    const [a, b, bystander] = await Promise.all([open(u.token), open(second), open(w.otherNgo.token)]);
    expect((await disable(u.id)).statusCode).toBe(200);
    await waitFor(() => a.closeCode !== null && b.closeCode !== null, 5000, 'both sockets closed');
    expect([a.closeCode, b.closeCode]).toEqual([CLOSE.SESSION_ENDED, CLOSE.SESSION_ENDED]);
    expect(bystander.closeCode).toBeNull();
    // A new upgrade on the old credentials is refused before any 101.
    await expect(TestSocket.open(t.wsUrl, { token: u.token })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('AUTH-6 the periodic socket re-check treats a disabled account as ended, even if its session row survived (a disable from another process, or a racing sign-in)', async () => {
    const u = await registerUser(t);
    const other = await registerUser(t);
    const sessionOf = async (id: string) => (await t.database.db.selectFrom('session').select('id').where('account_id', '=', id).executeTakeFirstOrThrow()).id;
    const [mine, theirs] = [await sessionOf(u.id), await sessionOf(other.id)];
    expect(await liveSessionIds(t.database.db, [mine, theirs])).toEqual(new Set([mine, theirs]));
    // The flag alone, rows untouched: only the join with the account can tell.
    await t.database.db.updateTable('account').set({ disabled_at: new Date() }).where('id', '=', u.id).execute();
    expect(await liveSessionIds(t.database.db, [mine, theirs])).toEqual(new Set([theirs]));
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
  });

  it('AUTH-6 re-enabling lets the person sign in again; the sessions ended by the disabling stay ended', async () => {
    const u = await registerUser(t);
    expect((await disable(u.id)).statusCode).toBe(200);
    const res = await enable(u.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().account.disabledAt).toBeNull();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
    const again = await login(u.email);
    expect(again.statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { token: again.json().token })).statusCode).toBe(200);
  });

  it('AUTH-6 disabling and enabling are audited with who, whom, the reason and the request id; repeating a disable writes nothing new', async () => {
    const u = await registerUser(t);
    expect((await disable(u.id, w.admin.token, { reason: 'spam' })).statusCode).toBe(200);
    expect((await disable(u.id)).statusCode).toBe(200);
    expect((await enable(u.id)).statusCode).toBe(200);
    const rows = await t.database.db
      .selectFrom('audit_entry')
      .select(['actor_id', 'action', 'object_type', 'object_id', 'detail'])
      .where('object_id', '=', u.id)
      .where('action', 'in', ['account.disabled', 'account.enabled'])
      .orderBy('at')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['account.disabled', 'account.enabled']);
    for (const r of rows) expect(r).toMatchObject({ actor_id: w.admin.id, object_type: 'account', detail: { requestId: expect.any(String) } });
    expect(rows[0].detail).toMatchObject({ reason: 'spam' });
  });

  it('AUTH-6 only platform admins may disable, enable or search: 401 signed out, 403 for others (even on unknown ids), 404 for an admin on an unknown id, 409 on oneself', async () => {
    const u = await registerUser(t);
    for (const who of [w.ngo, w.drafter, w.loner]) {
      expect((await disable(u.id, who.token)).statusCode).toBe(403);
      expect((await disable('no-such-account', who.token)).statusCode).toBe(403);
      expect((await enable(u.id, who.token)).statusCode).toBe(403);
      expect((await t.call('GET', '/api/admin/accounts', { token: who.token })).statusCode).toBe(403);
    }
    expect((await disable(u.id, null)).statusCode).toBe(401);
    expect((await t.call('GET', '/api/admin/accounts')).statusCode).toBe(401);
    expect((await disable('no-such-account')).statusCode).toBe(404);
    const self = await disable(w.admin.id);
    expect(self.statusCode).toBe(409);
    expect((await t.call('GET', '/api/me', { token: w.admin.token })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    expect((await disable(u.id, w.admin.token, { reason: 'x', extra: true })).statusCode).toBe(400);
    // Scripts may send no body at all (the reason is optional).
    const bare = await t.app.inject({ method: 'POST', url: `/api/admin/accounts/${u.id}/disable`, headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(bare.statusCode, bare.body).toBe(200);
  });

  it('AUTH-6 an admin finds accounts by part of their email or name, wildcards matched literally, with their disabled state', async () => {
    const u = await registerUser(t, { name: 'Findable 100%_Person' });
    expect((await disable(u.id)).statusCode).toBe(200);
    const byName = await t.call('GET', `/api/admin/accounts?q=${encodeURIComponent('findable 100%_')}`, { token: w.admin.token });
    expect(byName.statusCode).toBe(200);
    expect(byName.json()).toEqual([expect.objectContaining({ id: u.id, name: 'Findable 100%_Person', disabledAt: expect.any(String), isAdmin: false })]);
    const byEmail = await t.call('GET', `/api/admin/accounts?q=${encodeURIComponent(u.email.toUpperCase())}`, { token: w.admin.token });
    expect(byEmail.json().map((a: { id: string }) => a.id)).toEqual([u.id]);
    expect((await t.call('GET', `/api/admin/accounts?q=${encodeURIComponent('Findable%Person')}`, { token: w.admin.token })).json()).toEqual([]);
    const spec = (await t.call('GET', '/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/api/admin/accounts', '/api/admin/accounts/{id}/disable', '/api/admin/accounts/{id}/enable']) expect(spec.paths[path], path).toBeDefined();
  });
});

describe('authentication in one query', () => {
  let embedded: TestApp;
  beforeAll(async () => {
    embedded = await createTestApp({ driver: 'embedded' });
  });
  afterAll(() => embedded.close());

  async function countQueries(app: TestApp, people: { member: TestUser; orgIds: string[] }) {
    const statements: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const sessions = createSessions(app.database.db.withPlugin(counting), { secureCookie: false });
    const valid = await sessions.validate(people.member.token);
    return { statements, valid };
  }

  for (const driver of ['postgres', 'embedded'] as const) {
    it(`validating a session loads the account and its memberships in a single statement (${driver}), and a disabled account's session is refused`, async () => {
      const app = driver === 'postgres' ? t : embedded;
      const admin = driver === 'postgres' ? w.admin : await registerUser(app, { email: 'admin@tashawur.test', name: 'Embedded Admin Person' });
      const lead = await registerUser(app);
      const member = await registerUser(app);
      const orgA = await createOrganization(app, lead, 'ngo', admin);
      const orgB = await createOrganization(app, lead, 'nhri', admin);
      await addMember(app, lead, orgA, member, 'member');
      await addMember(app, lead, orgB, member, 'lead');
      const { statements, valid } = await countQueries(app, { member, orgIds: [orgA, orgB] });
      expect(statements).toEqual(['SelectQueryNode']);
      expect(valid?.accountId).toBe(member.id);
      expect(valid?.account.email).toBe(member.email);
      expect(valid?.account.memberships).toHaveLength(2);
      expect(valid?.account.memberships).toEqual(
        expect.arrayContaining([
          { organizationId: orgA, role: 'member', kind: 'ngo', approved: true },
          { organizationId: orgB, role: 'lead', kind: 'nhri', approved: true },
        ]),
      );
      // An account without memberships gets an empty list, not null.
      const loner = await registerUser(app);
      expect((await countQueries(app, { member: loner, orgIds: [] })).valid?.account.memberships).toEqual([]);
      // The flag is checked by the same statement.
      await app.database.db.updateTable('account').set({ disabled_at: new Date() }).where('id', '=', member.id).execute();
      expect((await countQueries(app, { member, orgIds: [] })).valid).toBeNull();
      expect((await app.call('GET', '/api/me', { token: member.token })).statusCode).toBe(401);
      const me = await app.call('GET', '/api/me', { token: lead.token });
      expect(me.json().memberships).toHaveLength(2);
    });
  }
});
