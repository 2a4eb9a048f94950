/**
 * Two browser pages on a draft: a comment posted by one appears in the other without reload;
 * then the server restarts (same database, same address) and the reader's page reconnects by
 * itself and catches up with what was posted meanwhile — no reload, no duplicate.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { type BrowserApp, chromiumPath, createBrowserApp } from '../helpers/browser.ts';
import { blocksOf, createDocument, createWorld, type World } from '../helpers/world.ts';

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
let w: World;
let restarted: FastifyInstance | null = null;

beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  w = await createWorld(t);
});
afterAll(async () => {
  await restarted?.close();
  await t?.close();
});

describe.skipIf(!hasBrowser)('live updates across a server restart', () => {
  it('shows comments live, survives the restart and catches up', async () => {
    const id = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, id);
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
    const post = (app: FastifyInstance, body: string) =>
      app.inject({ method: 'POST', url: `/api/documents/${id}/threads`, headers: { authorization: `Bearer ${w.ngo.token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' }) });

    const reader = await t.browser.newPage({ locale: 'en-GB' });
    await reader.goto(`${t.base}/documents/${id}`);
    await reader.locator('.line').first().waitFor();
    expect((await post(t.app, 'Before the restart')).statusCode).toBe(201);
    await reader.locator('.panel .comment__body', { hasText: 'Before the restart' }).first().waitFor({ timeout: 15_000 });

    // Restart: the sockets are told "going away", the server comes back on the same address.
    const port = Number(new URL(t.base).port);
    await t.app.close();
    const again = await buildApp(t.config, t.database);
    restarted = again.app;
    await restarted.listen({ port, host: '127.0.0.1' });
    expect((await post(restarted, 'While the reader was reconnecting')).statusCode).toBe(201);
    await reader.locator('.panel .comment__body', { hasText: 'While the reader was reconnecting' }).first().waitFor({ timeout: 30_000 });
    expect((await post(restarted, 'After the restart')).statusCode).toBe(201);
    await reader.locator('.panel .comment__body', { hasText: 'After the restart' }).first().waitFor({ timeout: 15_000 });
    expect(await reader.locator('.panel .comment__body', { hasText: 'Before the restart' }).count()).toBe(1);
    await reader.close();
  });
});
