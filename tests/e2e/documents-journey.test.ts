/**
 * In Chromium against the real server, in Arabic (a real Saudi law) and in English (the Palermo
 * Protocol): an NGO member comments on a passage selected with the mouse and on a line chosen
 * with the keyboard (confidential, organisation only); another reader sees a public comment
 * arrive live; the drafter answers from the queue, publishes a new version and reads the diff,
 * then publishes the report, which a signed-out reader opens with the draft. No serious axe
 * violation on any page visited; screenshots of the document, the queue and the report.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/ar.ts';
import { en } from '../../client/src/i18n/en.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn, screenshot, signIn } from '../helpers/browser.ts';
import { corpusText, createDocument, createWorld, type World } from '../helpers/world.ts';

type Lang = 'ar' | 'en';
const CATALOGUES = { ar, en } as const;
/** A message as the page shows it (placeholders filled without the isolates t() adds). */
function m(lang: Lang, key: keyof typeof en, params: Record<string, string | number> = {}): string {
  const table = CATALOGUES[lang] as Record<string, string>;
  return (table[key] ?? '').replace(/\{(\w+)\}/g, (_w, name: string) => String(params[name] ?? ''));
}

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
let w: World;
const docs: Record<Lang, { id: string; text: string }> = { ar: { id: '', text: '' }, en: { id: '', text: '' } };

beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  w = await createWorld(t);
  docs.ar.text = corpusText('sa-anti-trafficking-law-2009.ar.md');
  docs.ar.id = await createDocument(t, w, { title: 'مشروع نظام مكافحة جرائم الاتجار بالأشخاص', text: docs.ar.text, format: 'markdown', language: 'ar', open: true });
  docs.en.text = corpusText('palermo-protocol.en.md');
  docs.en.id = await createDocument(t, w, { title: 'Draft protocol on trafficking in persons', text: docs.en.text, format: 'markdown', language: 'en', open: true });
});
afterAll(() => t?.close());



async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** Selects characters [from, to) of the first long line in view with the mouse. */
async function dragSelect(page: Page, from: number, to: number) {
  const points = await page.evaluate(
    ([a, b]) => {
      const texts = [...document.querySelectorAll('[data-line-text]')] as HTMLElement[];
      const view = (document.querySelector('.reader') as HTMLElement).getBoundingClientRect();
      const line = texts.find((el) => {
        const r = el.getBoundingClientRect();
        return !el.closest('.line--title') && (el.textContent ?? '').length > b + 5 && r.top > view.top && r.bottom < view.bottom - 40 && !el.querySelector('mark');
      });
      const node = line?.firstChild as Text;
      const rect = (i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      };
      return { start: rect(a), end: rect(b), blockId: line?.closest('[data-block-id]')?.getAttribute('data-block-id') };
    },
    [from, to] as const,
  );
  // Press at the start, then extend with Shift and a second press at the end (a drag in
  // headless Chromium sometimes leaves only a caret).
  await page.mouse.click(points.start.x, points.start.y);
  await page.keyboard.down('Shift');
  await page.mouse.click(points.end.x, points.end.y);
  await page.keyboard.up('Shift');
  return points.blockId as string;
}

/** Posts from the open composer; its choices stay as last set, so each post sets both. */
async function post(page: Page, lang: Lang, body: string, options: { confidential: boolean; organisationOnly: boolean }) {
  const dialog = page.getByRole('dialog', { name: m(lang, 'composer.title') });
  await dialog.waitFor();
  await dialog.getByLabel(m(lang, 'composer.body')).fill(body);
  await dialog.getByLabel(m(lang, options.confidential ? 'composer.visibility.confidential' : 'composer.visibility.public'), { exact: true }).check();
  await dialog.getByLabel(m(lang, options.organisationOnly ? 'thread.attribution.organization' : 'thread.attribution.named'), { exact: true }).check();
  await dialog.getByRole('button', { name: m(lang, 'composer.post') }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.panel .comment__body', { hasText: body }).first().waitFor();
}

describe.skipIf(!hasBrowser)('documents in the browser', () => {
  for (const lang of ['ar', 'en'] as const) {
    it(`comments by mouse and keyboard, live, answered, versioned and reported (${lang})`, async () => {
      const { id } = docs[lang];
      const path = `/documents/${id}`;

      // Another organisation's member reads the draft and waits for comments.
      const watcher = await pageIn(t, lang);
      await signIn(t, watcher, w.otherNgo, path);
      await watcher.locator('.line').first().waitFor();
      const loading = m(lang, 'common.loading');
      await watcher.waitForFunction((text) => {
        const status = document.querySelector('.panel [role="status"]');
        return !!status && status.textContent !== text;
      }, loading);

      // The NGO member: list, document, a mouse selection, then the keyboard button.
      const page = await pageIn(t, lang);
      await signIn(t, page, w.ngo, '/documents');
      await page.getByRole('link', { name: lang === 'ar' ? 'مشروع نظام مكافحة جرائم الاتجار بالأشخاص' : 'Draft protocol on trafficking in persons' }).waitFor();
      await expectNoAxeViolations(page);
      await page.goto(`${t.base}${path}`);
      await page.locator('.line').first().waitFor();
      await page.locator('.reader').scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      await expectNoAxeViolations(page);

      // The first lines may still be settling (measured heights): retry a drag that selected nothing.
      let selectedBlock = '';
      for (let attempt = 0; attempt < 4; attempt++) {
        await page.waitForTimeout(300);
        selectedBlock = await dragSelect(page, 2, 14);
        if (await page.evaluate(() => !!document.querySelector('dialog.composer')?.hasAttribute('open'))) break;
      }
      const quote = await page.getByRole('dialog').locator('.quote').textContent();
      expect((quote ?? '').trim().length).toBeGreaterThan(3);
      const secret = lang === 'ar' ? 'ملاحظة سرية من الجمعية حول هذا المقطع' : 'A confidential note from our association';
      await post(page, lang, secret, { confidential: true, organisationOnly: true });
      const card = page.locator('.panel .thread', { hasText: secret });
      await expect(card.getByText(m(lang, 'thread.confidential'), { exact: true }).count()).resolves.toBe(1);
      await expect(page.locator(`[data-block-id="${selectedBlock}"] mark`).count()).resolves.toBeGreaterThan(0);

      // Keyboard: Tab to the "Comment" button of a line, Enter, public comment.
      const firstButton = page.locator('.line__comment').nth(3);
      await firstButton.focus();
      await page.keyboard.press('Tab');
      let focusedName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      for (let i = 0; i < 4 && !focusedName.includes(lang === 'ar' ? 'علّق' : 'Comment on line'); i++) {
        await page.keyboard.press('Tab');
        focusedName = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      }
      await page.keyboard.press('Enter');
      const open = lang === 'ar' ? 'نقترح توضيح تعريف الضحية في هذا السطر' : 'We suggest clarifying who counts as a victim here';
      await post(page, lang, open, { confidential: false, organisationOnly: false });
      await page.keyboard.press('Escape');

      // The other reader sees the public comment arrive, and never the confidential one.
      await watcher.locator('.comment__body', { hasText: open }).first().waitFor({ timeout: 15_000 });
      expect(await watcher.getByText(secret).count()).toBe(0);
      await expectNoAxeViolations(watcher);
      await watcher.close();

      await page.locator('.panel .thread').first().waitFor();
      await screenshot(page, `document-${lang}`);
      await expectNoAxeViolations(page);
      await page.close();

      // The drafter answers from the queue with the keyboard.
      const drafter = await pageIn(t, lang);
      await signIn(t, drafter, w.drafter, `${path}/queue`);
      await drafter.locator('.queue-item').first().waitFor();
      await expectNoAxeViolations(drafter);
      await drafter.locator('h1').click();
      await drafter.keyboard.press('a');
      const rationale = drafter.getByLabel(m(lang, 'queue.rationale'));
      await rationale.waitFor();
      await rationale.fill(lang === 'ar' ? 'سيُعدّل النص وفق الملاحظة' : 'The text will be amended accordingly');
      await drafter.getByRole('button', { name: m(lang, 'queue.answer') }).click();
      await drafter.locator('.queue-item .disposition').first().waitFor();
      await drafter.keyboard.press('?');
      await drafter.getByRole('dialog', { name: m(lang, 'queue.shortcuts') }).waitFor();
      await expectNoAxeViolations(drafter);
      await drafter.keyboard.press('Escape');
      await drafter.evaluate(() => window.scrollTo(0, 0));
      await screenshot(drafter, `queue-${lang}`);

      // A new version, then the diff.
      await drafter.goto(`${t.base}${path}`);
      await drafter.getByRole('button', { name: m(lang, 'drafter.newVersion') }).click();
      const revised = lang === 'ar' ? docs.ar.text.replace('الاتجار بالأشخاص', 'الاتجار بالبشر') : docs.en.text.replace('especially women and children', 'in particular women and children');
      await drafter.locator('#version-source-text').fill(revised);
      await drafter.locator('#version-note').fill(lang === 'ar' ? 'تعديل المصطلحات' : 'Wording revised');
      await drafter.getByRole('button', { name: m(lang, 'version.publish') }).click();
      await drafter.waitForURL(/\/diff\?from=1&to=2/);
      await drafter.locator('.diff-entry').first().waitFor();
      expect(await drafter.locator('.diff ins, .diff del').count()).toBeGreaterThan(0);
      await expectNoAxeViolations(drafter);

      // Close the consultation and publish the report.
      await drafter.goto(`${t.base}${path}`);
      await drafter.getByRole('button', { name: m(lang, 'drafter.close') }).click();
      await drafter.getByRole('button', { name: m(lang, 'drafter.publishReport') }).click();
      await drafter.locator('.doc-meta', { hasText: m(lang, 'doc.status.reported') }).waitFor();
      await drafter.close();

      // A signed-out reader: the draft and the published report.
      const reader = await pageIn(t, lang);
      await reader.goto(`${t.base}${path}`);
      await reader.locator('.line').first().waitFor();
      await reader.locator('.panel .comment__body', { hasText: open }).first().waitFor();
      expect(await reader.getByText(secret).count()).toBe(0);
      // A deep link to a thread selects its line and focuses it.
      const threadId = (await reader.locator('.panel .thread', { hasText: open }).first().getAttribute('id')) as string;
      await reader.goto(`${t.base}${path}#${threadId}`);
      await reader.waitForFunction((tid) => document.activeElement?.id === tid, threadId);
      await expectNoAxeViolations(reader);
      await reader.goto(`${t.base}${path}/report`);
      await reader.locator('.report-table tbody tr').first().waitFor();
      await expectNoAxeViolations(reader);
      await screenshot(reader, `report-${lang}`);
      await reader.close();
    });
  }
});
