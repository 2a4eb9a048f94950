/**
 * loadConfig (server/config.ts): the environment a person sets, as the README's configuration
 * table documents it, becomes the typed configuration — the defaults, the Secure cookie derived
 * from PUBLIC_ORIGIN, the admin list, and refusals of malformed values.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('defaults with an empty environment', () => {
  const config = loadConfig({});

  it('listens on 127.0.0.1:3000 and keeps the embedded database in ./data', () => {
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('runs on the embedded database with the demo, no admins, and a plain-http local origin', () => {
    expect(config.databaseUrl).toBeNull();
    expect(config.demo).toBe(true);
    expect(config.adminEmails.size).toBe(0);
    expect(config.publicOrigin).toBe('http://localhost:3000');
    expect(config.cookieSecure).toBe(false);
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
  });

  it('also accepts the address it binds (127.0.0.1) as the platform origin when PUBLIC_ORIGIN is unset', () => {
    expect([config.publicOrigin, ...config.extraOrigins]).toEqual(expect.arrayContaining(['http://localhost:3000', 'http://127.0.0.1:3000']));
    const elsewhere = loadConfig({ PORT: '4100' });
    expect([elsewhere.publicOrigin, ...elsewhere.extraOrigins]).toEqual(expect.arrayContaining(['http://localhost:4100', 'http://127.0.0.1:4100']));
  });

  it('takes PORT, HOST and DATA_DIR from the environment', () => {
    const set = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/tmp/tashawur-data' });
    expect(set).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/tmp/tashawur-data', publicOrigin: 'http://localhost:8080' });
  });

  it('turns the demo off by default on PostgreSQL', () => {
    const pg = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/tashawur' });
    expect(pg.databaseUrl).toBe('postgres://u@127.0.0.1/tashawur');
    expect(pg.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/tashawur', TASHAWUR_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ TASHAWUR_DEMO: '0' }).demo).toBe(false);
  });
});

describe('the Secure cookie follows PUBLIC_ORIGIN', () => {
  it.each([
    ['https://consult.example.org', undefined, true],
    ['http://consult.example.org', undefined, false],
    ['http://localhost:3000', undefined, false],
    ['https://consult.example.org', 'auto', true],
    ['https://consult.example.org', 'false', false],
    ['http://consult.example.org', 'true', true],
  ] as const)('PUBLIC_ORIGIN=%s with COOKIE_SECURE=%s → Secure %s', (origin, cookieSecure, expected) => {
    const config = loadConfig({ PUBLIC_ORIGIN: origin, ...(cookieSecure ? { COOKIE_SECURE: cookieSecure } : {}) });
    expect(config.publicOrigin).toBe(origin);
    expect(config.cookieSecure).toBe(expected);
  });

  it('allows only the public origin itself when PUBLIC_ORIGIN is set', () => {
    const config = loadConfig({ PUBLIC_ORIGIN: 'https://consult.example.org', PORT: '3000' });
    expect(config.extraOrigins).not.toContain('http://127.0.0.1:3000');
    expect(config.extraOrigins).not.toContain('http://localhost:3000');
  });
});

describe('TASHAWUR_ADMIN_EMAILS', () => {
  const admins = (value: string) => [...loadConfig({ TASHAWUR_ADMIN_EMAILS: value }).adminEmails].sort();

  it('reads a comma-separated list, trimmed and lower-cased', () => {
    expect(admins(' Amina@Example.ORG , b@y.org')).toEqual(['amina@example.org', 'b@y.org']);
  });

  it('ignores blank entries', () => {
    expect(admins('a@x.org,, ,b@y.org,')).toEqual(['a@x.org', 'b@y.org']);
    expect(admins(' , ,')).toEqual([]);
    expect(admins('')).toEqual([]);
  });

  it('counts a repeated address once, whatever its case', () => {
    expect(admins('a@x.org, A@X.org')).toEqual(['a@x.org']);
  });

  // Addresses never contain spaces: a space-separated list must not silently make nobody an admin.
  it('reads a list separated by spaces or new lines as separate addresses', () => {
    expect(admins('a@x.org b@y.org')).toEqual(['a@x.org', 'b@y.org']);
    expect(admins('a@x.org,\n b@y.org\tc@z.org')).toEqual(['a@x.org', 'b@y.org', 'c@z.org']);
  });
});

describe('malformed environment', () => {
  it.each([
    ['PORT', 'eighty'],
    ['PORT', '123456'],
    ['PUBLIC_ORIGIN', 'consult.example.org'],
    ['PUBLIC_ORIGIN', 'https://consult.example.org/path'],
    ['COOKIE_SECURE', 'yes'],
    ['WRITES_PER_MINUTE', '0'],
  ])('refuses %s=%j with an error naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid environment: /${name}`));
  });
});
