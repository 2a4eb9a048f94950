/**
 * Browser tier: the real server (built client, real database) and Debian's Chromium driven by
 * playwright-core, with axe-core and screenshots saved under test-artifacts/screenshots.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from './test-app.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Null when the run has no Chromium (local runs only; CI fails in setup instead). */
export function chromiumPath(): string | null {
  return inject('chromiumPath');
}

export interface BrowserApp extends TestApp {
  base: string;
  browser: Browser;
}

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

export async function createBrowserApp(): Promise<BrowserApp> {
  // The platform's origin must be known before the app is built (cookie writes, upgrades).
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ config: { clientDir: path.resolve('dist/client'), publicOrigin: base } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: chromiumPath() as string, args: CHROMIUM_ARGS });
  const closeApp = t.close.bind(t);
  return Object.assign(t, {
    base,
    browser,
    async close() {
      await browser.close();
      await closeApp();
    },
  });
}

const SHOTS = path.resolve('test-artifacts/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: number; help: string }[]> {
  const source = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  // evaluate() runs through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(source);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[]; help: string }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  })) as { violations: { id: string; impact: string; nodes: unknown[]; help: string }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
}

export type Language = 'ar' | 'en' | 'fr';
const LOCALES: Record<Language, string> = { ar: 'ar-MA', en: 'en-GB', fr: 'fr-FR' };

/** A new page whose interface language is chosen as a person's menu choice would store it. */
export async function pageIn(t: BrowserApp, lang: Language): Promise<Page> {
  const page = await t.browser.newPage({ locale: LOCALES[lang] });
  await page.goto(`${t.base}/`);
  await page.evaluate((l) => localStorage.setItem('tashawur.language', l), lang);
  return page;
}

/** Signs in through the form, then waits to land on `next`. */
export async function signIn(t: BrowserApp, page: Page, user: { email: string }, next: string): Promise<void> {
  await page.goto(`${t.base}/signin?next=${encodeURIComponent(next)}`);
  await page.locator('#signin-email').fill(user.email);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.locator('#signin-password').press('Enter');
  await page.waitForURL((url) => url.pathname === next);
}
