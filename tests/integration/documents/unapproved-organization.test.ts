/**
 * Only an approved government organisation publishes drafts: the lead and the members of a
 * government organisation still waiting for an admin's approval get 403, and nothing is stored;
 * the same request succeeds once the organisation is approved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, ADMIN_EMAIL, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/test-app.ts';

let t: TestApp;
let admin: TestUser;
let lead: TestUser;
let member: TestUser;
let orgId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await registerUser(t, { email: ADMIN_EMAIL, name: 'Admin Person' });
  lead = await registerUser(t, { name: 'Pending Ministry Lead' });
  member = await registerUser(t, { name: 'Pending Ministry Member' });
  const res = await t.call('POST', '/api/organizations', { token: lead.token, body: { name: 'Ministry of Labour (pending)', kind: 'government', country: 'MA' } });
  expect(res.statusCode).toBe(201);
  orgId = res.json().organization.id;
  await addMember(t, lead, orgId, member);
});
afterAll(() => t.close());

const body = () => ({
  title: 'Draft law on labour inspection',
  kind: 'law',
  organizationId: orgId,
  visibility: 'public',
  language: 'en',
  source: { format: 'text', content: 'Article 1\nInspectors may visit any workplace.\n' },
});
const documentCount = async () =>
  Number((await t.database.db.selectFrom('document').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('a government organisation not yet approved', () => {
  it.each([
    ['its lead', () => lead],
    ['its member', () => member],
  ])('refuses a document created by %s (403), storing nothing', async (_who, user) => {
    const before = await documentCount();
    const res = await t.call('POST', '/api/documents', { token: user().token, body: body() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await documentCount()).toBe(before);
  });

  it('accepts the same document once an admin approved the organisation', async () => {
    expect((await t.call('POST', `/api/organizations/${orgId}/approve`, { token: admin.token })).statusCode).toBe(200);
    const res = await t.call('POST', '/api/documents', { token: member.token, body: body() });
    expect(res.statusCode).toBe(201);
  });
});
