/**
 * In Chromium against the real server, in Arabic and in English: an NHRI member signs in, opens
 * the monitoring dashboard of an action plan whose government already reported, records the
 * independent assessment beside the government's entry (the dialog closes with Escape and
 * returns focus), sees the disagreement appear and the overdue measure, and the periodic report
 * links answer (HTML, Word, JSON). No serious axe violation; screenshots monitoring-ar/en.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ar } from '../../client/src/i18n/ar.ts';
import { en } from '../../client/src/i18n/en.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn, screenshot, signIn } from '../helpers/browser.ts';
import { createWorld, type World } from '../helpers/world.ts';
import { createPlan, designate, openPeriod, PLAN_AR, PLAN_EN, record } from '../integration/monitoring/plan.ts';

type Lang = 'ar' | 'en';
const CATALOGUES = { ar, en } as const;
function m(lang: Lang, key: keyof typeof en): string {
  return (CATALOGUES[lang] as Record<string, string>)[key] ?? '';
}

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
let w: World;
interface Setup {
  id: string;
  agreed: string;
  disputed: string;
  overdue: string;
  article2: string | undefined;
}
const plans = {} as Record<Lang, Setup>;

async function setUp(lang: Lang): Promise<Setup> {
  const plan = await createPlan(t, w, {
    text: lang === 'ar' ? PLAN_AR : PLAN_EN,
    language: lang,
    title: lang === 'ar' ? 'الخطة الوطنية لمكافحة الاتجار بالبشر' : 'National Action Plan against Trafficking',
  });
  const [p0, p1, p2] = plan.points;
  const responsible = lang === 'ar' ? 'وزارة العدل' : 'Ministry of Justice';
  const disputed = await designate(t, w.drafter, plan.id, p0.id, { responsible, deadline: '2027-06-30' });
  const overdue = await designate(t, w.drafter, plan.id, p1.id, { responsible: lang === 'ar' ? 'وزارة الداخلية' : 'Ministry of Interior', deadline: '2026-03-31' });
  const agreed = await designate(t, w.drafter, plan.id, p2.id, { responsible, deadline: '2027-12-31' });
  const h1 = await openPeriod(t, w.nhri, plan.id, lang === 'ar' ? 'النصف الأول 2026' : 'H1 2026', '2026-01-01', '2026-06-30');
  const h2 = await openPeriod(t, w.nhri, plan.id, lang === 'ar' ? 'النصف الثاني 2026' : 'H2 2026', '2026-07-01', '2026-12-31');
  await record(t, w.drafter, disputed.id, h1.id, 'in_progress', 50);
  await record(t, w.nhri, disputed.id, h1.id, 'in_progress', 30);
  await record(t, w.drafter, disputed.id, h2.id, 'completed', 100, {
    evidence: lang === 'ar' ? 'تقرير الوزارة السنوي' : 'Annual report of the ministry',
    impactRating: 'positive',
  });
  await record(t, w.drafter, overdue.id, h2.id, 'in_progress', 40);
  await record(t, w.drafter, agreed.id, h2.id, 'in_progress', 60);
  await record(t, w.nhri, agreed.id, h2.id, 'in_progress', 55);
  return { id: plan.id, disputed: disputed.id, overdue: overdue.id, agreed: agreed.id, article2: plan.blocks.filter((b) => b.kind === 'article')[1]?.id };
}

beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  w = await createWorld(t);
  plans.ar = await setUp('ar');
  plans.en = await setUp('en');
});
afterAll(() => t?.close());



describe.skipIf(!hasBrowser)('monitoring dashboard in the browser', () => {
  it.each(['ar', 'en'] as const)('an NHRI member assesses a measure beside the government (%s)', async (lang) => {
    const plan = plans[lang];
    const page = await pageIn(t, lang);
    try {
      const path = `/documents/${plan.id}/monitoring`;
      await signIn(t, page, w.nhri, path);
      await expect.poll(() => page.locator('h1').textContent()).toBe(m(lang, 'monitoring.title'));
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');

      // The government's entries are there; the overdue measure is listed; no disagreement yet for the disputed one.
      const disputedRow = page.locator(`.monitoring-measures tr[data-measure-id="${plan.disputed}"]`);
      await disputedRow.locator('td[data-voice="government"] .badge').first().waitFor();
      expect(await disputedRow.locator('td[data-voice="government"]').textContent()).toContain(m(lang, 'monitoring.status.completed'));
      await page.locator(`.monitoring-overdue tr[data-measure-id="${plan.overdue}"]`).waitFor();
      expect(await page.locator(`.monitoring-disagreements tr[data-measure-id="${plan.disputed}"]`).count()).toBe(0);
      await page.locator('.chart__svg').waitFor();
      expect(await page.locator('.chart__svg').getAttribute('data-direction')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await axeViolations(page)).toEqual([]);

      // Only the NHRI voice is writable for this reader.
      expect(await disputedRow.locator('td[data-voice="government"] button').count()).toBe(0);
      const recordButton = disputedRow.locator('td[data-voice="nhri"] button');

      // Escape closes the dialog and focus returns to the button.
      await recordButton.click();
      const dialog = page.locator('dialog.monitoring-dialog');
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await recordButton.evaluate((el) => el === document.activeElement)).toBe(true);

      // Record the independent assessment.
      await recordButton.press('Enter');
      await dialog.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator(`#assessment-${plan.disputed}-nhri-status`).selectOption('delayed');
      await page.locator(`#assessment-${plan.disputed}-nhri-progress`).fill('30');
      await page.locator(`#assessment-${plan.disputed}-nhri-evidence`).fill(lang === 'ar' ? 'زيارة ميدانية لمراكز الإيواء' : 'Field visit to the shelters');
      await page.locator(`#assessment-${plan.disputed}-nhri-impact`).fill(lang === 'ar' ? 'لم يستفد الضحايا بعد' : 'Victims have not benefited yet');
      await page.locator(`#assessment-${plan.disputed}-nhri-rating`).selectOption('negative');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });

      // Both voices side by side, and the disagreement (major: only the government says completed).
      await expect.poll(() => disputedRow.locator('td[data-voice="nhri"]').textContent()).toContain(m(lang, 'monitoring.status.delayed'));
      const disagreement = page.locator(`.monitoring-disagreements tr[data-measure-id="${plan.disputed}"]`);
      await disagreement.waitFor();
      expect(await disagreement.textContent()).toContain(m(lang, 'monitoring.major'));
      expect(await page.locator(`.monitoring-disagreements tr[data-measure-id="${plan.agreed}"]`).count()).toBe(0);

      // The periodic report answers in every format.
      for (const [index, type] of [
        [0, 'text/html'],
        [1, 'officedocument'],
        [2, 'application/json'],
      ] as const) {
        const href = await page.locator('.monitoring-report-links a').nth(index).getAttribute('href');
        expect(href).toBeTruthy();
        const res = await page.request.get(`${t.base}${href}`);
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toContain(type);
      }

      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.chart').screenshot({ path: `test-artifacts/screenshots/monitoring-chart-${lang}.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `monitoring-${lang}`);

      // The reminders page lists the overdue measure.
      await page.locator(`a[href="/notifications"]`).first().click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(m(lang, 'monitoring.notifications.title'));
      await page.locator(`a[href="/documents/${plan.id}/monitoring"]`).first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a drafter designates measures in bulk, sees only the government voice, and closes the period', async () => {
    const plan = plans.en;
    const page = await pageIn(t, 'en');
    try {
      const path = `/documents/${plan.id}/monitoring`;
      await signIn(t, page, w.drafter, path);
      const rows = page.locator('.monitoring-measures tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      const disputedRow = page.locator(`.monitoring-measures tr[data-measure-id="${plan.disputed}"]`);
      expect(await disputedRow.locator('td[data-voice="government"] button').count()).toBe(1);
      expect(await disputedRow.locator('td[data-voice="nhri"] button').count()).toBe(0);

      // Edit a measure's target.
      await disputedRow.getByRole('button', { name: m('en', 'monitoring.editMeasure.button') }).click();
      await page.locator(`#measure-${plan.disputed}-target`).fill('All 300 judges trained');
      await page.locator('dialog.monitoring-dialog button[type="submit"]').click();
      await page.locator('dialog.monitoring-dialog').waitFor({ state: 'detached' });
      await expect.poll(() => disputedRow.textContent()).toContain('All 300 judges trained');

      await page.locator('input[name="designate-mode"][value="bulk"]').check();
      await page.locator('#designate-kind').selectOption('point');
      await page.locator('#designate-under').selectOption(plan.article2 as string);
      await page.locator('#designate-responsible').fill('Ministry of Social Affairs; Ministry of Interior');
      await page.locator('#designate-indicator').fill('Shelters open and permits granted');
      await page.locator('#designate-deadline').fill('2027-06-30');
      await page.getByRole('button', { name: m('en', 'monitoring.designate.submit'), exact: true }).click();
      await page.getByText('2 measures designated.').waitFor();
      await expect.poll(() => rows.count()).toBe(5);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('button', { name: m('en', 'monitoring.period.close') }).click();
      await page.getByRole('button', { name: m('en', 'monitoring.period.closeYes') }).click();
      await page.getByText(m('en', 'monitoring.period.closedNotice')).waitFor();
      await expect.poll(() => page.locator('.monitoring-measures td[data-voice] button').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
