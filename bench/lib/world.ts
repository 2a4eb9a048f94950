/**
 * The people a benchmark needs, created through the HTTP API of a running server: a platform
 * admin, a ministry with a drafter, and an approved NGO with several members (the writers).
 */

import { call, expectStatus } from './http.ts';
import { ADMIN_EMAIL } from './server-process.ts';

export const PASSWORD = 'correct horse battery bench';

export interface Person {
  id: string;
  email: string;
  token: string;
}

export interface World {
  admin: Person;
  drafter: Person;
  ministryId: string;
  /** NGO members who write comments (several accounts, one organisation). */
  writers: Person[];
  ngoId: string;
}

async function register(base: string, email: string, name: string): Promise<Person> {
  const res = await expectStatus(call(base, 'POST', '/api/auth/register', { body: { email, password: PASSWORD, name } }), 201, `register ${email}`);
  return { id: res.json().user.id, email, token: res.json().token };
}

async function organization(base: string, lead: Person, admin: Person, name: string, kind: 'government' | 'ngo'): Promise<string> {
  const res = await expectStatus(call(base, 'POST', '/api/organizations', { token: lead.token, body: { name, kind, country: 'MA' } }), 201, `create ${name}`);
  const id = res.json().organization.id as string;
  await expectStatus(call(base, 'POST', `/api/organizations/${id}/approve`, { token: admin.token }), 200, `approve ${name}`);
  return id;
}

export async function createWorld(base: string, writerCount = 4): Promise<World> {
  const admin = await register(base, ADMIN_EMAIL, 'Bench Admin');
  const drafter = await register(base, 'drafter@tashawur.bench', 'Bench Drafter');
  const ministryId = await organization(base, drafter, admin, 'Ministry of Benchmarks', 'government');
  const writers = [await register(base, 'ngo0@tashawur.bench', 'NGO Writer 0')];
  const ngoId = await organization(base, writers[0], admin, 'Association for Fast Servers', 'ngo');
  for (let i = 1; i < writerCount; i++) {
    const w = await register(base, `ngo${i}@tashawur.bench`, `NGO Writer ${i}`);
    await expectStatus(call(base, 'POST', `/api/organizations/${ngoId}/members`, { token: writers[0].token, body: { email: w.email, role: 'member' } }), 201, 'add member');
    writers.push(w);
  }
  return { admin, drafter, ministryId, writers, ngoId };
}
