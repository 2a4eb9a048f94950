/**
 * Sign-in and registration are rate limited per IP and per account (429 + Retry-After), and
 * the limit lifts after its window so nobody can lock a person out for long.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { createTestApp, ORIGIN, PASSWORD, registerUser, type TestApp, uniqueEmail } from '../../helpers/test-app.ts';
import { createTestDatabase } from '../../helpers/test-database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { rateLimits: { loginPerMinute: 3, registerPerHour: 4 } } });
});
afterAll(() => t.close());

describe('rate limits', () => {
  it('limits sign-in attempts on one account with 429 and Retry-After', async () => {
    const u = await registerUser(t);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', '/api/auth/login', { body: { email: u.email, password: 'wrong password!' } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.json().error.code).toBe('rate_limited');
      }
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Other accounts are not affected by one account's limit.
    const other = await registerUser(t);
    expect((await t.call('POST', '/api/auth/login', { body: { email: other.email, password: PASSWORD } })).statusCode).toBe(200);
  });

  it('limits registrations from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.call('POST', '/api/auth/register', { body: { email: `flood${i}@tashawur.test`, password: PASSWORD, name: 'Flood' } });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Four an hour from one address (two went to the sign-in test's accounts): refused from the fifth on.
    expect(statuses.slice(-2)).toEqual([429, 429]);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(4);
  });
});

// A second app whose per-address windows last one second (the production ones last a minute and
// an hour), so the limits can be seen lifting. Built directly: the window is a buildApp option.
const WINDOW_MS = 1_000;
let short: App;
beforeAll(async () => {
  const database = await createTestDatabase();
  const config = loadConfig({}, { publicOrigin: ORIGIN, logLevel: 'silent', clientDir: null, rateLimits: { loginPerMinute: 2, registerPerHour: 3, writesPerMinute: 1_000_000 } });
  short = await buildApp(config, database, { rateLimitWindowsMs: { login: WINDOW_MS, register: WINDOW_MS } });
  await short.app.ready();
});
afterAll(async () => {
  await short?.app.close();
  await short?.database.close();
});

function post(url: string, body: unknown): Promise<LightMyRequestResponse> {
  return short.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}

function expectRateLimited(res: LightMyRequestResponse): number {
  expect(res.statusCode).toBe(429);
  expect(res.json()).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
  return seconds;
}

/** Waits as long as Retry-After says: the promise under test is that this is enough. */
function honour(retryAfterSeconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000 + 50));
}

describe('per-address limits lift after their window', () => {
  it('refuses registrations past the limit with 429 and Retry-After, then accepts one once it has passed', async () => {
    const register = () => post('/api/auth/register', { email: uniqueEmail('window'), password: PASSWORD, name: 'Window Person' });
    for (let i = 0; i < 3; i++) expect((await register()).statusCode).toBe(201);
    const refused = await register();
    const seconds = expectRateLimited(refused);
    const accounts = await short.database.db.selectFrom('account').select('id').execute();
    expect(accounts.length).toBe(3);
    await honour(seconds);
    expect((await register()).statusCode).toBe(201);
  });

  it('refuses sign-ins from one address past the limit with 429 and Retry-After, then signs in once it has passed', async () => {
    const email = uniqueEmail('window-signin');
    expect((await post('/api/auth/register', { email, password: PASSWORD, name: 'Signin Window' })).statusCode).toBe(201);
    // Distinct unknown emails: the per-account limit (2 a minute) never trips, only the per-address one (3 × 2).
    for (let i = 0; i < 6; i++) expect((await post('/api/auth/login', { email: uniqueEmail('stranger'), password: 'wrong password!' })).statusCode).toBe(401);
    const refused = await post('/api/auth/login', { email, password: PASSWORD });
    const seconds = expectRateLimited(refused);
    await honour(seconds);
    const ok = await post('/api/auth/login', { email, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email);
  });
});
