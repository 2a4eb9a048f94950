/**
 * Session lifetime: a session unused past its idle expiry ends; a session used every day still
 * ends 30 days after sign-in (absolute lifetime); both answer 401 and need a new sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, registerUser, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('session lifetime', () => {
  it('ends a session past its idle expiry', async () => {
    const u = await registerUser(t);
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    await t.database.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).where('account_id', '=', u.id).execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
  });

  it('ends a session 30 days after sign-in even when used every day', async () => {
    const u = await registerUser(t);
    // Still within its idle window (expires in the future), but signed in 31 days ago.
    await t.database.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() + 5 * 24 * 3600 * 1000), created_at: new Date(Date.now() - 31 * 24 * 3600 * 1000) } as never)
      .where('account_id', '=', u.id)
      .execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(401);
    expect(await t.database.db.selectFrom('session').select('id').where('account_id', '=', u.id).execute()).toEqual([]);
  });

  it('slides the idle expiry of a session in use', async () => {
    const u = await registerUser(t);
    const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    await t.database.db.updateTable('session').set({ expires_at: soon }).where('account_id', '=', u.id).execute();
    expect((await t.call('GET', '/api/me', { token: u.token })).statusCode).toBe(200);
    const row = await t.database.db.selectFrom('session').select('expires_at').where('account_id', '=', u.id).executeTakeFirstOrThrow();
    expect(new Date(row.expires_at).getTime()).toBeGreaterThan(soon.getTime() + 24 * 3600 * 1000);
  });
});
