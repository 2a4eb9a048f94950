/**
 * Sign-in and registration are rate limited per IP and per account (429 + Retry-After), and
 * the limit lifts after its window so nobody can lock a person out for long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, registerUser, type TestApp } from '../../helpers/test-app.ts';

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
    }
    expect(statuses).toContain(429);
  });
});
