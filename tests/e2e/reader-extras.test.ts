/**
 * In Chromium: a drafter uploads a draft through the form (preview of the detected lines, then
 * create), in Arabic and in English; a 20,000-line draft opens with far fewer line nodes than
 * lines; a deep link to a line never rendered, and the table of contents, bring that line into
 * view and focus.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/ar.ts';
import { en } from '../../client/src/i18n/en.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn } from '../helpers/browser.ts';
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

const CATALOGUES = { ar, en } as const;

function englishPage(): Promise<Page> {
  return pageIn(t, 'en');
}

describe.skipIf(!hasBrowser)('long drafts and uploads in the browser', () => {
  // Written for this test: a short draft in each interface language, pasted by a drafter.
  const UPLOADS = {
    ar: { title: 'مشروع قانون دور الإيواء', autonym: 'العربية', text: 'المادة 1\nتُفتح دور الإيواء لكل ضحية دون تمييز.\nالمادة 2\nتموّل الدولة دور الإيواء.\n', line: 'تُفتح دور الإيواء لكل ضحية دون تمييز.' },
    en: { title: 'Draft law on shelters', autonym: 'English', text: 'Article 1\nShelters are open to every victim.\nArticle 2\nThe State funds the shelters.\n', line: 'Shelters are open to every victim.' },
  } as const;
  it.each(['ar', 'en'] as const)('uploads a draft with a preview of its lines (%s)', async (lang) => {
    const m = (key: keyof typeof en) => CATALOGUES[lang][key];
    const upload = UPLOADS[lang];
    const page = await pageIn(t, lang);
    await page.goto(`${t.base}/signin?next=${encodeURIComponent('/documents')}`);
    await page.locator('#signin-email').fill(w.drafter.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.getByRole('link', { name: m('documents.new') }).click();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await page.getByLabel(m('upload.title')).fill(upload.title);
    await page.getByLabel(upload.autonym, { exact: true }).check();
    await page.getByLabel(m('upload.paste')).fill(upload.text);
    await page.getByRole('button', { name: m('upload.preview') }).click();
    await page.locator('.preview tbody tr').first().waitFor();
    expect(await page.locator('.preview tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: m('upload.create') }).click();
    await page.waitForURL(/\/documents\/[A-Za-z0-9_-]+$/);
    await page.locator('.line', { hasText: upload.line }).waitFor();
    await page.getByRole('button', { name: m('drafter.open') }).click();
    await page.locator('.doc-meta', { hasText: m('doc.status.open') }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens a 20,000-line draft with a bounded DOM and jumps to any line', async () => {
    const lines: string[] = [];
    for (let a = 1; lines.length < 20_000; a++) {
      lines.push(`Article ${a}`);
      for (let p = 1; p <= 9; p++) lines.push(`Paragraph ${p} of article ${a}: the State shall protect every person from trafficking.`);
    }
    const id = await createDocument(t, w, { title: 'A very long draft', text: `${lines.slice(0, 20_000).join('\n')}\n`, open: true });
    const blocks = await blocksOf(t, id);
    const target = blocks[blocks.length - 5];
    const page = await englishPage();
    const started = Date.now();
    await page.goto(`${t.base}/documents/${id}#${target.path}`);
    await page.locator('.line').first().waitFor();
    const opened = Date.now() - started;
    const focused = page.locator(`[data-block-id="${target.id}"]`);
    await focused.waitFor();
    await page.waitForFunction((blockId) => document.activeElement?.getAttribute('data-block-id') === blockId, target.id);
    const lineNodes = await page.locator('.line').count();
    expect(lineNodes).toBeLessThan(2000);
    expect(opened).toBeLessThan(15_000);

    // The table of contents jumps back to the first article (long since unrendered).
    const first = blocks.find((b) => b.kind === 'article') as { id: string; label: string | null };
    await page.locator('.toc a').first().click();
    await page.locator(`[data-block-id="${first.id}"]`).waitFor();
    expect(await page.locator('.line').count()).toBeLessThan(2000);
    await page.close();
  });
});

describe.skipIf(!hasBrowser)('offline in the browser', () => {
  it('keeps a comment posted while offline and sends it once back online', async () => {
    const id = await createDocument(t, w, { open: true });
    const page = await englishPage();
    await page.goto(`${t.base}/signin?next=${encodeURIComponent(`/documents/${id}`)}`);
    await page.locator('#signin-email').fill(w.ngoColleague.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.locator('.line').first().waitFor();
    await page.locator('.panel [role="status"]', { hasText: '0 threads' }).waitFor();

    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Comment on line 2' }).click();
    const dialog = page.getByRole('dialog', { name: 'New comment' });
    await dialog.getByLabel('Your comment').fill('Written on a train without signal');
    await dialog.getByRole('button', { name: 'Post' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('1 comment waiting to be sent').waitFor();
    await page.getByText('Reconnecting…').waitFor({ timeout: 20_000 });

    await page.context().setOffline(false);
    await page.locator('.panel .comment__body', { hasText: 'Written on a train without signal' }).waitFor({ timeout: 30_000 });
    await page.getByText('1 comment waiting to be sent').waitFor({ state: 'detached' });
    // Sent once: the same Idempotency-Key made any retry harmless.
    const threads = await page.evaluate(async (docId) => (await (await fetch(`/api/documents/${docId}/threads`)).json()) as unknown[], id);
    expect(threads).toHaveLength(1);
    await page.close();
  });
});

describe.skipIf(!hasBrowser)('moderation in the browser', () => {
  it('lets an admin hide a comment with a reason, shown to readers in Arabic', async () => {
    const id = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, id);
    const created = await t.call('POST', `/api/documents/${id}/threads`, {
      token: w.otherNgo.token,
      headers: { 'idempotency-key': 'hide-test-1' },
      body: { anchor: { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } }, kind: 'comment', body: 'An abusive remark', visibility: 'public', attribution: 'named' },
    });
    expect(created.statusCode).toBe(201);
    const page = await englishPage();
    await page.goto(`${t.base}/signin?next=${encodeURIComponent(`/documents/${id}`)}`);
    await page.locator('#signin-email').fill(w.admin.email);
    await page.locator('#signin-password').fill(PASSWORD);
    await page.locator('#signin-password').press('Enter');
    await page.locator('.panel .comment__body', { hasText: 'An abusive remark' }).waitFor();
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await page.getByLabel('Reason for hiding').fill('Insults a person');
    await page.getByRole('button', { name: 'Hide the comment' }).click();
    await page.getByText('Hidden by a moderator.').waitFor();

    const reader = await t.browser.newPage({ locale: 'ar' });
    await reader.goto(`${t.base}/`);
    await reader.evaluate(() => localStorage.setItem('tashawur.language', 'ar'));
    await reader.goto(`${t.base}/documents/${id}`);
    await reader.getByText('أخفاها مشرف.').waitFor();
    expect(await reader.getByText('An abusive remark').count()).toBe(0);
    expect(await axeViolations(reader)).toEqual([]);
    await reader.close();
    await page.close();
  });
});
