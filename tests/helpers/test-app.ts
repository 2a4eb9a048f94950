/**
 * Builds the real application (buildApp, as main.ts does) on a fresh test database, with
 * factories for accounts and organisations. Requests go through app.inject.
 */
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../server/app.ts';
import { type ConfigOverrides, loadConfig } from '../../server/config.ts';
import type { DatabaseHandle } from '../../server/db/connect.ts';
import { createTestDatabase, type Driver } from './test-database.ts';

export const ORIGIN = 'http://tashawur.test';
export const ADMIN_EMAIL = 'admin@tashawur.test';
export const PASSWORD = 'correct horse battery';

export interface TestApp extends App {
  close(): Promise<void>;
  /** JSON request with a bearer token (or none). */
  call(method: string, url: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

/** Config overrides; `rateLimits` and `realtime` may be given in part (the rest keeps the test values). */
export type TestConfig = ConfigOverrides;

export async function createTestApp(options: { driver?: Driver; config?: TestConfig; database?: DatabaseHandle } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.driver));
  const config = loadConfig(
    {},
    {
      publicOrigin: ORIGIN,
      logLevel: 'silent',
      adminEmails: new Set([ADMIN_EMAIL]),
      clientDir: null,
      ...options.config,
      // Tests sign in, register and post far faster than people: limits are raised unless a test lowers one.
      rateLimits: { loginPerMinute: 1000, registerPerHour: 10_000, writesPerMinute: 1_000_000, ...options.config?.rateLimits },
    },
  );
  const built = await buildApp(config, database);
  await built.app.ready();
  return {
    ...built,
    async close() {
      await built.app.close();
      await database.close();
    },
    call(method, url, { token, body, headers = {} } = {}) {
      return built.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter++;
  return `${prefix}.${Date.now().toString(36)}.${counter}@tashawur.test`;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
}

export async function registerUser(t: TestApp, options: { email?: string; name?: string } = {}): Promise<TestUser> {
  const email = options.email ?? uniqueEmail();
  const name = options.name ?? `Person ${email.split('@')[0]}`;
  const res = await t.call('POST', '/api/auth/register', { body: { email, password: PASSWORD, name } });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const json = res.json();
  return { id: json.user.id, email, name, token: json.token };
}

/** An approved organisation of the given kind, led by `lead`. */
export async function createOrganization(
  t: TestApp,
  lead: TestUser,
  kind: 'government' | 'nhri' | 'ngo' | 'igo' | 'academic',
  admin: TestUser,
  name = `${kind} ${uniqueEmail('org').split('@')[0]}`,
): Promise<string> {
  const res = await t.call('POST', '/api/organizations', { token: lead.token, body: { name, kind, country: 'MA' } });
  if (res.statusCode !== 201) throw new Error(`create org failed: ${res.statusCode} ${res.body}`);
  const id = res.json().organization.id as string;
  const ok = await t.call('POST', `/api/organizations/${id}/approve`, { token: admin.token });
  if (ok.statusCode !== 200) throw new Error(`approve failed: ${ok.statusCode} ${ok.body}`);
  return id;
}

export async function addMember(t: TestApp, lead: TestUser, organizationId: string, member: TestUser, role: 'member' | 'lead' = 'member') {
  const res = await t.call('POST', `/api/organizations/${organizationId}/members`, { token: lead.token, body: { email: member.email, role } });
  if (res.statusCode !== 201) throw new Error(`add member failed: ${res.statusCode} ${res.body}`);
}
