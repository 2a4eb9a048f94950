/**
 * In Chromium: a passage selected without a mouse opens the composer on exactly that passage —
 * with the keyboard (Shift + arrows from a focused line, the composer opening when Shift is
 * released) and on a phone (tap on a line's control; a selection ended by touch) — and at phone
 * width the thread panel is a sheet at the bottom of the screen that opens on the chosen line.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, chromiumPath, createBrowserApp } from '../helpers/browser.ts';
import { PASSWORD } from '../helpers/test-app.ts';
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

async function signedIn(context: BrowserContext, next: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${t.base}/`);
  await page.evaluate(() => localStorage.setItem('tashawur.language', 'en'));
  await page.goto(`${t.base}/signin?next=${encodeURIComponent(next)}`);
  await page.locator('#signin-email').fill(w.ngoColleague.email);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.locator('#signin-password').press('Enter');
  await page.locator('.line').first().waitFor();
  return page;
}

/** Selects [start, end) of a line's text, as selection handles would. */
async function selectInLine(page: Page, blockId: string, start: number, end: number): Promise<void> {
  await page.evaluate(
    ([id, from, to]) => {
      const text = document.querySelector(`[data-block-id="${id}"] [data-line-text]`)?.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, from as number);
      range.setEnd(text, to as number);
      const selection = getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [blockId, start, end] as const,
  );
}

describe.skipIf(!hasBrowser)('selecting a passage without a mouse', () => {
  it('opens the composer on a passage selected with Shift and the arrow keys', async () => {
    const id = await createDocument(t, w, { open: true });
    const line = (await blocksOf(t, id))[1];
    const context = await t.browser.newContext({ locale: 'en-GB' });
    const page = await signedIn(context, `/documents/${id}#${line.path}`);
    await page.waitForFunction((blockId) => document.activeElement?.getAttribute('data-block-id') === blockId, line.id);

    // From the focused line, "This law" selected with the keyboard alone.
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'This law'.length; i++) await page.keyboard.press('ArrowRight');
    const dialog = page.getByRole('dialog', { name: 'New comment' });
    // Not while the selection is still being extended.
    expect(await dialog.isVisible()).toBe(false);
    await page.keyboard.up('Shift');

    await dialog.waitFor();
    expect(await dialog.locator('.quote').textContent()).toBe('This law');
    expect(await dialog.getAttribute('aria-describedby')).toBe('composer-quote');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
    await dialog.getByLabel('Your comment').fill('Which law? Name it.');
    await dialog.getByRole('button', { name: 'Post' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.panel .comment__body', { hasText: 'Which law? Name it.' }).waitFor();

    const threads = (await (await page.request.get(`${t.base}/api/documents/${id}/threads`)).json()) as { anchor: { start: { offset: number }; end: { offset: number } } }[];
    expect(threads.map((thread) => [thread.anchor.start.offset, thread.anchor.end.offset])).toEqual([[0, 8]]);
    await context.close();
  });

  it('on a phone: a tap on the line control or a touch selection opens the composer, and the threads are a sheet', async () => {
    const id = await createDocument(t, w, { open: true });
    const line = (await blocksOf(t, id))[1];
    const context = await t.browser.newContext({ locale: 'en-GB', hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await signedIn(context, `/documents/${id}`);

    // The panel is a folded sheet along the bottom edge.
    const panel = page.locator('.panel');
    const sheet = await panel.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const viewport = document.documentElement;
      return { position: getComputedStyle(element).position, bottom: Math.round(box.bottom - viewport.clientHeight), width: Math.round(box.width - viewport.clientWidth) };
    });
    expect(sheet).toEqual({ position: 'fixed', bottom: 0, width: 0 });
    const toggle = page.getByRole('button', { name: 'Show threads' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // A tap on the line's own control.
    await page.getByRole('button', { name: 'Comment on line 2' }).tap();
    const dialog = page.getByRole('dialog', { name: 'New comment' });
    await dialog.waitFor();
    expect(await dialog.locator('.quote').textContent()).toBe(line.text);
    await dialog.getByRole('button', { name: 'Cancel' }).tap();
    await dialog.waitFor({ state: 'hidden' });

    // A selection made by touch ("protects victims"), then the finger lifted.
    const start = line.text.indexOf('protects victims');
    await selectInLine(page, line.id, start, start + 'protects victims'.length);
    await page.locator(`[data-block-id="${line.id}"] [data-line-text]`).dispatchEvent('touchend');
    await dialog.waitFor();
    expect(await dialog.locator('.quote').textContent()).toBe('protects victims');
    await dialog.getByLabel('Your comment').fill('Victims and witnesses.');
    await dialog.getByRole('button', { name: 'Post' }).tap();
    await dialog.waitFor({ state: 'hidden' });

    // Posting chooses the line: the sheet opens on its threads, within the screen.
    await page.getByRole('button', { name: 'Hide threads' }).waitFor();
    const card = page.locator('.panel .comment__body', { hasText: 'Victims and witnesses.' });
    await card.waitFor();
    const inView = await card.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const height = document.documentElement.clientHeight;
      return box.top >= height * 0.35 && box.top < height;
    });
    expect(inView).toBe(true);
    await context.close();
  });
});
