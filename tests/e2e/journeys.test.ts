/**
 * The journeys of DESIGN.md's people in Chromium against the real server, once in each of the
 * platform's languages (Arabic right to left, English, French): a signed-out reader browses the
 * public drafts and a published report; an NGO member comments on a passage selected with the
 * mouse, replies, endorses another organisation's comment and posts a confidential, anonymous
 * comment on a line chosen with the keyboard; an NHRI member comments in the institution's name;
 * a drafter answers the queue with a disposition; the author settles positions marked uncertain
 * by a new version; an admin approves an organisation.
 * The draft is French (a ministry's text does not follow the reader's interface language). On
 * every page: no serious axe violation, `lang` and `dir` follow the language, and no English
 * catalogue text is shown where the language has its own. Screenshots under
 * test-artifacts/screenshots, prefixed with the language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/ar.ts';
import { en } from '../../client/src/i18n/en.ts';
import { fr } from '../../client/src/i18n/fr.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn, screenshot, signIn } from '../helpers/browser.ts';
import { blocksOf, createDocument, createWorld, type World } from '../helpers/world.ts';

type Key = keyof typeof en;
type Lang = 'ar' | 'en' | 'fr';
const CATALOGUES: Record<Lang, Record<string, string>> = { ar, en, fr };

// Written for this test: a short French draft, as a drafting ministry would paste it.
const DRAFT = `Projet de loi relative à la lutte contre la traite des êtres humains
Article premier
La présente loi a pour objet de prévenir et de réprimer la traite des êtres humains et de protéger les victimes.
Article 2
L’État garantit aux victimes un hébergement sûr, une assistance juridique gratuite et un accompagnement psychologique.
Article 3
Les organisations de la société civile participent à l’identification des victimes et à leur orientation vers les services compétents.
Article 4
Le consentement de la victime à l’exploitation envisagée est indifférent lorsque l’un des moyens énoncés à l’article premier a été utilisé.
`;
const OPEN_TITLE = 'Projet de loi relative à la lutte contre la traite des êtres humains';
const REPORTED_TITLE = 'Projet de décret relatif à l’hébergement des victimes';
const PENDING_ORG = 'Association des juristes solidaires';

const hasBrowser = !!chromiumPath();

function journeys(lang: Lang) {
  let t: BrowserApp;
  let w: World;
  let openId = '';
  let reportedId = '';
  let otherThreadId = '';
  /** A message in this language as the page shows it (placeholders filled, without the isolates t() adds). */
  function m(key: Key, params: Record<string, string | number> = {}): string {
    return (CATALOGUES[lang][key] ?? '').replace(/\{(\w+)\}/g, (_w, name: string) => String(params[name] ?? ''));
  }

  const PUBLIC_ANSWERED = 'Il faut préciser la durée minimale de l’hébergement.';
  const OTHER_ORG_COMMENT = 'Nous proposons d’ajouter l’interprétariat à l’assistance juridique.';

  beforeAll(async () => {
    t = await createBrowserApp();
    w = await createWorld(t);
    openId = await createDocument(t, w, { title: OPEN_TITLE, text: DRAFT, language: 'fr', open: true });
    // Another organisation's comment, for the NGO member to endorse.
    const blocks = await blocksOf(t, openId);
    const line = blocks[4];
    const other = await t.call('POST', `/api/documents/${openId}/threads`, {
      token: w.otherNgo.token,
      body: { anchor: { start: { blockId: line.id, offset: 0 }, end: { blockId: line.id, offset: line.text.length } }, kind: 'comment', body: OTHER_ORG_COMMENT, visibility: 'public', attribution: 'named' },
    });
    expect(other.statusCode).toBe(201);
    otherThreadId = other.json().thread.id;

    // A consultation already answered and reported, for the signed-out reader.
    reportedId = await createDocument(t, w, { title: REPORTED_TITLE, text: DRAFT.replace('Projet de loi relative à la lutte contre la traite des êtres humains', REPORTED_TITLE), language: 'fr', open: true });
    const rb = await blocksOf(t, reportedId);
    const answered = await t.call('POST', `/api/documents/${reportedId}/threads`, {
      token: w.ngo.token,
      body: { anchor: { start: { blockId: rb[4].id, offset: 0 }, end: { blockId: rb[4].id, offset: 40 } }, kind: 'comment', body: PUBLIC_ANSWERED, visibility: 'public', attribution: 'anonymous' },
    });
    expect(answered.statusCode).toBe(201);
    const disposed = await t.call('POST', `/api/threads/${answered.json().thread.id}/disposition`, { token: w.drafter.token, body: { value: 'partially_accepted', rationale: 'Une durée minimale de trois mois sera fixée par décret.' } });
    expect(disposed.statusCode).toBe(200);
    for (const status of ['closed', 'reported']) {
      const res = await t.call('PATCH', `/api/documents/${reportedId}`, { token: w.drafter.token, body: { status } });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t?.close());


  /**
   * English catalogue texts that differ from their version in this language and could not be user
   * content: at least two words, no placeholder. An element whose own text (or accessible name,
   * title, placeholder) is exactly one of them is an untranslated string. Empty in English.
   */
  const ENGLISH_ONLY = [
    ...new Set(
      (Object.keys(en) as Key[])
        .filter((k) => !k.startsWith('error.'))
        .map((k) => [en[k] as string, CATALOGUES[lang][k]] as const)
        .filter(([e, f]) => e !== f && !e.includes('{') && /\s/.test(e.trim()) && /\p{L}/u.test(e))
        .map(([e]) => e.trim()),
    ),
  ];

  async function englishLeftovers(page: Page): Promise<string[]> {
    const shown = await page.evaluate(() => {
      const out = new Set<string>([document.title]);
      for (const el of document.body.querySelectorAll('*')) {
        if ((el as HTMLElement).closest('[hidden], script, style, template')) continue;
        // The element's own text, without its children's (a sentence split by a link stays whole).
        const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('').replace(/\s+/g, ' ').trim();
        if (own) out.add(own);
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered (no hidden parts) is what a reader sees.
        const whole = (el as HTMLElement).innerText?.replace(/\s+/g, ' ').trim();
        if (whole && whole.length < 200) out.add(whole);
        for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
          const value = el.getAttribute(name);
          if (value) out.add(value.trim());
        }
      }
      // The isolates t() puts around parameters are not text.
      return [...out].map((s) => s.replace(/[\u2066-\u2069]/g, ''));
    });
    const seen = new Set(shown);
    return ENGLISH_ONLY.filter((text) => seen.has(text));
  }

  /** The checks every page of these journeys gets. */
  async function checkPage(page: Page, shot?: string) {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    expect(await axeViolations(page)).toEqual([]);
    expect(await englishLeftovers(page)).toEqual([]);
    if (shot) await screenshot(page, shot);
  }

  /** Selects characters [from, to) of a line of text with the mouse (as documents-journey does). */
  async function dragSelect(page: Page, blockId: string, from: number, to: number) {
    const points = await page.evaluate(
      ([id, a, b]) => {
        const line = document.querySelector(`[data-block-id="${id}"] [data-line-text]`) as HTMLElement;
        line.scrollIntoView({ block: 'center' });
        const node = line.firstChild as Text;
        const rect = (i: number) => {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        };
        return { start: rect(a as number), end: rect(b as number) };
      },
      [blockId, from, to] as const,
    );
    await page.mouse.click(points.start.x, points.start.y);
    await page.keyboard.down('Shift');
    await page.mouse.click(points.end.x, points.end.y);
    await page.keyboard.up('Shift');
  }

  /** Posts from the open composer; its choices stay as last set, so each post sets both. */
  async function post(page: Page, body: string, options: { confidential: boolean; attribution: 'named' | 'organization' | 'anonymous' }) {
    const dialog = page.getByRole('dialog', { name: m('composer.title') });
    await dialog.waitFor();
    await dialog.getByLabel(m('composer.body')).fill(body);
    await dialog.getByLabel(m(options.confidential ? 'composer.visibility.confidential' : 'composer.visibility.public'), { exact: true }).check();
    await dialog.getByLabel(m(`thread.attribution.${options.attribution}`), { exact: true }).check();
    await dialog.getByRole('button', { name: m('composer.post') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.panel .comment__body', { hasText: body }).first().waitFor();
  }

    it('a signed-out reader browses the public drafts and reads a published report', async () => {
      const page = await pageIn(t, lang);
      await page.goto(`${t.base}/`);
      await page.getByRole('heading', { level: 1, name: m('home.title') }).waitFor();
      await checkPage(page, `${lang}-home`);

      await page.getByRole('link', { name: m('home.browseDocuments') }).click();
      await page.getByRole('link', { name: REPORTED_TITLE }).waitFor();
      await page.getByRole('link', { name: OPEN_TITLE }).waitFor();
      await checkPage(page, `${lang}-documents`);

      await page.getByRole('link', { name: REPORTED_TITLE }).click();
      await page.locator('.line').first().waitFor();
      await page.locator('.doc-meta', { hasText: m('doc.status.reported') }).waitFor();
      await page.locator('.panel .comment__body', { hasText: PUBLIC_ANSWERED }).first().waitFor();
      // Anonymous to the public: no name, no organisation.
      const card = page.locator('.panel .thread', { hasText: PUBLIC_ANSWERED });
      await card.getByText(m('thread.anonymous'), { exact: true }).first().waitFor();
      expect(await card.getByText(w.ngo.name).count()).toBe(0);
      await checkPage(page, `${lang}-document-reported`);

      await page.goto(`${t.base}/documents/${reportedId}/report`);
      const row = page.locator('.report-table tbody tr', { hasText: PUBLIC_ANSWERED });
      await row.waitFor();
      await row.getByText(m('disposition.partially_accepted'), { exact: true }).waitFor();
      await row.getByText(m('thread.anonymous'), { exact: true }).waitFor();
      await checkPage(page, `${lang}-report`);
      await page.close();
    });

    it('an NGO member comments on a passage, replies, endorses, and posts a confidential anonymous comment', async () => {
      const page = await pageIn(t, lang);
      await signIn(t, page, w.ngo, `/documents/${openId}`);
      await page.locator('.line').first().waitFor();
      // The header offers the notifications page, reachable with the keyboard.
      const notifications = page.getByRole('link', { name: m('nav.notifications') });
      await notifications.focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/notifications');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: m('monitoring.notifications.title') }).waitFor();
      await page.getByText(m('monitoring.notifications.none')).waitFor();
      await checkPage(page, `${lang}-notifications`);
      await page.goBack();
      await page.locator('.line').first().waitFor();
      await checkPage(page);

      // A passage selected with the mouse (the first lines may still be settling: retry).
      const blocks = await blocksOf(t, openId);
      const target = blocks[2];
      for (let attempt = 0; attempt < 4; attempt++) {
        await page.waitForTimeout(300);
        await dragSelect(page, target.id, 25, 60);
        if (await page.evaluate(() => !!document.querySelector('dialog.composer')?.hasAttribute('open'))) break;
      }
      const quote = (await page.getByRole('dialog').locator('.quote').textContent())?.trim() ?? '';
      expect(target.text).toContain(quote);
      expect(quote.length).toBeGreaterThan(10);
      await checkPage(page);
      const named = 'Il faut viser aussi la traite à des fins de mendicité forcée.';
      await post(page, named, { confidential: false, attribution: 'named' });
      const namedCard = page.locator('.panel .thread', { hasText: named });
      await namedCard.locator('.author', { hasText: w.ngo.name }).first().waitFor();

      // A reply in the same thread.
      const reply = 'Nous joindrons une note sur la jurisprudence récente.';
      await namedCard.getByLabel(m('thread.reply'), { exact: true }).fill(reply);
      await namedCard.getByRole('button', { name: m('thread.reply.send') }).click();
      await namedCard.locator('.comment__body', { hasText: reply }).waitFor();

      // Endorse another organisation's comment on behalf of our association.
      // A deep link to the thread, loaded afresh (a hash change alone keeps the current line selected).
      await page.goto(`${t.base}/documents/${openId}#thread-${otherThreadId}`);
      await page.reload();
      const otherCard = page.locator('.panel .thread', { hasText: OTHER_ORG_COMMENT });
      await otherCard.waitFor();
      await otherCard.getByRole('button', { name: /Migrant Rights Association/ }).click();
      await otherCard.getByText(m('thread.endorsedBy')).waitFor();
      await otherCard.locator('bdi', { hasText: 'Migrant Rights Association' }).first().waitFor();

      // A confidential, anonymous comment on a whole line, with the keyboard.
      const lineButton = page.locator(`[data-block-id="${blocks[6].id}"] .line__comment`);
      await lineButton.focus();
      await page.keyboard.press('Enter');
      const secret = 'Note confidentielle : deux victimes nous ont signalé des refus d’hébergement.';
      await post(page, secret, { confidential: true, attribution: 'anonymous' });
      const secretCard = page.locator('.panel .thread', { hasText: secret });
      await secretCard.getByText(m('thread.confidential'), { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await checkPage(page, `${lang}-document-ngo`);
      await page.close();

      // Confidential: invisible to the public and to another organisation; anonymous to the public.
      const publicList = (await t.call('GET', `/api/documents/${openId}/threads`)).json() as { comments: { body?: string }[]; author: Record<string, unknown> }[];
      expect(publicList.some((x) => x.comments.some((c) => c.body === secret))).toBe(false);
      const otherList = (await t.call('GET', `/api/documents/${openId}/threads`, { token: w.otherNgo.token })).json() as { comments: { body?: string }[] }[];
      expect(otherList.some((x) => x.comments.some((c) => c.body === secret))).toBe(false);
      const drafterView = ((await t.call('GET', `/api/documents/${openId}/threads`, { token: w.drafter.token })).json() as { comments: { body?: string }[]; author: { name?: string; organization?: { name: string } } }[]).find((x) => x.comments[0]?.body === secret);
      expect(drafterView?.author).toEqual({ organization: expect.objectContaining({ name: 'Migrant Rights Association' }) });
    });

    it('an NHRI member comments on a line with the keyboard, in the institution\'s name', async () => {
      const page = await pageIn(t, lang);
      await signIn(t, page, w.nhri, `/documents/${openId}`);
      await page.locator('.line').first().waitFor();
      const blocks = await blocksOf(t, openId);
      await page.locator(`[data-block-id="${blocks[8].id}"] .line__comment`).focus();
      await page.keyboard.press('Enter');
      const body = 'Le Conseil recommande de préciser les garanties procédurales offertes aux victimes.';
      await post(page, body, { confidential: false, attribution: 'organization' });
      const card = page.locator('.panel .thread', { hasText: body });
      await card.locator('bdi', { hasText: 'National Human Rights Council' }).first().waitFor();
      await checkPage(page, `${lang}-document-nhri`);
      await page.close();
      // Public, under the institution's name only: the member's own name is not sent to readers.
      const publicList = (await t.call('GET', `/api/documents/${openId}/threads`)).json() as { comments: { body?: string }[]; author: Record<string, unknown> }[];
      expect(publicList.find((x) => x.comments[0]?.body === body)?.author).toEqual({ organization: expect.objectContaining({ name: 'National Human Rights Council' }) });
    });

    it('a drafter answers the queue with a disposition', async () => {
      const page = await pageIn(t, lang);
      await signIn(t, page, w.drafter, `/documents/${openId}/queue`);
      await page.locator('.queue-item').first().waitFor();
      await checkPage(page);
      await page.locator('h1').click();
      await page.keyboard.press('a');
      const rationale = page.getByLabel(m('queue.rationale'));
      await rationale.waitFor();
      await checkPage(page);
      await rationale.fill('Le texte sera complété en ce sens dans la prochaine version.');
      await page.getByRole('button', { name: m('queue.answer') }).click();
      await page.locator('.queue-item .disposition').first().waitFor();
      await page.locator('.queue-item .disposition', { hasText: m('disposition.accepted') }).first().waitFor();
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: m('queue.shortcuts') }).waitFor();
      await checkPage(page);
      await page.keyboard.press('Escape');
      await page.evaluate(() => window.scrollTo(0, 0));
      await checkPage(page, `${lang}-queue`);
      await page.close();
    });

    it('the author confirms, then corrects, positions the server marked uncertain after a new version', async () => {
      const docId = await createDocument(t, w, { title: 'Projet d’arrêté sur l’assistance aux victimes', text: DRAFT, language: 'fr', open: true });
      const v1 = await blocksOf(t, docId);
      const line = v1[4];
      const quotes = ['un hébergement sûr, une assistance juridique gratuite', 'un accompagnement psychologique'];
      const ids: string[] = [];
      for (const [i, quote] of quotes.entries()) {
        const at = line.text.indexOf(quote);
        const res = await t.call('POST', `/api/documents/${docId}/threads`, {
          token: w.ngo.token,
          body: { anchor: { start: { blockId: line.id, offset: at }, end: { blockId: line.id, offset: at + quote.length } }, kind: 'comment', body: `Remarque ${i + 1} sur l’article 2.`, visibility: 'public', attribution: 'named' },
        });
        ids.push(res.json().thread.id);
      }
      // Words inserted inside both passages: still there, but found only approximately.
      const v2 = DRAFT.replace('une assistance juridique gratuite', 'une assistance juridique entièrement gratuite').replace('un accompagnement psychologique', 'un accompagnement médical et psychologique');
      expect((await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { source: { format: 'text', content: v2 }, note: 'Précisions' } })).statusCode).toBe(201);
      const states = (await t.call('GET', `/api/documents/${docId}/threads`)).json() as { id: string; anchorState: string }[];
      expect(states.filter((x) => ids.includes(x.id)).map((x) => x.anchorState)).toEqual(['uncertain', 'uncertain']);

      const page = await pageIn(t, lang);
      await signIn(t, page, w.ngo, `/documents/${docId}`);
      const first = page.locator(`#thread-${ids[0]}`);
      await first.getByText(m('thread.anchor.uncertain'), { exact: true }).waitFor();
      await first.getByRole('button', { name: m('thread.anchor.confirm.keep') }).waitFor();
      await checkPage(page, `${lang}-anchor-uncertain`);
      await first.getByRole('button', { name: m('thread.anchor.confirm.keep') }).click();
      await first.getByText(m('thread.anchor.edited'), { exact: true }).waitFor();
      expect(await first.getByRole('button', { name: m('thread.anchor.confirm.keep') }).count()).toBe(0);

      // The second one: select the right passage in the line, with the keyboard-friendly text box.
      const second = page.locator(`#thread-${ids[1]}`);
      await second.getByRole('button', { name: m('thread.anchor.confirm.repoint') }).click();
      const box = second.getByLabel(m('thread.anchor.confirm.selectLabel'));
      await box.waitFor();
      await checkPage(page);
      const v2line = (await blocksOf(t, docId))[4];
      const wanted = 'accompagnement médical et psychologique';
      const from = v2line.text.indexOf(wanted);
      await box.evaluate((el, [a, b]) => (el as HTMLTextAreaElement).setSelectionRange(a, b), [from, from + wanted.length] as const);
      await second.getByRole('button', { name: m('thread.anchor.confirm.useSelection') }).click();
      await second.getByText(m('thread.anchor.edited'), { exact: true }).waitFor();
      await page.close();
      const after = ((await t.call('GET', `/api/documents/${docId}/threads`)).json() as { id: string; anchorState: string; anchor: { start: { offset: number }; end: { offset: number } } }[]).find((x) => x.id === ids[1]);
      expect(after).toMatchObject({ anchorState: 'edited', anchor: { start: { offset: from }, end: { offset: from + wanted.length } } });
    });

    it('an admin approves an organisation', async () => {
      const created = await t.call('POST', '/api/organizations', { token: w.loner.token, body: { name: PENDING_ORG, kind: 'ngo', country: 'MA' } });
      expect(created.statusCode).toBe(201);
      const page = await pageIn(t, lang);
      await signIn(t, page, w.admin, '/admin');
      const approve = page.getByRole('button', { name: new RegExp(PENDING_ORG) });
      await approve.waitFor();
      await checkPage(page);
      await approve.click();
      await page.locator('.alert', { hasText: PENDING_ORG }).waitFor();
      await checkPage(page, `${lang}-admin`);
      await page.close();
      const orgs = (await t.call('GET', '/api/organizations', { token: w.loner.token })).json() as { name: string; approved: boolean }[];
      expect(orgs.find((o) => o.name === PENDING_ORG)?.approved).toBe(true);
    });
}

describe.skipIf(!hasBrowser).each(['ar', 'en', 'fr'] as const)('journeys in %s', (lang) => journeys(lang));
