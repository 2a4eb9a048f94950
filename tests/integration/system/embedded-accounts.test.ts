/**
 * The same account flow on the embedded PGlite driver (the default of `npm start`), so the
 * single-connection database is exercised by the real services and transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, addMember, createOrganization, createTestApp, PASSWORD, registerUser, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ driver: 'embedded' });
});
afterAll(() => t.close());

describe('accounts on the embedded database', () => {
  it('reports the embedded database in health', async () => {
    expect((await t.call('GET', '/api/health')).json()).toEqual({ ok: true, database: 'embedded' });
  });

  it('registers, signs in, creates and approves an organisation, adds a member, signs out', async () => {
    const admin = await registerUser(t, { email: ADMIN_EMAIL });
    const lead = await registerUser(t);
    const member = await registerUser(t);
    const orgId = await createOrganization(t, lead, 'nhri', admin);
    await addMember(t, lead, orgId, member);
    const login = await t.call('POST', '/api/auth/login', { body: { email: member.email, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const token = login.json().token;
    const me = (await t.call('GET', '/api/me', { token })).json();
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: orgId, role: 'member', organizationKind: 'nhri', approved: true })]);
    expect((await t.call('POST', '/api/auth/logout', { token })).statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(401);
  });

  it('keeps a failed registration from storing anything (duplicate inside a transaction)', async () => {
    const u = await registerUser(t);
    const again = await t.call('POST', '/api/auth/register', { body: { email: u.email, password: PASSWORD, name: 'Twin' } });
    expect(again.statusCode).toBe(409);
    const count = await t.database.db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).where('email', '=', u.email).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
