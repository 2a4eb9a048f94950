/**
 * In Chromium: the export buttons sit next to the version picker on the document page (not
 * only on the diff page). A reader picks version 1 of a two-version draft, sees its text, and
 * downloads it as Akoma Ntoso, Markdown and Word: each download is of version 1, answers 200
 * with the right content type and starts with the right bytes. A draft with a single version
 * offers the same buttons.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn } from '../helpers/browser.ts';
import { createDocument, createWorld, type World } from '../helpers/world.ts';

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
let w: World;
beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  w = await createWorld(t);
});
afterAll(() => t?.close());

// Written for this test.
const V1 = 'Article 1\nShelters are open to every victim.\nArticle 2\nThe State funds the shelters.\n';
const V2 = 'Article 1\nShelters are open to every victim, day and night.\nArticle 2\nThe State funds the shelters.\n';

const EXPORTS = [
  { label: en['diff.export.akn'], format: 'akn', type: /^application\/akn\+xml/, starts: (b: Buffer) => b.toString('utf8').startsWith('<?xml'), contains: 'Shelters are open to every victim.' },
  { label: en['diff.export.md'], format: 'md', type: /^text\/markdown/, starts: (b: Buffer) => b.toString('utf8').includes('### Article 1'), contains: 'Shelters are open to every victim.' },
  { label: en['diff.export.docx'], format: 'docx', type: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/, starts: (b: Buffer) => b.subarray(0, 2).toString('latin1') === 'PK', contains: null },
] as const;

describe.skipIf(!hasBrowser)('exports from the document page', () => {
  it('picks version 1 with the version picker and downloads it as AKN, Markdown and Word', async () => {
    const id = await createDocument(t, w, { title: 'Draft law on shelters', text: V1, open: true });
    const published = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Opening hours', source: { format: 'text', content: V2 } } });
    expect(published.statusCode).toBe(201);

    const page = await pageIn(t, 'en');
    await page.goto(`${t.base}/documents/${id}`);
    await page.locator('.line', { hasText: 'day and night' }).waitFor();
    await page.locator('#version-picker').selectOption('1');
    await page.waitForURL(/\?version=1$/);
    await page.locator('.line', { hasText: 'Shelters are open to every victim.' }).waitFor();
    expect(await page.locator('.line', { hasText: 'day and night' }).count()).toBe(0);

    const group = page.getByRole('group', { name: en['diff.export'] });
    for (const e of EXPORTS) {
      const link = group.getByRole('link', { name: e.label, exact: true });
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).toBe(`/api/documents/${id}/versions/1/export?format=${e.format}`);
      const res = await page.request.get(`${t.base}${href}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toMatch(e.type);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const bytes = await readFile((await download.path()) as string);
      expect(e.starts(bytes)).toBe(true);
      if (e.contains) {
        expect(bytes.toString('utf8')).toContain(e.contains);
        expect(bytes.toString('utf8')).not.toContain('day and night');
      }
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('offers the exports for a draft with a single version', async () => {
    const id = await createDocument(t, w, { title: 'Single version draft', text: V1, open: true });
    const page = await pageIn(t, 'en');
    await page.goto(`${t.base}/documents/${id}`);
    await page.locator('.line').first().waitFor();
    const links = page.getByRole('group', { name: en['diff.export'] }).getByRole('link');
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(
      ['akn', 'md', 'docx'].map((f) => `/api/documents/${id}/versions/1/export?format=${f}`),
    );
    await page.close();
  });
});
