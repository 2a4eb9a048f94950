/**
 * In Chromium against the real server: register, sign out, sign in, switch to Arabic (the page
 * becomes dir=rtl with Arabic strings), sign out — with no serious accessibility violation on
 * the pages visited, in English and in Arabic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type BrowserApp, chromiumPath, createBrowserApp, screenshot } from '../helpers/browser.ts';
import { uniqueEmail } from '../helpers/test-app.ts';

const hasBrowser = !!chromiumPath();
let t: BrowserApp;
beforeAll(async () => {
  if (hasBrowser) t = await createBrowserApp();
});
afterAll(() => t?.close());

describe.skipIf(!hasBrowser)('account journey in the browser', () => {
  it('registers, signs in, reads the interface in Arabic right to left, and signs out', async () => {
    const page = await t.browser.newPage({ locale: 'en-GB' });
    const email = uniqueEmail('browser');
    await page.goto(`${t.base}/signup`);
    await page.evaluate(() => localStorage.setItem('tashawur.language', 'en'));
    await page.reload();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Full name').fill('Amina Browser');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page.getByRole('button', { name: /Amina Browser/ }).waitFor();
    await screenshot(page, 'account-signed-in-en');

    await page.getByRole('button', { name: /Amina Browser/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();

    await page.goto(`${t.base}/signin`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByRole('button', { name: /Amina Browser/ }).waitFor();

    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await page.getByRole('button', { name: /Amina Browser/ }).click();
    await page.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
    await screenshot(page, 'account-menu-ar');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await page.getByRole('link', { name: 'تسجيل الدخول' }).first().waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    await page.close();
  });
});
