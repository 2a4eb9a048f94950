/**
 * SECURITY.md catalogue, authentication cases (AUTH 1–11) against the real server and database.
 * Each test names its case id. Cases already proven elsewhere (AUTH-9 hash parameters in
 * tests/integration/auth/accounts.test.ts) are not repeated.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_EMAIL, createTestApp, ORIGIN, PASSWORD, registerUser, type TestApp, uniqueEmail } from '../../helpers/test-app.ts';

const HTTPS_ORIGIN = 'https://tashawur.test';
let t: TestApp;
let secure: TestApp;
beforeAll(async () => {
  [t, secure] = await Promise.all([createTestApp(), createTestApp({ config: { publicOrigin: HTTPS_ORIGIN, cookieSecure: true } })]);
});
afterAll(async () => {
  await Promise.all([t.close(), secure.close()]);
});
afterEach(() => {
  vi.useRealTimers();
});

function firstCookie(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? '');
  return header;
}
const pair = (setCookie: string | string[] | undefined) => firstCookie(setCookie).split(';')[0];

async function login(app: TestApp, email: string, headers: Record<string, string> = {}) {
  return app.call('POST', '/api/auth/login', { body: { email, password: PASSWORD }, headers });
}

async function sessionRows(app: TestApp, accountId: string) {
  return app.database.db.selectFrom('session').selectAll().where('account_id', '=', accountId).execute();
}

describe('AUTH-1 cookie and token properties', () => {
  it('AUTH-1 over https: the cookie is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain', async () => {
    const u = await registerUser(secure);
    const res = await login(secure, u.email);
    expect(res.statusCode).toBe(200);
    const cookie = firstCookie(res.headers['set-cookie']);
    const [nameValue, ...attrs] = cookie.split(';').map((s) => s.trim());
    expect(nameValue.startsWith('__Host-')).toBe(true);
    const lower = attrs.map((a) => a.toLowerCase());
    expect(lower).toContain('secure');
    expect(lower).toContain('httponly');
    expect(lower.some((a) => a === 'samesite=lax' || a === 'samesite=strict')).toBe(true);
    expect(lower).toContain('path=/');
    expect(lower.some((a) => a.startsWith('domain='))).toBe(false);
    // The cookie works on the https origin (cookie-authenticated read).
    expect((await secure.call('GET', '/api/me', { headers: { cookie: nameValue } })).statusCode).toBe(200);
  });

  it('AUTH-1 over plain http (local use): no __Host- prefix and no Secure flag, but still HttpOnly and SameSite', async () => {
    const u = await registerUser(t);
    const cookie = firstCookie((await login(t, u.email)).headers['set-cookie']);
    expect(cookie.startsWith('__Host-')).toBe(false);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=(Lax|Strict)/i);
  });

  it('AUTH-1 the secret carries at least 128 bits and the database holds neither it nor any part of it, only its SHA-256', async () => {
    const u = await registerUser(secure);
    const res = await login(secure, u.email);
    const token = res.json().token as string;
    const cookieValue = pair(res.headers['set-cookie']).split('=').slice(1).join('=');
    expect(cookieValue).toBe(token);
    // base64url: 6 bits per character.
    expect(token.length * 6).toBeGreaterThanOrEqual(128);
    const { createHash } = await import('node:crypto');
    const rows = await sessionRows(secure, u.id);
    expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('hex'));
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(token);
    // No half of the token either (an id.secret split stored in clear would show here).
    expect(everything).not.toContain(token.slice(0, 16));
    expect(everything).not.toContain(token.slice(-16));
  });
});

describe('AUTH-2 session fixation', () => {
  it('AUTH-2 a planted cookie is never adopted: sign-in issues a fresh token and the planted one stays signed out', async () => {
    const u = await registerUser(t);
    const planted = 'A'.repeat(43);
    const res = await login(t, u.email, { cookie: `tashawur_session=${planted}`, origin: ORIGIN });
    expect(res.statusCode).toBe(200);
    // The stale planted cookie is cleared (blank cookie) and the new one is set after it.
    const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const issued = all.map((c) => c.split(';')[0].split('=')[1]).filter(Boolean).at(-1);
    expect(issued).not.toBe(planted);
    expect(res.json().token).not.toBe(planted);
    expect((await t.call('GET', '/api/me', { headers: { cookie: `tashawur_session=${planted}` } })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/me', { headers: { cookie: `tashawur_session=${issued}` } })).statusCode).toBe(200);
  });

  // Was a reported bug (the pre-login token stayed valid); fixed in e625d57 (auth.routes.ts
  // /auth/login invalidates request.sessionId before creating the new session).
  it('AUTH-2 the token a client held before signing in again is ended by the new sign-in', async () => {
    const u = await registerUser(t);
    const before = pair((await login(t, u.email)).headers['set-cookie']);
    const again = await login(t, u.email, { cookie: before, origin: ORIGIN });
    expect(again.statusCode).toBe(200);
    expect((await t.call('GET', '/api/me', { headers: { cookie: before } })).statusCode).toBe(401);
  });
});

describe('AUTH-3 logout is server-side', () => {
  it('AUTH-3 after logout the replayed cookie and bearer token both get 401 and the session row is gone', async () => {
    const u = await registerUser(t);
    const cookie = pair((await login(t, u.email)).headers['set-cookie']);
    const out = await t.call('POST', '/api/auth/logout', { headers: { cookie, origin: ORIGIN } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await t.call('GET', '/api/me', { headers: { cookie } })).statusCode).toBe(401);
    const token = cookie.split('=')[1];
    expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(401);
    // Only the registration session is left.
    expect((await sessionRows(t, u.id)).length).toBe(1);
  });
});

describe('AUTH-4 inactivity timeout and write throttling', () => {
  it('AUTH-4 using a fresh session does not rewrite it on every request; past half its life it slides; past its expiry it is 401', async () => {
    const u = await registerUser(t);
    const [row] = await sessionRows(t, u.id);
    for (let i = 0; i < 3; i++) expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    const [unchanged] = await sessionRows(t, u.id);
    expect(new Date(unchanged.expires_at).getTime()).toBe(new Date(row.expires_at).getTime());

    // Idle for 6 of its 10 days: the next use slides the expiry back to ~10 days.
    const soon = new Date(Date.now() + 4 * 24 * 3600 * 1000);
    await t.database.db.updateTable('session').set({ expires_at: soon }).where('id', '=', row.id).execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    const [slid] = await sessionRows(t, u.id);
    expect(new Date(slid.expires_at).getTime()).toBeGreaterThan(Date.now() + 9 * 24 * 3600 * 1000);

    // Idle past the timeout by one second.
    await t.database.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', row.id).execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
  });
});

describe('AUTH-5 absolute lifetime', () => {
  it('AUTH-5 a session used all along is refused 30 days after sign-in, and its row is removed', async () => {
    const u = await registerUser(t);
    const [row] = await sessionRows(t, u.id);
    // Still inside the idle window (it was "used" recently), but created 30 days and a minute ago.
    await t.database.db
      .updateTable('session')
      .set({ created_at: new Date(Date.now() - 30 * 24 * 3600 * 1000 - 60_000), expires_at: new Date(Date.now() + 9 * 24 * 3600 * 1000) } as never)
      .where('id', '=', row.id)
      .execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
    expect(await sessionRows(t, u.id)).toEqual([]);
    // 29 days is still fine (the limit is not a plain idle timeout).
    const v = await registerUser(t);
    await t.database.db.updateTable('session').set({ created_at: new Date(Date.now() - 29 * 24 * 3600 * 1000) } as never).where('account_id', '=', v.id).execute();
    expect((await t.call('GET', '/api/me', { token: v.token })).statusCode).toBe(200);
  });
});

describe('AUTH-6 mass termination', () => {
  it('AUTH-6 a disabled account loses all of its sessions at once (three sessions, all 401)', async () => {
    const u = await registerUser(t);
    const tokens = [u.token, (await login(t, u.email)).json().token, (await login(t, u.email)).json().token];
    for (const token of tokens) expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(200);
    const admin = await registerUser(t, { email: ADMIN_EMAIL });
    expect((await t.call('POST', `/api/admin/accounts/${u.id}/disable`, { token: admin.token, body: {} })).statusCode).toBe(200);
    for (const token of tokens) expect((await t.call('GET', '/api/me', { token })).statusCode).toBe(401);
    expect((await login(t, u.email)).statusCode).toBe(401);
    // Sockets, the audit row and the admin-only checks: tests/integration/auth/disable-account.test.ts.
  });
});

describe('AUTH-7 brute force', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ config: { rateLimits: { loginPerMinute: 3, registerPerHour: 10_000 } } });
  });
  afterAll(() => limited.close());

  it('AUTH-7 30 wrong passwords from 30 rotating addresses hit the per-account throttle (429 + Retry-After); after the cool-down the right password works', async () => {
    const u = await registerUser(limited);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: `10.1.${i}.${i + 1}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: u.email, password: `wrong ${i}` }),
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    // Another account is not locked out by this one's attacker.
    const other = await registerUser(limited);
    expect((await login(limited, other.email)).statusCode).toBe(200);
    // After the window the owner gets in: the attacker cannot lock them out for long.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await login(limited, u.email)).statusCode).toBe(200);
  });
});

describe('AUTH-8 no user enumeration', () => {
  it('AUTH-8 an unknown email and a wrong password answer alike, with comparable timing (dummy argon2 verify)', async () => {
    const u = await registerUser(t);
    const time = async (email: string) => {
      const started = performance.now();
      const res = await t.call('POST', '/api/auth/login', { body: { email, password: 'definitely wrong' } });
      return { ms: performance.now() - started, res };
    };
    const known: number[] = [];
    const unknown: number[] = [];
    let bodies = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const a = await time(u.email);
      const b = await time(uniqueEmail('ghost'));
      known.push(a.ms);
      unknown.push(b.ms);
      expect([a.res.statusCode, b.res.statusCode]).toEqual([401, 401]);
      bodies = new Set([...bodies, a.res.body, b.res.body]);
    }
    expect(bodies.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    // SECURITY.md asks for <10 %; a shared CI machine is far noisier, so the bound is a factor of
    // four — still far from the ~50 times faster answer an unknown email gets without the dummy
    // argon2 verify, which is what this guards.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });
});

describe('AUTH-11 malformed tokens', () => {
  it('AUTH-11 every malformed or foreign token, by bearer or cookie, is 401 and never a 500', async () => {
    const u = await registerUser(t);
    const v = await registerUser(t);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const tokens = [
      flip(u.token, 5),
      flip(u.token, u.token.length - 1),
      `${u.token.slice(0, 20)}${v.token.slice(20)}`,
      'aaaa.bbbb.cccc',
      `${u.token}.${u.token}.${u.token}`,
      '!!!!not-base64!!!!€',
      'A'.repeat(10 * 1024),
      '',
    ];
    for (const token of tokens) {
      const viaBearer = await t.call('GET', '/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(viaBearer.statusCode, `bearer ${token.slice(0, 30)}`).toBe(401);
      const viaCookie = await t.call('GET', '/api/me', { headers: { cookie: `tashawur_session=${token}` } });
      expect(viaCookie.statusCode, `cookie ${token.slice(0, 30)}`).toBe(401);
    }
    for (const header of [`Bearer`, `Bearer  ${u.token}x`, `Basic ${u.token}`, `bearer ${u.token}${u.token}`]) {
      const res = await t.call('GET', '/api/me', { headers: { authorization: header } });
      expect(res.statusCode, header.slice(0, 20)).toBe(401);
    }
  });

  // SECURITY.md AUTH-11 ("a duplicated cookie → 401"): lucia's readSessionCookie keeps the
  // last copy, so `bad; valid` signs in as `valid`. On plain http (no __Host- prefix) a sibling
  // subdomain can toss a cookie of the same name and choose the session the browser uses.
  // Fix: in authenticate.ts, count occurrences of `${sessions.cookieName}=` in the Cookie header
  // and treat more than one as no session (and send the blank cookie).
  it('AUTH-11 a duplicated session cookie whose copies differ never authenticates as either', async () => {
    const u = await registerUser(t);
    const bad = 'B'.repeat(43);
    for (const cookie of [`tashawur_session=${u.token}; tashawur_session=${bad}`, `tashawur_session=${bad}; tashawur_session=${u.token}`]) {
      const res = await t.call('GET', '/api/me', { headers: { cookie } });
      expect(res.statusCode).toBe(401);
    }
  });

  // SECURITY.md AUTH-11 / ASVS 16.3.1: failed token checks are logged as authentication
  // failures. authenticate.ts returns silently when sessions.validate() fails: nothing is
  // appended to the audit trail. Fix: in registerAuthentication's onRequest hook, when a token
  // was presented and validate() returns null, appendAudit({actorId: null, action:
  // 'auth.session_rejected', detail: {via: 'bearer'|'cookie'}, ip}) (rate-limited per IP so the
  // audit table cannot be flooded; never store the token).
  it('AUTH-11 a rejected token is recorded as an authentication failure in the audit trail', async () => {
    const count = async () => Number((await t.database.db.selectFrom('audit_entry').select((eb) => eb.fn.countAll().as('n')).where('action', 'like', 'auth.%').executeTakeFirstOrThrow()).n);
    const before = await count();
    expect((await t.call('GET', '/api/me', { token: 'C'.repeat(43) })).statusCode).toBe(401);
    expect(await count()).toBeGreaterThan(before);
  });
});
