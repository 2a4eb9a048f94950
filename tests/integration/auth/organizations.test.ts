/**
 * Organisations and memberships: proposed by anyone (pending), approved by an admin only,
 * members added by leads or admins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, addMember, createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/test-app.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await registerUser(t, { email: ADMIN_EMAIL });
});
afterAll(() => t.close());

async function propose(user: TestUser, name = 'Droits Humains Maroc', kind = 'ngo') {
  const res = await t.call('POST', '/api/organizations', { token: user.token, body: { name, kind, country: 'MA' } });
  expect(res.statusCode).toBe(201);
  return res.json().organization;
}

describe('organisations', () => {
  it('creates a pending organisation whose creator becomes lead', async () => {
    const lead = await registerUser(t);
    const org = await propose(lead);
    expect(org).toMatchObject({ name: 'Droits Humains Maroc', kind: 'ngo', country: 'MA', approved: false });
    const me = (await t.call('GET', '/api/me', { token: lead.token })).json();
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: 'lead', approved: false })]);
  });

  it('requires sign-in to propose an organisation', async () => {
    const res = await t.call('POST', '/api/organizations', { body: { name: 'Anon', kind: 'ngo', country: 'MA' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an unknown kind with 400', async () => {
    const u = await registerUser(t);
    const res = await t.call('POST', '/api/organizations', { token: u.token, body: { name: 'Club', kind: 'club', country: 'MA' } });
    expect(res.statusCode).toBe(400);
  });

  it('lets only an admin approve (403 for the lead, 401 signed out)', async () => {
    const lead = await registerUser(t);
    const org = await propose(lead, 'Pending Org');
    expect((await t.call('POST', `/api/organizations/${org.id}/approve`, { token: lead.token })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/organizations/${org.id}/approve`)).statusCode).toBe(401);
    const ok = await t.call('POST', `/api/organizations/${org.id}/approve`, { token: admin.token });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().organization.approved).toBe(true);
  });

  it('lists approved organisations to everyone and pending ones only to their members and admins', async () => {
    const lead = await registerUser(t);
    const stranger = await registerUser(t);
    const pending = await propose(lead, 'Hidden Pending Org');
    const ids = async (token?: string) => ((await t.call('GET', '/api/organizations', { token })).json() as { id: string }[]).map((o) => o.id);
    expect(await ids(lead.token)).toContain(pending.id);
    expect(await ids(admin.token)).toContain(pending.id);
    expect(await ids(stranger.token)).not.toContain(pending.id);
    expect(await ids()).not.toContain(pending.id);
    const direct = await t.call('GET', `/api/organizations/${pending.id}`, { token: stranger.token });
    const missing = await t.call('GET', '/api/organizations/doesNotExist123', { token: stranger.token });
    expect(direct.statusCode).toBe(404);
    expect(direct.body).toBe(missing.body);
  });
});

describe('memberships', () => {
  it('lets a lead add an existing account by email, and members see each other', async () => {
    const lead = await registerUser(t);
    const member = await registerUser(t);
    const org = await propose(lead, 'Team Org');
    await addMember(t, lead, org.id, member);
    const me = (await t.call('GET', '/api/me', { token: member.token })).json();
    expect(me.memberships[0]).toMatchObject({ organizationId: org.id, role: 'member' });
    const members = (await t.call('GET', `/api/organizations/${org.id}/members`, { token: member.token })).json();
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual([lead.email, member.email].sort());
  });

  it('refuses a plain member or an outsider adding members (403)', async () => {
    const lead = await registerUser(t);
    const member = await registerUser(t);
    const outsider = await registerUser(t);
    const org = await propose(lead, 'Closed Org');
    await t.call('POST', `/api/organizations/${org.id}/approve`, { token: admin.token });
    await addMember(t, lead, org.id, member);
    const byMember = await t.call('POST', `/api/organizations/${org.id}/members`, { token: member.token, body: { email: outsider.email, role: 'member' } });
    expect(byMember.statusCode).toBe(403);
    const byOutsider = await t.call('POST', `/api/organizations/${org.id}/members`, { token: outsider.token, body: { email: outsider.email, role: 'lead' } });
    expect(byOutsider.statusCode).toBe(403);
  });

  it('lets an admin add members to any organisation', async () => {
    const lead = await registerUser(t);
    const member = await registerUser(t);
    const org = await propose(lead, 'Admin Managed Org');
    const res = await t.call('POST', `/api/organizations/${org.id}/members`, { token: admin.token, body: { email: member.email, role: 'lead' } });
    expect(res.statusCode).toBe(201);
  });

  it('answers 404 for an email with no account', async () => {
    const lead = await registerUser(t);
    const org = await propose(lead, 'Lonely Org');
    const res = await t.call('POST', `/api/organizations/${org.id}/members`, { token: lead.token, body: { email: 'nobody-here@tashawur.test', role: 'member' } });
    expect(res.statusCode).toBe(404);
  });
});
