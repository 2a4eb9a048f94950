/**
 * HTTP hygiene: error shapes, content types, body limits, deep JSON, prototype poisoning,
 * NUL bytes, security headers, health and the OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, registerUser, type TestApp, uniqueEmail } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const raw = (payload: string, contentType?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/register', payload, headers: contentType ? { 'content-type': contentType } : {} });

describe('health and documentation', () => {
  it('reports the database kind and that it answers', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, database: t.database.kind });
  });

  it('serves the OpenAPI description listing every account and organisation endpoint', async () => {
    const res = await t.call('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/register', '/api/auth/login', '/api/auth/logout', '/api/auth/password', '/api/me', '/api/organizations', '/api/organizations/{id}/approve', '/api/organizations/{id}/members', '/api/health']) {
      expect(paths).toContain(p);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('error bodies', () => {
  it('answers an unknown route with the standard error body', async () => {
    const res = await t.call('GET', '/api/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it.each([
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/json\tx'],
    ['application/json garbage'],
    ['application/json; charset=utf-7'],
  ])('refuses content type %j with 415', async (type) => {
    const res = await raw(JSON.stringify({ email: uniqueEmail(), password: PASSWORD, name: 'X' }), type);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('accepts application/json with charset=utf-8 and in upper case', async () => {
    expect((await raw(JSON.stringify({ email: uniqueEmail(), password: PASSWORD, name: 'X' }), 'application/json; charset=utf-8')).statusCode).toBe(201);
    expect((await raw(JSON.stringify({ email: uniqueEmail(), password: PASSWORD, name: 'X' }), 'APPLICATION/JSON')).statusCode).toBe(201);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await raw('{"email": ', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  it('answers deeply nested JSON with json_too_deep', async () => {
    const deep = `{"email":"a@b.co","password":"${PASSWORD}","name":"x","n":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await raw(deep, 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('json_too_deep');
  });

  it('refuses prototype-poisoning keys and leaves Object.prototype clean', async () => {
    for (const body of ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}', '{"a":{"b":{"__proto__":{"isAdmin":true}}}}']) {
      const res = await raw(body, 'application/json');
      expect(res.statusCode).toBe(400);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses a NUL character in any string with invalid_character and stores nothing', async () => {
    const email = uniqueEmail();
    const res = await t.call('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Nul\u0000Name' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_character');
    expect(await t.database.db.selectFrom('account').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a lone surrogate', async () => {
    const res = await raw(`{"email":"${uniqueEmail()}","password":"${PASSWORD}","name":"A\\ud800B"}`, 'application/json');
    expect(res.statusCode).toBe(400);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await raw(JSON.stringify({ email: uniqueEmail(), password: PASSWORD, name: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('does not change state on GET', async () => {
    const u = await registerUser(t);
    expect((await t.call('GET', '/api/auth/logout', { token: u.token })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  it('sends CSP, nosniff, HSTS, no-referrer and frame protections, on errors too', async () => {
    for (const res of [await t.call('GET', '/api/health'), await t.call('GET', '/api/nowhere'), await raw('x', 'text/plain')]) {
      expect(res.headers['content-security-policy']).toMatch(/object-src 'none'/);
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('never reflects a foreign origin in CORS headers', async () => {
    const res = await t.call('GET', '/api/health', { headers: { origin: 'https://evil.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
