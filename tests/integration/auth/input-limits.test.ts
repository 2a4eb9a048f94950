/**
 * Oversized and malformed input on the account and organisation endpoints: each refusal is a
 * 400 in the API's error shape, and leaves the database as it was (no organisation, membership,
 * session or password change). The limits are read from shared/ (the schemas' own numbers), and
 * each table also shows the value at the limit is accepted, so the refusal is the limit's doing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateOrganizationBody } from '../../../shared/auth.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { createTestApp, ORIGIN, PASSWORD, registerUser, type TestApp, type TestUser, uniqueEmail } from '../../helpers/test-app.ts';

// TypeBox keeps the JSON Schema keywords on the schema object; its TString type does not list them.
const maxLengthOf = (schema: object) => (schema as { maxLength: number }).maxLength;
const NAME_MAX = maxLengthOf(CreateOrganizationBody.properties.name);
const COUNTRY_MAX = maxLengthOf(CreateOrganizationBody.properties.country);
const DOMAIN = '@tashawur.test';

/** A well-formed address of exactly `length` characters. */
function emailOfLength(length: number): string {
  return `${'m'.repeat(length - DOMAIN.length)}${DOMAIN}`;
}

let t: TestApp;
let lead: TestUser;
let organizationId: string;
beforeAll(async () => {
  t = await createTestApp();
  lead = await registerUser(t);
  const res = await t.call('POST', '/api/organizations', { token: lead.token, body: { name: 'Limits Association', kind: 'ngo', country: 'MA' } });
  organizationId = res.json().organization.id;
});
afterAll(() => t.close());

function expectInvalidInput(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toEqual({ error: { code: 'invalid_input', message: expect.stringMatching(/.{10,}/) } });
}

async function count(table: 'organization' | 'membership' | 'session' | 'account', where?: { column: 'account_id'; value: string }) {
  let query = t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) query = query.where(where.column as never, '=', where.value as never);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

describe('organisation input limits', () => {
  it('reads its limits from the shared schema', () => {
    expect(NAME_MAX).toBe(LIMITS.nameLength);
    expect(COUNTRY_MAX).toBeGreaterThan(2);
  });

  it.each([
    ['a name one character over its limit', { name: 'n'.repeat(NAME_MAX + 1), kind: 'ngo', country: 'MA' }],
    ['a country one character over its limit', { name: 'Over Country', kind: 'ngo', country: 'c'.repeat(COUNTRY_MAX + 1) }],
    ['a one-character name', { name: 'N', kind: 'ngo', country: 'MA' }],
    ['an unknown field', { name: 'Extra Field', kind: 'ngo', country: 'MA', approved: true }],
  ])('refuses %s with 400 and stores nothing', async (_label, body) => {
    const before = { organizations: await count('organization'), memberships: await count('membership') };
    expectInvalidInput(await t.call('POST', '/api/organizations', { token: lead.token, body }));
    expect({ organizations: await count('organization'), memberships: await count('membership') }).toEqual(before);
  });

  it('accepts a name and a country exactly at their limits', async () => {
    const res = await t.call('POST', '/api/organizations', { token: lead.token, body: { name: `At Limit ${'n'.repeat(NAME_MAX - 9)}`, kind: 'ngo', country: 'c'.repeat(COUNTRY_MAX) } });
    expect(res.statusCode).toBe(201);
  });
});

describe('member email limit', () => {
  it(`refuses an email of ${LIMITS.emailLength + 1} characters with 400 and adds nobody`, async () => {
    const before = await count('membership');
    const res = await t.call('POST', `/api/organizations/${organizationId}/members`, { token: lead.token, body: { email: emailOfLength(LIMITS.emailLength + 1), role: 'member' } });
    expectInvalidInput(res);
    expect(await count('membership')).toBe(before);
  });

  it(`looks up an email of exactly ${LIMITS.emailLength} characters (404: no such account)`, async () => {
    const res = await t.call('POST', `/api/organizations/${organizationId}/members`, { token: lead.token, body: { email: emailOfLength(LIMITS.emailLength), role: 'member' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('sign-in input limits', () => {
  it.each([
    [`an email of ${LIMITS.emailLength + 1} characters`, () => ({ email: emailOfLength(LIMITS.emailLength + 1), password: PASSWORD })],
    [`a password of ${LIMITS.passwordMax + 1} characters`, (u: TestUser) => ({ email: u.email, password: 'p'.repeat(LIMITS.passwordMax + 1) })],
    ['an empty password', (u: TestUser) => ({ email: u.email, password: '' })],
    ['an unknown field', (u: TestUser) => ({ email: u.email, password: PASSWORD, remember: true })],
  ])('refuses %s with 400 and opens no session', async (_label, bodyFor) => {
    const u = await registerUser(t);
    const sessionsBefore = await count('session');
    expectInvalidInput(await t.call('POST', '/api/auth/login', { body: bodyFor(u) }));
    expect(await count('session')).toBe(sessionsBefore);
  });

  it('answers fields exactly at their limits as an ordinary wrong sign-in (401)', async () => {
    const u = await registerUser(t);
    expect((await t.call('POST', '/api/auth/login', { body: { email: emailOfLength(LIMITS.emailLength), password: PASSWORD } })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/auth/login', { body: { email: u.email, password: 'p'.repeat(LIMITS.passwordMax) } })).statusCode).toBe(401);
  });

  it(`refuses a registration email of ${LIMITS.emailLength + 1} characters with 400 and creates no account`, async () => {
    const before = await count('account');
    expectInvalidInput(await t.call('POST', '/api/auth/register', { body: { email: emailOfLength(LIMITS.emailLength + 1), password: PASSWORD, name: 'Long Email' } }));
    expect(await count('account')).toBe(before);
  });
});

describe('password change input', () => {
  async function stateOf(u: TestUser) {
    const row = await t.database.db.selectFrom('account').select(['password_hash', 'password_changed_at']).where('id', '=', u.id).executeTakeFirstOrThrow();
    return { ...row, sessions: await count('session', { column: 'account_id', value: u.id }) };
  }

  it.each([
    [`a new password of ${LIMITS.passwordMin - 1} characters`, { currentPassword: PASSWORD, newPassword: 'n'.repeat(LIMITS.passwordMin - 1) }],
    [`a new password of ${LIMITS.passwordMax + 1} characters`, { currentPassword: PASSWORD, newPassword: 'n'.repeat(LIMITS.passwordMax + 1) }],
    [`a current password of ${LIMITS.passwordMax + 1} characters`, { currentPassword: 'c'.repeat(LIMITS.passwordMax + 1), newPassword: 'a brand new passphrase' }],
    ['an unknown field', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase', endOtherSessions: false }],
    ['a missing current password', { newPassword: 'a brand new passphrase' }],
  ])('refuses %s with 400 and changes nothing', async (_label, body) => {
    const u = await registerUser(t);
    const before = await stateOf(u);
    expectInvalidInput(await t.call('POST', '/api/auth/password', { token: u.token, body }));
    expect(await stateOf(u)).toEqual(before);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('refuses a cookie-authenticated change without Origin (403) and keeps the old password and sessions', async () => {
    const u = await registerUser(t);
    const login = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const before = await stateOf(u);
    const body = { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' };
    const refused = await t.call('POST', '/api/auth/password', { headers: { cookie }, body });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ error: { code: 'cross_origin_request', message: expect.any(String) } });
    expect(await stateOf(u)).toEqual(before);
    expect((await t.call('GET', '/api/me', { headers: { cookie } })).statusCode).toBe(200);
    // The same request from the platform's own page goes through.
    expect((await t.call('POST', '/api/auth/password', { headers: { cookie, origin: ORIGIN }, body })).statusCode).toBe(200);
  });

  it('accepts a new password exactly at the shortest and longest lengths', async () => {
    for (const newPassword of ['s'.repeat(LIMITS.passwordMin), 'l'.repeat(LIMITS.passwordMax)]) {
      const u = await registerUser(t, { email: uniqueEmail('limits') });
      expect((await t.call('POST', '/api/auth/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword } })).statusCode).toBe(200);
    }
  });
});
