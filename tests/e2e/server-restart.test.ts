/**
 * Live updates survive a server restart, in Chromium.
 *
 * With PostgreSQL: two pages of two organisations on one draft, served by a real server process
 * (node server/main.ts, the built client) on a fixed port. A comment typed in page A appears in
 * page B without reload; the process is stopped (SIGTERM: sockets closed with 1001) and B says
 * "Reconnecting…"; a new process starts on the same port and B reconnects by itself and catches
 * up with comments posted through the API meanwhile — no reload, no duplicate.
 *
 * On every database: one page, the server restarted in the test's process (close, build again,
 * listen on the same address).
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { type BrowserApp, CHROMIUM_ARGS, chromiumPath, createBrowserApp } from '../helpers/browser.ts';
import { httpCall, type ServerProcess, startServerProcess } from '../helpers/processes.ts';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase, defaultDriver } from '../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../helpers/world.ts';

const hasBrowser = !!chromiumPath();
const onPostgres = defaultDriver() === 'postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasBrowser || !onPostgres)('two browser pages across a real server restart', () => {
  let setup: TestApp;
  let w: World;
  let browser: Browser;
  let server: ServerProcess | undefined;
  let databaseUrl: string;
  let port: number;
  let base: string;
  const start = async () => {
    server = await startServerProcess(databaseUrl, { PORT: String(port), PUBLIC_ORIGIN: base });
    expect(server.port).toBe(port);
  };

  beforeAll(async () => {
    const database = await createTestDatabase('postgres');
    databaseUrl = database.url as string;
    setup = await createTestApp({ database });
    w = await createWorld(setup);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await start();
    browser = await chromium.launch({ executablePath: chromiumPath() as string, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await setup?.close();
  });

  const openAs = async (user: { email: string }, path: string): Promise<Page> => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${base}/signin?next=${encodeURIComponent(path)}`);
    await page.locator('#signin-email').fill(user.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.waitForURL((url) => url.pathname === path);
    await page.locator('.line').first().waitFor();
    await page.locator('.panel [role="status"]', { hasText: /threads?$/ }).waitFor();
    return page;
  };
  const comments = (page: Page, text: string) => page.locator('.panel .comment__body', { hasText: text });

  it('shows a comment typed in one page live in the other, which survives the restart and catches up', async () => {
    const id = await createDocument(setup, w, { open: true });
    const blocks = await blocksOf(setup, id);
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
    const postThroughApi = (body: string) => httpCall(base, 'POST', `/api/documents/${id}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' } });

    const a = await openAs(w.ngo, `/documents/${id}`);
    const b = await openAs(w.otherNgo, `/documents/${id}`);

    // A types a comment on line 2; B sees it without reload.
    await a.getByRole('button', { name: 'Comment on line 2' }).click();
    const dialog = a.getByRole('dialog', { name: 'New comment' });
    await dialog.getByLabel('Your comment').fill('Typed in page A before the restart');
    await dialog.getByRole('button', { name: 'Post' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await comments(b, 'Typed in page A before the restart').waitFor({ timeout: 15_000 });

    // The server process stops; B notices and says so.
    expect(await server?.stop('SIGTERM')).toBe(0);
    await b.getByText('Reconnecting…').waitFor({ timeout: 15_000 });

    // A new process on the same port; a comment posted meanwhile reaches B, then a live one.
    await start();
    expect((await postThroughApi('Posted while B was reconnecting')).status).toBe(201);
    await comments(b, 'Posted while B was reconnecting').waitFor({ timeout: 30_000 });
    await b.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await postThroughApi('Posted after the restart')).status).toBe(201);
    await comments(b, 'Posted after the restart').waitFor({ timeout: 15_000 });
    await comments(a, 'Posted after the restart').waitFor({ timeout: 15_000 });

    // Nothing twice, and B never reloaded (its first navigation is still the only one).
    expect(await comments(b, 'Typed in page A before the restart').count()).toBe(1);
    expect(await comments(b, 'Posted while B was reconnecting').count()).toBe(1);
    expect(await b.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await a.close();
    await b.close();
  });
});

describe.skipIf(!hasBrowser)('live updates across an in-process server restart', () => {
  let t: BrowserApp;
  let w: World;
  let restarted: FastifyInstance | null = null;
  beforeAll(async () => {
    t = await createBrowserApp();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

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
