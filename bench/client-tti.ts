/**
 * The web client on the 20,000-line draft in headless Chromium: time to interactive and the
 * number of line nodes in the DOM. The client is built into a scratch folder (Vite) and served
 * by the real app. Until the client ships a `/documents/:id` route, the figure is reported as
 * not yet measurable, with what the page does today.
 *
 * Time to interactive here = the later of (a) the first line of the draft in the DOM and (b) the
 * end of the last long task (≥ 50 ms) before a 500 ms quiet window — the Lighthouse idea,
 * measured from navigation start. Line nodes = elements carrying `data-block-id`, or (if the
 * client marks lines differently) elements holding a line's text, whichever is larger.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { onCleanup } from './lib/cleanup.ts';
import { outPath } from './lib/paths.ts';
import type { Row, Section } from './lib/report.ts';
import { startServer } from './lib/server-process.ts';
import { fmtBytes, fmtMs, fmtNum } from './lib/stats.ts';

export const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CLIENT_DIR = outPath('client');
/** Lines of the generated drafts (see drafts.ts). */
const LINE_TEXT = /^(Chapter \d+: .+|Article \d+|\d+\. .+ \(\d+\.\d+\.\d+\))$/;

export function documentRouteShipped(): boolean {
  const routes = fs.readFileSync('client/src/routes.tsx', 'utf8');
  return /path:\s*['"]\/documents\/:id['"]/.test(routes);
}

function buildClient(): number {
  const start = performance.now();
  execFileSync(
    process.execPath,
    [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--outDir', CLIENT_DIR, '--emptyOutDir', '--logLevel', 'error'],
    { stdio: 'inherit' },
  );
  return performance.now() - start;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Runs in the page before its own scripts (plain JavaScript: a function compiled by tsx would
 * carry esbuild's __name helper, which the page does not have). Records long tasks and when
 * the first line enters the DOM — by DOM insertions, since headless Chromium runs no animation
 * frames here, with a slower text scan for a client that does not mark lines with data-block-id.
 */
const PAGE_PROBE = `(() => {
  const bench = { longTasks: [], firstLine: null };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const re = new RegExp(${JSON.stringify(LINE_TEXT.source)});
  let observer = null;
  let scan = null;
  const found = () => {
    if (bench.firstLine === null) bench.firstLine = performance.now();
    observer.disconnect();
    clearInterval(scan);
  };
  observer = new MutationObserver(() => {
    if (document.querySelector('[data-block-id]')) found();
  });
  observer.observe(document, { childList: true, subtree: true });
  scan = setInterval(() => {
    if (!document.body) return;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (re.test((n.textContent || '').trim())) return found();
  }, 100);
})();`;

interface PageFigures {
  ttiMs: number | null;
  firstLineMs: number | null;
  lastLongTaskEnd: number;
  longTasks: number;
  fcpMs: number | null;
  loadMs: number;
  lineNodes: number;
  domNodes: number;
  heading: string;
  /** Everything the page fetched: path (ids elided), start and end (ms), bytes on the wire. */
  resources: { path: string; start: number; end: number; bytes: number }[];
  longTaskMs: number;
}

export async function measurePage(url: string): Promise<PageFigures> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const closeBrowser = onCleanup(() => browser.close());
  try {
    const page = await browser.newPage();
    await page.addInitScript(PAGE_PROBE);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const loadMs = Date.now() - started;
    await page
      .waitForFunction(() => (window as unknown as { __bench: { firstLine: number | null } }).__bench.firstLine !== null, null, { timeout: 15_000, polling: 50 })
      .catch(() => {});
    // Wait for a 500 ms window without long tasks (at most 20 s).
    await page
      .waitForFunction(
        () => {
          const b = (window as unknown as { __bench: { longTasks: [number, number][] } }).__bench;
          const last = b.longTasks.reduce((m, [s, d]) => Math.max(m, s + d), 0);
          return performance.now() - last > 500;
        },
        null,
        { timeout: 20_000, polling: 100 },
      )
      .catch(() => {});
    return await page
      .evaluate((source: string) => {
        const b = (window as unknown as { __bench: { longTasks: [number, number][]; firstLine: number | null } }).__bench;
        const re = new RegExp(source);
        const holders = new Set<Element>();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (re.test((n.textContent ?? '').trim()) && n.parentElement) holders.add(n.parentElement);
        const lastLongTaskEnd = b.longTasks.reduce((m, [s, d]) => Math.max(m, s + d), 0);
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
        return {
          ttiMs: b.firstLine === null ? null : Math.max(b.firstLine, lastLongTaskEnd),
          firstLineMs: b.firstLine,
          lastLongTaskEnd,
          longTasks: b.longTasks.length,
          fcpMs: fcp,
          loadMs: 0,
          lineNodes: Math.max(document.querySelectorAll('[data-block-id]').length, holders.size),
          domNodes: document.getElementsByTagName('*').length,
          heading: document.querySelector('h1')?.textContent ?? '',
          resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
            path: new URL(e.name).pathname.replace(/[A-Za-z0-9_-]{20,}/g, ':id'),
            start: Math.round(e.startTime),
            end: Math.round(e.responseEnd),
            bytes: e.transferSize,
          })),
          longTaskMs: b.longTasks.reduce((sum, [, d]) => sum + d, 0),
        };
      }, LINE_TEXT.source)
      .then((f) => ({ ...f, loadMs }));
  } finally {
    await closeBrowser();
  }
}

/** The page's timeline in words, and what in it stands out (the cause of a slow start). */
function explain(f: PageFigures): string {
  const assets = f.resources.filter((r) => !r.path.startsWith('/api/'));
  const api = f.resources.filter((r) => r.path.startsWith('/api/'));
  const documentAnswer = api.find((r) => /^\/api\/documents\/:id$/.test(r.path));
  const parts = [
    `shell: ${assets.length} files, ${fmtBytes(assets.reduce((s, r) => s + r.bytes, 0))}, last at ${fmtMs(Math.max(0, ...assets.map((r) => r.end)))}; FCP ${fmtMs(f.fcpMs ?? Number.NaN)}`,
    `API: ${api.map((r) => `${r.path} ${fmtMs(r.start)}→${fmtMs(r.end)} (${fmtBytes(r.bytes)})`).join(', ')}`,
    `first line in the DOM at ${fmtMs(f.firstLineMs ?? Number.NaN)}; ${f.longTasks} long tasks (${fmtMs(f.longTaskMs)} in all), the last ending at ${fmtMs(f.lastLongTaskEnd)}; ${fmtNum(f.domNodes)} DOM elements`,
  ];
  const findings: string[] = [];
  if (documentAnswer && documentAnswer.start > 300)
    findings.push(`the document request only starts at ${fmtMs(documentAnswer.start)} (after the shell and the requests before it)`);
  if (documentAnswer) findings.push(`the document answer takes ${fmtMs(documentAnswer.end - documentAnswer.start)} for ${fmtBytes(documentAnswer.bytes)}`);
  if (documentAnswer && f.firstLineMs !== null && f.firstLineMs - documentAnswer.end > 300) {
    findings.push(`${fmtMs(f.firstLineMs - documentAnswer.end)} pass between its arrival and the first line (client-side work: see the long tasks)`);
    const before = api.filter((r) => r !== documentAnswer && r.end > documentAnswer.end && r.end < (f.firstLineMs as number) && r.bytes > 100_000);
    if (before.length)
      findings.push(
        `the first line appears only after ${[...new Set(before.map((r) => r.path))].join(', ')} answered (last at ${fmtMs(Math.max(...before.map((r) => r.end)))}): the lines wait for it, or for the long tasks that render it`,
      );
  }
  const counts = new Map<string, number>();
  for (const r of api) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  for (const [path, n] of counts) if (n > 1) findings.push(`${path} is requested ${n} times`);
  for (const r of api.filter((x, k) => api.findIndex((y) => y.path === x.path) === k)) {
    if (r.bytes > 1024 * 1024 && r !== documentAnswer) findings.push(`${r.path} moves ${fmtBytes(r.bytes)} a time`);
  }
  if (f.domNodes > 10_000) findings.push(`${fmtNum(f.domNodes)} DOM elements: something is rendered for every thread or line instead of only what is on screen`);
  return `${parts.join('; ')}.${findings.length ? ` Where the time goes: ${findings.join('; ')}.` : ''}`;
}

export async function benchClient(input: { databaseUrl: string; documentId: string; lines: number }): Promise<Section> {
  const shipped = documentRouteShipped();
  const buildMs = buildClient();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startServer(input.databaseUrl, { entry: 'client', env: { PORT: String(port), PUBLIC_ORIGIN: origin, BENCH_CLIENT_DIR: CLIENT_DIR } });
  try {
    // Twice: the first visit fills the server's caches; the second is what a reader gets.
    await measurePage(`${origin}/documents/${input.documentId}`);
    const f = await measurePage(`${origin}/documents/${input.documentId}`);
    const timeline = explain(f);
    const today = `today /documents/:id shows "${f.heading.trim() || '(no heading)'}": FCP ${fmtMs(f.fcpMs ?? Number.NaN)}, load ${fmtMs(f.loadMs)}, ${fmtNum(f.domNodes)} DOM elements, ${f.longTasks} long tasks (client build ${fmtMs(buildMs)})`;
    const measurable = shipped && f.ttiMs !== null;
    const reason = shipped
      ? 'the /documents/:id route exists but no line of the draft appeared within 15 s'
      : 'client/src/routes.tsx has no /documents/:id route yet (the documents feature is a placeholder)';
    const rows: Row[] = [
      {
        figure: `client: time to interactive, ${fmtNum(input.lines)}-line draft (headless Chromium)`,
        ours: measurable ? `${fmtMs(f.ttiMs as number)} (first line ${fmtMs(f.firstLineMs as number)}, last long task end ${fmtMs(f.lastLongTaskEnd)})` : '–',
        baseline: '–',
        ratio: '–',
        target: '< 1.5 s',
        pass: measurable ? (f.ttiMs as number) < 1500 : null,
        note: measurable ? `second visit (server caches warm). ${timeline}` : `not yet measurable: ${reason}; ${today}`,
      },
      {
        figure: 'client: DOM line nodes for the draft',
        ours: measurable ? fmtNum(f.lineNodes) : '–',
        baseline: '–',
        ratio: '–',
        target: '< 2,000',
        pass: measurable ? f.lineNodes < 2000 : null,
        note: measurable ? `${fmtNum(f.domNodes)} DOM elements in all` : `not yet measurable: ${reason} (${fmtNum(f.lineNodes)} line nodes seen)`,
      },
    ];
    return { title: 'Web client', rows };
  } finally {
    await server.stop();
  }
}
