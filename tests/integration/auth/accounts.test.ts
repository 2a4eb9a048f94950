/**
 * Accounts and sessions over HTTP on the real database: registration, sign-in, sign-out,
 * /api/me, password change, cookie rules and the origin check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, PASSWORD, registerUser, type TestApp, uniqueEmail } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? '');
  return header.split(';')[0];
}

describe('registration', () => {
  it('creates an account, returns a token and sets an HttpOnly SameSite=Lax cookie', async () => {
    const email = uniqueEmail();
    const res = await t.call('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Amal' } });
    expect(res.statusCode).toBe(201);
    const json = res.json();
    expect(json.user).toMatchObject({ email, name: 'Amal', isAdmin: false });
    expect(json.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('refuses a duplicate email with 409, whatever its case', async () => {
    const u = await registerUser(t);
    const res = await t.call('POST', '/api/auth/register', { body: { email: u.email.toUpperCase(), password: PASSWORD, name: 'Other' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('email_taken');
  });

  it.each([
    ['a short password', { email: 'short@tashawur.test', password: 'short', name: 'A' }],
    ['a 257-character password', { email: 'long@tashawur.test', password: 'x'.repeat(257), name: 'A' }],
    ['an invalid email', { email: 'not-an-email', password: PASSWORD, name: 'A' }],
    ['an unknown field', { email: 'x@tashawur.test', password: PASSWORD, name: 'A', isAdmin: true }],
    ['an oversized name', { email: 'y@tashawur.test', password: PASSWORD, name: 'n'.repeat(500) }],
    ['a missing name', { email: 'z@tashawur.test', password: PASSWORD }],
  ])('answers 400 with a clear message for %s', async (_label, body) => {
    const res = await t.call('POST', '/api/auth/register', { body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.message.length).toBeGreaterThan(10);
  });

  it('refuses a display name with a direction override character', async () => {
    const res = await t.call('POST', '/api/auth/register', { body: { email: uniqueEmail(), password: PASSWORD, name: '\u202Eesnopser' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_character');
  });

  it('accepts a 256-character password (no truncation)', async () => {
    const email = uniqueEmail();
    const password = `${'p'.repeat(255)}!`;
    expect((await t.call('POST', '/api/auth/register', { body: { email, password, name: 'Long' } })).statusCode).toBe(201);
    expect((await t.call('POST', '/api/auth/login', { body: { email, password: `${'p'.repeat(255)}?` } })).statusCode).toBe(401);
    expect((await t.call('POST', '/api/auth/login', { body: { email, password } })).statusCode).toBe(200);
  });
});

describe('sign-in', () => {
  it('answers a wrong password and an unknown email identically', async () => {
    const u = await registerUser(t);
    const wrong = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: 'wrong password!' } });
    const unknown = await t.call('POST', '/api/auth/login', { body: { email: uniqueEmail('nobody'), password: 'wrong password!' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('stores argon2id hashes with the ASVS parameters and distinct salts', async () => {
    const a = await registerUser(t);
    const b = await registerUser(t);
    const rows = await t.database.db.selectFrom('account').select('password_hash').where('id', 'in', [a.id, b.id]).execute();
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
  });

  it('never stores the token itself: the session row holds only its hash', async () => {
    const u = await registerUser(t);
    const rows = await t.database.db.selectFrom('session').selectAll().where('account_id', '=', u.id).execute();
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(u.token);
    expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('issues a new token at every sign-in (no fixation)', async () => {
    const u = await registerUser(t);
    const res = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    expect(res.json().token).not.toBe(u.token);
  });
});

describe('/api/me and sign-out', () => {
  it('answers 401 when signed out', async () => {
    const res = await t.call('GET', '/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('not_signed_in');
  });

  it('returns the user and memberships with a bearer token and with the cookie', async () => {
    const u = await registerUser(t);
    const viaBearer = await t.call('GET', '/api/me', { token: u.token });
    expect(viaBearer.statusCode).toBe(200);
    expect(viaBearer.json()).toEqual({ user: { id: u.id, email: u.email, name: u.name, isAdmin: false }, memberships: [] });
    const login = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    const viaCookie = await t.call('GET', '/api/me', { headers: { cookie: sessionCookie(login.headers['set-cookie']) } });
    expect(viaCookie.statusCode).toBe(200);
    expect(viaCookie.headers['cache-control']).toBe('no-store');
  });

  it('ends the session on the server at sign-out', async () => {
    const u = await registerUser(t);
    const out = await t.call('POST', '/api/auth/logout', { token: u.token });
    expect(out.statusCode).toBe(204);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
  });

  it('marks accounts listed in TASHAWUR_ADMIN_EMAILS as admins', async () => {
    const { ADMIN_EMAIL } = await import('../../helpers/test-app.ts');
    const admin = await registerUser(t, { email: ADMIN_EMAIL });
    expect((await t.call('GET', '/api/me', { token: admin.token })).json().user.isAdmin).toBe(true);
  });

  it('treats malformed tokens as signed out, never as a 500', async () => {
    for (const token of ['a.b.c', 'x', '%%%%', 'A'.repeat(5000)]) {
      const res = await t.call('GET', '/api/me', { token });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe('password change', () => {
  it('ends every other session of the account and signs this client in again', async () => {
    const u = await registerUser(t);
    const second = (await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).json().token;
    const res = await t.call('POST', '/api/auth/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(res.statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { token: second })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { token: res.json().token })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { body: { email: u.email, password: 'a brand new passphrase' } })).statusCode).toBe(200);
  });

  it('refuses a wrong current password', async () => {
    const u = await registerUser(t);
    const res = await t.call('POST', '/api/auth/password', { token: u.token, body: { currentPassword: 'not my password', newPassword: 'another new passphrase' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('cross-site protection for cookie sessions', () => {
  async function cookieOf() {
    const u = await registerUser(t);
    const login = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    return sessionCookie(login.headers['set-cookie']);
  }

  it('refuses a cookie-authenticated write from a foreign origin with 403', async () => {
    const cookie = await cookieOf();
    const res = await t.call('POST', '/api/organizations', {
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: { name: 'Evil Org', kind: 'ngo', country: 'MA' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('cross_origin_request');
  });

  it('refuses a cookie-authenticated write with no Origin at all', async () => {
    const res = await t.call('POST', '/api/organizations', { headers: { cookie: await cookieOf() }, body: { name: 'No Origin', kind: 'ngo', country: 'MA' } });
    expect(res.statusCode).toBe(403);
  });

  it('accepts the same write from the platform origin', async () => {
    const res = await t.call('POST', '/api/organizations', { headers: { cookie: await cookieOf(), origin: ORIGIN }, body: { name: 'Good Org', kind: 'ngo', country: 'MA' } });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a sibling subdomain that is only same-site', async () => {
    const res = await t.call('POST', '/api/organizations', {
      headers: { cookie: await cookieOf(), origin: 'http://evil.tashawur.test', 'sec-fetch-site': 'same-site' },
      body: { name: 'Sibling', kind: 'ngo', country: 'MA' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('signing in again', () => {
  it('ends the session the client held before (no session fixation)', async () => {
    const u = await registerUser(t);
    const first = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } });
    const before = sessionCookie(first.headers['set-cookie']);
    const again = await t.call('POST', '/api/auth/login', { headers: { cookie: before, origin: ORIGIN }, body: { email: u.email, password: PASSWORD } });
    expect(again.statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { headers: { cookie: before } })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { headers: { cookie: sessionCookie(again.headers['set-cookie']) } })).statusCode).toBe(200);
  });
});
