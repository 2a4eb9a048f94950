/**
 * The organisation screens in Chromium against the real server: a signed-in person creates an
 * organisation through /organizations/new and sees it pending on /organizations; the admin
 * approves it on /admin; the new lead sees it approved and adds a member by email on the
 * organisation's page. No serious axe violation on any page visited; every step is checked
 * against the server too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../client/src/i18n/en.ts';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, pageIn, screenshot, signIn } from '../helpers/browser.ts';
import { ADMIN_EMAIL, registerUser, type TestUser } from '../helpers/test-app.ts';

const ORG_NAME = 'Observatoire citoyen des libertés';
const hasBrowser = !!chromiumPath();

let t: BrowserApp;
let lead: TestUser;
let admin: TestUser;
let member: TestUser;
beforeAll(async () => {
  if (!hasBrowser) return;
  t = await createBrowserApp();
  lead = await registerUser(t, { name: 'Salma Lead' });
  admin = await registerUser(t, { email: ADMIN_EMAIL, name: 'Platform Admin' });
  member = await registerUser(t, { name: 'Youssef Member' });
});
afterAll(() => t?.close());

/** An English message as the page shows it: t() wraps each filled-in value in Unicode isolates. */
function shown(key: keyof typeof en, params: Record<string, string>): string {
  return en[key].replace(/\{(\w+)\}/g, (_whole, name: string) => `\u2068${params[name]}\u2069`);
}

async function expectAccessible(page: Page, shot: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, shot);
}

async function leadMemberships() {
  return (await t.call('GET', '/api/me', { token: lead.token })).json().memberships as { organizationId: string; organizationName: string; role: string; approved: boolean }[];
}

describe.skipIf(!hasBrowser)('organisation screens in the browser', () => {
  it('creates an organisation, shows it pending, lets the admin approve it and the lead add a member', async () => {
    // The lead proposes the organisation through the form.
    const page = await pageIn(t, 'en');
    await signIn(t, page, lead, '/organizations');
    await page.getByText(en['orgs.empty']).waitFor();
    await expectAccessible(page, 'organizations-empty-en');
    await page.getByRole('link', { name: en['orgs.create'] }).click();
    await page.waitForURL((url) => url.pathname === '/organizations/new');
    await page.getByLabel(en['createOrg.name']).waitFor();
    await expectAccessible(page, 'organizations-new-en');
    await page.getByLabel(en['createOrg.name']).fill(ORG_NAME);
    await page.getByLabel(en['createOrg.kind']).selectOption('ngo');
    await page.getByLabel(en['createOrg.country']).fill('Maroc');
    await page.getByRole('button', { name: en['createOrg.submit'] }).click();
    await page.getByText(en['createOrg.created']).waitFor();
    const organizationId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    expect(await leadMemberships()).toEqual([expect.objectContaining({ organizationId, organizationName: ORG_NAME, role: 'lead', approved: false })]);

    // My organisations lists it as pending, with the lead's role.
    await page.getByRole('link', { name: en['org.back'] }).click();
    const card = page.locator('.card', { hasText: ORG_NAME });
    await card.getByText(en['org.status.pending']).waitFor();
    await card.getByText(shown('orgs.yourRole', { role: en['role.lead'] })).waitFor();
    await expectAccessible(page, 'organizations-pending-en');

    // The admin approves it on the admin page (another browser context: another person).
    const adminPage = await pageIn(t, 'en');
    await signIn(t, adminPage, admin, '/admin');
    const approve = adminPage.getByRole('button', { name: new RegExp(`${en['admin.approve']}.*${ORG_NAME}`) });
    await approve.waitFor();
    await expectAccessible(adminPage, 'organizations-admin-en');
    await approve.click();
    await adminPage.locator('.alert', { hasText: shown('admin.approved', { name: ORG_NAME }) }).waitFor();
    await expectAccessible(adminPage, 'organizations-admin-approved-en');
    await adminPage.close();
    expect((await leadMemberships())[0].approved).toBe(true);

    // The lead now sees it approved, opens it and adds a member by email.
    await page.reload();
    await card.getByText(en['org.status.approved']).waitFor();
    await card.getByRole('link', { name: ORG_NAME }).click();
    await page.waitForURL((url) => url.pathname === `/organizations/${organizationId}`);
    await page.getByLabel(en['org.addMember.email']).waitFor();
    await expectAccessible(page, 'organization-page-en');
    await page.getByLabel(en['org.addMember.email']).fill(member.email);
    await page.getByRole('button', { name: en['org.addMember.submit'] }).click();
    await page.getByText(shown('org.addMember.done', { name: member.name, role: en['role.member'] })).waitFor();
    await page.getByRole('table').getByText(member.email).waitFor();
    await expectAccessible(page, 'organization-member-added-en');
    await page.close();

    const members = (await t.call('GET', `/api/organizations/${organizationId}/members`, { token: member.token })).json() as { email: string; role: string }[];
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual([
      [lead.email, 'lead'],
      [member.email, 'member'],
    ].sort());
  });
});
