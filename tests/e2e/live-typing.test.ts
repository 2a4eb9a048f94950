/**
 * Typing while others write, in Chromium: a reply half-typed in one page keeps its box, text,
 * focus and caret while another person's comment arrives on an earlier line (the new thread sorts
 * before it in the panel), and Send posts it to the thread it was typed in. A reply sent while the
 * page is offline waits, shown as such, and arrives exactly once when the connection returns.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadDto } from '../../shared/threads.ts';
import { type BrowserApp, chromiumPath, createBrowserApp, signIn } from '../helpers/browser.ts';
import { blocksOf, createDocument, createWorld, type World } from '../helpers/world.ts';

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
let w: World;
beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  w = await createWorld(t);
});
afterAll(() => t?.close());

async function openThread(id: string, blockId: string, body: string): Promise<string> {
  const anchor = { start: { blockId, offset: 0 }, end: { blockId, offset: 5 } };
  const res = await t.call('POST', `/api/documents/${id}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' } });
  expect(res.statusCode).toBe(201);
  return res.json().thread.id as string;
}

async function threadsOf(id: string): Promise<ThreadDto[]> {
  return (await t.call('GET', `/api/documents/${id}/threads`, { token: w.ngo.token })).json() as ThreadDto[];
}

async function openPage(user: { email: string }, path: string): Promise<Page> {
  const page = await t.browser.newPage({ locale: 'en-GB' });
  await signIn(t, page, user, path);
  await page.locator('.line').first().waitFor();
  return page;
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLTextAreaElement | null;
    return { id: active?.id, value: active?.value, start: active?.selectionStart, end: active?.selectionEnd };
  });

describe.skipIf(!hasBrowser)('typing a reply while others comment', () => {
  it('keeps the reply, its focus and caret when a thread arrives on an earlier line, and sends it to its own thread', async () => {
    const id = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, id);
    await openThread(id, blocks[2].id, 'First thread, on line 3');
    const later = await openThread(id, blocks[3].id, 'Second thread, on line 4');

    const typist = await openPage(w.ngoColleague, `/documents/${id}`);
    const box = typist.locator(`#reply-${later}`);
    await box.click();
    await typist.keyboard.type('Our reply to the second thread');
    await box.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(4, 9));

    // Someone else comments on line 2, through the page.
    const other = await openPage(w.otherNgo, `/documents/${id}`);
    await other.getByRole('button', { name: 'Comment on line 2' }).click();
    const dialog = other.getByRole('dialog', { name: 'New comment' });
    await dialog.getByLabel('Your comment').fill('A new thread on an earlier line');
    await dialog.getByRole('button', { name: 'Post' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await typist.locator('.panel .comment__body', { hasText: 'A new thread on an earlier line' }).waitFor({ timeout: 15_000 });
    expect(await typist.locator('.panel .thread').first().textContent()).toContain('A new thread on an earlier line');
    expect(await focused(typist)).toEqual({ id: `reply-${later}`, value: 'Our reply to the second thread', start: 4, end: 9 });

    // Keep typing at the caret, then send by keyboard: the reply lands on the second thread only.
    await typist.keyboard.press('End');
    await typist.keyboard.type(' (typed on)');
    await typist.keyboard.press('Tab');
    await typist.keyboard.press('Enter');
    await typist.locator('.panel .comment__body', { hasText: 'Our reply to the second thread (typed on)' }).waitFor({ timeout: 15_000 });
    const threads = await threadsOf(id);
    const holding = threads.filter((thread) => thread.comments.some((c) => c.body === 'Our reply to the second thread (typed on)'));
    expect(holding.map((thread) => thread.id)).toEqual([later]);
    await other.close();
    await typist.close();
  });
});

describe.skipIf(!hasBrowser)('replying offline', () => {
  it('keeps a reply sent while offline and delivers it exactly once after reconnecting', async () => {
    const id = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, id);
    const threadId = await openThread(id, blocks[1].id, 'A thread to answer from a train');
    const page = await openPage(w.ngoColleague, `/documents/${id}`);
    await page.locator(`#reply-${threadId}`).waitFor();

    await page.context().setOffline(true);
    await page.locator(`#reply-${threadId}`).fill('Answered without signal');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('Waiting to be sent: it will go as soon as the connection returns.').waitFor();
    await page.getByText('1 comment waiting to be sent').waitFor();
    await page.getByText('Reconnecting…').waitFor({ timeout: 20_000 });
    expect(await page.locator(`#reply-${threadId}`).inputValue()).toBe('');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('outbox')))).toEqual([]);

    await page.context().setOffline(false);
    await page.getByText('1 comment waiting to be sent').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.panel .comments > .comment .comment__body', { hasText: 'Answered without signal' }).waitFor({ timeout: 15_000 });
    await page.getByText('Reconnecting…').waitFor({ state: 'detached', timeout: 15_000 });
    const thread = (await threadsOf(id)).find((candidate) => candidate.id === threadId);
    expect(thread?.comments.filter((c) => c.body === 'Answered without signal')).toHaveLength(1);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('tashawur.outbox.')))).toEqual([]);
    await page.close();
  });
});
