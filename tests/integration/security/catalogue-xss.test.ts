/**
 * SECURITY.md catalogue, XSS and output handling, server side: XSS-62 (the CSP of every HTML
 * route and error answer, and its reporting endpoint), XSS-63 (transport and caching headers on
 * GET, POST, 404, 413, 415, 429 and 500 answers), XSS-60 (hostile text stored in names, titles,
 * line text, rationales and hide reasons comes back byte-exact as JSON and escaped in every
 * export and report format) and the import half of XSS-58/59 (plain text is stored literally;
 * the Markdown importer keeps a link's words and drops its target and raw HTML tags).
 * The browser halves (XSS-57/58/59/60/62/66) are in tests/e2e/xss.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { httpCall, type ServerProcess, startServerProcess } from '../../helpers/processes.ts';
import { ADMIN_EMAIL, createOrganization, createTestApp, ORIGIN, PASSWORD, registerUser, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { createTestDatabase } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';
import { createPlan, designate, openPeriod, record } from '../monitoring/plan.ts';
import { csvRecords } from '../threads/report-files.ts';

/** One hostile string per field, tagged so a leak names its source. */
const P = (tag: string) => `${tag} <script>alert(1)</script><img src=x onerror=alert(1)>"><svg onload=alert(1)>&amp; ]]>`;
const RAW_MARKUP = /<script|<\/script|<img|<svg/i;
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let t: TestApp;
let w: World;
let clientDir: string;

beforeAll(async () => {
  // Any built client will do for headers: serveClient answers index.html for every page route.
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tashawur-xss-client-'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!DOCTYPE html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'assets', 'app.js'), 'export {};\n');
  t = await createTestApp({ config: { clientDir } });
  w = await createWorld(t);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

/** The directives of a policy; `effective` applies the default-src fallback where CSP has one. */
function parsePolicy(header: string | undefined) {
  const map = new Map<string, string[]>();
  for (const part of String(header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), values);
  }
  const FALLS_BACK = new Set(['script-src', 'script-src-elem', 'script-src-attr', 'object-src', 'style-src', 'img-src', 'connect-src', 'font-src', 'frame-src']);
  return { map, effective: (d: string) => map.get(d) ?? (FALLS_BACK.has(d) ? map.get('default-src') : undefined) };
}

function expectStrictPolicy(what: string, res: LightMyRequestResponse) {
  const header = res.headers['content-security-policy'] as string | undefined;
  expect(header, `${what} has a CSP`).toBeTruthy();
  // Exactly one policy: a second, looser header would be combined with it, never replace it.
  expect(Array.isArray(header), what).toBe(false);
  const { map, effective } = parsePolicy(header);
  expect([what, effective('object-src')]).toEqual([what, ["'none'"]]);
  expect([what, map.get('base-uri')]).toEqual([what, ["'none'"]]);
  expect([what, map.get('frame-ancestors')]).toEqual([what, ["'none'"]]);
  for (const d of ['script-src', 'script-src-elem', 'script-src-attr']) {
    const sources = effective(d) ?? [];
    expect([what, d, sources.length > 0]).toEqual([what, d, true]);
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'data:', 'http:', 'https:', 'blob:']) expect([what, d, sources.includes(bad)]).toEqual([what, d, false]);
    for (const source of sources) expect([what, d, source]).toEqual([what, d, expect.stringMatching(/^'(?:self|none|nonce-[A-Za-z0-9+/=_-]+|sha(?:256|384|512)-[A-Za-z0-9+/=]+)'$/)]);
  }
  // Violations go somewhere (report-uri; the browser test sees Chromium use it).
  expect([what, map.get('report-uri')]).toEqual([what, ['/api/csp-report']]);
}

/** An app built like createTestApp's, with one route that fails (a 500) and a login limit of 1/min (a 429). */
async function createFaultyApp() {
  const database = await createTestDatabase();
  const config = loadConfig({}, { publicOrigin: ORIGIN, logLevel: 'silent', adminEmails: new Set([ADMIN_EMAIL]), clientDir, rateLimits: { loginPerMinute: 1, registerPerHour: 1000 } });
  const built = await buildApp(config, database);
  built.app.get('/api/xss-test-failure', async () => {
    throw new Error('an unexpected failure');
  });
  await built.app.ready();
  return {
    app: built.app,
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}

async function cookieFor(app: TestApp, email: string) {
  const login = await app.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  return String(login.headers['set-cookie']).split(';')[0];
}

describe('XSS-62 CSP on every HTML route and error answer', () => {
  it('XSS-62 page routes, the API docs page, the HTML monitoring report and the 404/413/415/500 answers all carry one strict CSP: script-src without unsafe-inline, object-src, base-uri and frame-ancestors none, and a reporting endpoint', async () => {
    const docId = await createDocument(t, w, { open: true });
    const plan = await createPlan(t, w);
    const m = await designate(t, w.drafter, plan.id, plan.points[0].id);
    const period = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    await record(t, w.drafter, m.id, period.id, 'in_progress', 40);
    const answers: [string, LightMyRequestResponse][] = [];
    for (const url of ['/', '/documents', `/documents/${docId}`, `/documents/${docId}/queue`, `/documents/${docId}/report`, `/documents/${plan.id}/monitoring`, '/admin', '/signin?next=%2F%2Fevil.example', '/no/such/page', '/api/docs', '/assets/app.js']) {
      answers.push([`GET ${url}`, await t.app.inject({ method: 'GET', url })]);
    }
    const report = await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/report?format=html`);
    expect(report.headers['content-type']).toBe('text/html; charset=utf-8');
    answers.push(['HTML monitoring report', report]);
    answers.push(['404', await t.call('GET', '/api/nowhere')]);
    answers.push(['413', await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } })]);
    answers.push(['415', await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: '<html>', headers: { 'content-type': 'text/html' } })]);
    const faulty = await createFaultyApp();
    try {
      answers.push(['500', await faulty.app.inject({ method: 'GET', url: '/api/xss-test-failure' })]);
    } finally {
      await faulty.close();
    }
    expect(answers.map(([what, res]) => [what, res.statusCode])).toEqual([
      ...['/', '/documents', `/documents/${docId}`, `/documents/${docId}/queue`, `/documents/${docId}/report`, `/documents/${plan.id}/monitoring`, '/admin', '/signin?next=%2F%2Fevil.example', '/no/such/page', '/api/docs', '/assets/app.js'].map((u) => [`GET ${u}`, 200]),
      ['HTML monitoring report', 200],
      ['404', 404],
      ['413', 413],
      ['415', 415],
      ['500', 500],
    ]);
    for (const [what, res] of answers) expectStrictPolicy(what, res);
  });

  it('XSS-62 the reporting endpoint takes report-uri (application/csp-report) and Reporting API (application/reports+json) bodies with 204, refuses bodies over 16 KiB with 413 and broken JSON or non-reports with 400, and its content types stay 415 elsewhere', async () => {
    const send = (type: string, body: string, url = '/api/csp-report') => t.app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
    const legacy = JSON.stringify({ 'csp-report': { 'document-uri': `${ORIGIN}/documents/x`, 'violated-directive': 'script-src-elem', 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline', 'original-policy': "script-src 'self'" } });
    const modern = JSON.stringify([{ type: 'csp-violation', age: 0, url: `${ORIGIN}/`, user_agent: 'x', body: { documentURL: `${ORIGIN}/`, effectiveDirective: 'script-src-elem', blockedURL: 'inline', disposition: 'enforce' } }]);
    expect((await send('application/csp-report', legacy)).statusCode).toBe(204);
    expect((await send('application/csp-report; charset=utf-8', legacy)).statusCode).toBe(204);
    expect((await send('application/reports+json', modern)).statusCode).toBe(204);
    expect((await send('application/json', legacy)).statusCode).toBe(204);
    const huge = await send('application/csp-report', JSON.stringify({ 'csp-report': { 'script-sample': 'x'.repeat(17 * 1024) } }));
    expect(huge.statusCode).toBe(413);
    expect((await send('application/csp-report', '{"csp-report": ')).statusCode).toBe(400);
    // Anything that is not a report is refused, not silently taken.
    for (const notAReport of ['{}', '{"csp-report": "x"}', '[]', '[1]', '"text"']) expect([notAReport, (await send('application/csp-report', notAReport)).statusCode]).toEqual([notAReport, 400]);
    expect((await send('application/reports+json', JSON.stringify([{ type: 'deprecation', body: {} }]))).statusCode).toBe(204);
    // The report parsers are the endpoint's own: other routes still take JSON only.
    expect((await send('application/csp-report', JSON.stringify({ email: 'a@b.co', password: PASSWORD, name: 'x' }), '/api/auth/register')).statusCode).toBe(415);
    expect((await send('application/reports+json', '[]', '/api/organizations')).statusCode).toBe(415);
  });

  describe('XSS-62 report logging', () => {
    let server: ServerProcess;
    let closeDb: () => Promise<void>;
    beforeAll(async () => {
      const db = await createTestDatabase();
      closeDb = () => db.close();
      server = await startServerProcess(db.url as string, { LOG_LEVEL: 'warn' });
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
      await closeDb?.();
    });

    it('XSS-62 a reported violation is logged as a warning naming its directive only: no page URL, blocked URL, sample or policy from the report reaches the log', async () => {
      const secrets = ['XSS62-EMBARGOED-PAGE', 'XSS62-BLOCKED-URL', 'XSS62-SCRIPT-SAMPLE', 'XSS62-REFERRER', 'XSS62-POLICY'];
      const legacy = {
        'csp-report': {
          'document-uri': `${ORIGIN}/documents/${secrets[0]}`,
          'blocked-uri': `https://evil.example/${secrets[1]}`,
          'script-sample': secrets[2],
          referrer: secrets[3],
          'original-policy': secrets[4],
          'violated-directive': 'script-src-elem',
          'effective-directive': 'script-src-elem',
        },
      };
      const modern = [{ type: 'csp-violation', url: `${ORIGIN}/${secrets[0]}`, body: { documentURL: secrets[0], blockedURL: secrets[1], sample: secrets[2], referrer: secrets[3], originalPolicy: secrets[4], effectiveDirective: 'object-src' } }];
      const a = await httpCall(server.base, 'POST', '/api/csp-report', { headers: { 'content-type': 'application/csp-report' }, body: undefined });
      expect(a.status).toBe(400); // an empty body is not a report
      const b = await fetch(`${server.base}/api/csp-report`, { method: 'POST', headers: { 'content-type': 'application/csp-report' }, body: JSON.stringify(legacy) });
      const c = await fetch(`${server.base}/api/csp-report`, { method: 'POST', headers: { 'content-type': 'application/reports+json' }, body: JSON.stringify(modern) });
      expect([b.status, c.status]).toEqual([204, 204]);
      const deadline = Date.now() + 10_000;
      while (!/object-src/.test(server.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const lines = server.output().split('\n').filter((l) => l.includes('content security policy violation'));
      expect(lines.map((l) => [JSON.parse(l).level, JSON.parse(l).cspViolation])).toEqual([
        [40, 'script-src-elem'],
        [40, 'object-src'],
      ]);
      for (const secret of secrets) expect([secret, server.output().includes(secret)]).toEqual([secret, false]);
    }, 60_000);
  });
});

describe('XSS-63 headers on every response, error paths included', () => {
  it('XSS-63 GET, POST, 404, 413, 415, 429 and 500 answers carry HSTS ≥ 1 year with includeSubDomains, nosniff, Referrer-Policy no-referrer and COOP same-origin', async () => {
    const docId = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, docId);
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    const faulty = await createFaultyApp();
    const answers: [string, LightMyRequestResponse][] = [];
    try {
      answers.push(['GET draft page', await t.app.inject({ method: 'GET', url: `/documents/${docId}` })]);
      answers.push(['GET /api/documents/:id', await t.call('GET', `/api/documents/${docId}`, { token: w.ngo.token })]);
      answers.push(['GET /api/documents (public)', await t.call('GET', '/api/documents')]);
      answers.push(['POST thread', await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'headers', visibility: 'public', attribution: 'named' } })]);
      answers.push(['POST login', await t.call('POST', '/api/auth/login', { body: { email: w.ngo.email, password: PASSWORD } })]);
      answers.push(['404', await t.call('GET', '/api/nowhere')]);
      answers.push(['413', await t.app.inject({ method: 'POST', url: '/api/auth/register', payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } })]);
      answers.push(['415', await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })]);
      const someone = await faulty.app.inject({ method: 'POST', url: '/api/auth/register', payload: JSON.stringify({ email: 'limit@tashawur.test', password: PASSWORD, name: 'Limit' }), headers: { 'content-type': 'application/json' } });
      expect(someone.statusCode).toBe(201);
      const login = () => faulty.app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ email: 'limit@tashawur.test', password: PASSWORD }), headers: { 'content-type': 'application/json' } });
      expect((await login()).statusCode).toBe(200);
      answers.push(['429', await login()]);
      answers.push(['500', await faulty.app.inject({ method: 'GET', url: '/api/xss-test-failure' })]);
    } finally {
      await faulty.close();
    }
    expect(answers.map(([what, res]) => [what, res.statusCode])).toEqual([
      ['GET draft page', 200],
      ['GET /api/documents/:id', 200],
      ['GET /api/documents (public)', 200],
      ['POST thread', 201],
      ['POST login', 200],
      ['404', 404],
      ['413', 413],
      ['415', 415],
      ['429', 429],
      ['500', 500],
    ]);
    for (const [what, res] of answers) {
      const hsts = String(res.headers['strict-transport-security']);
      expect([what, Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0) >= 31_536_000, /;\s*includeSubDomains/i.test(hsts)]).toEqual([what, true, true]);
      expect([what, res.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
      expect([what, res.headers['referrer-policy']]).toEqual([what, 'no-referrer']);
      expect([what, res.headers['cross-origin-opener-policy']]).toEqual([what, 'same-origin']);
    }
  });

  it('XSS-63 every signed-in JSON answer (bearer or cookie), including the ETag-revalidated document and thread lists, exports and reports, is Cache-Control no-store', async () => {
    const docId = await createDocument(t, w, { open: true, visibility: 'invited', invited: [w.ngoId] });
    const cookie = await cookieFor(t, w.ngo.email);
    const signedIn: [string, LightMyRequestResponse][] = [];
    for (const [what, url] of [
      ['me', '/api/me'],
      ['documents', '/api/documents'],
      ['document', `/api/documents/${docId}`],
      ['threads', `/api/documents/${docId}/threads`],
      ['versions', `/api/documents/${docId}/versions`],
      ['organizations', '/api/organizations'],
      ['report json', `/api/documents/${docId}/report?format=json`],
      ['report csv', `/api/documents/${docId}/report?format=csv`],
      ['export akn', `/api/documents/${docId}/versions/1/export?format=akn`],
      ['not found', `/api/documents/nope`],
    ]) {
      signedIn.push([`bearer ${what}`, await t.call('GET', url, { token: w.ngo.token })]);
      signedIn.push([`cookie ${what}`, await t.call('GET', url, { headers: { cookie } })]);
    }
    signedIn.push(['admin accounts', await t.call('GET', '/api/admin/accounts', { token: w.admin.token })]);
    for (const [what, res] of signedIn) {
      expect([what, res.statusCode < 500]).toEqual([what, true]);
      // "private, no-store" on the ETag routes: the ETag still answers a script's If-None-Match,
      // but no cache, shared or private, keeps an answer that may hold embargoed text.
      expect([what, String(res.headers['cache-control']).split(/,\s*/)]).toEqual([what, expect.arrayContaining(['no-store'])]);
      expect([what, /\bpublic\b/.test(String(res.headers['cache-control']))]).toEqual([what, false]);
    }
    // A signed-out reader of a public draft may be served from a cache, but only after revalidation.
    const open = await createDocument(t, w, { open: true });
    const anonymous = await t.call('GET', `/api/documents/${open}`);
    expect(anonymous.headers['cache-control']).toBe('public, no-cache');
    expect(anonymous.headers.vary).toMatch(/authorization/);
    expect(anonymous.headers.vary).toMatch(/cookie/);
  });
});

describe('XSS-60 hostile text in fields other than the comment body', () => {
  let drafter: TestUser;
  let author: TestUser;
  let docId: string;
  let threadId: string;
  let planId: string;
  let periodId: string;

  beforeAll(async () => {
    drafter = await registerUser(t, { name: P('DRAFTER') });
    author = await registerUser(t, { name: P('NAME') });
    const ministry = await createOrganization(t, drafter, 'government', w.admin, P('MINISTRY'));
    await createOrganization(t, author, 'ngo', w.admin, P('ORG'));
    const hostileWorld = { ...w, drafter, ministryId: ministry };
    docId = await createDocument(t, hostileWorld, { title: P('TITLE'), text: `Article 1\n${P('LINE')}\nArticle 2\nThe State shall provide shelter.\n`, open: true });
    const line = (await blocksOf(t, docId)).find((b) => b.text.startsWith('LINE')) as { id: string; text: string };
    const anchor = { start: { blockId: line.id, offset: 0 }, end: { blockId: line.id, offset: line.text.length } };
    const created = await t.call('POST', `/api/documents/${docId}/threads`, { token: author.token, body: { anchor, kind: 'comment', body: P('BODY'), visibility: 'public', attribution: 'named' } });
    expect(created.statusCode, created.body).toBe(201);
    threadId = created.json().thread.id;
    const disposed = await t.call('POST', `/api/threads/${threadId}/disposition`, { token: drafter.token, body: { value: 'rejected', rationale: P('RATIONALE') } });
    expect(disposed.statusCode, disposed.body).toBe(200);
    const second = await t.call('POST', `/api/documents/${docId}/threads`, { token: author.token, body: { anchor, kind: 'comment', body: 'to be hidden', visibility: 'public', attribution: 'named' } });
    const hidden = await t.call('POST', `/api/comments/${second.json().thread.comments[0].id}/hide`, { token: w.admin.token, body: { reason: P('REASON') } });
    expect(hidden.statusCode, hidden.body).toBe(200);

    const plan = await createPlan(t, hostileWorld, { title: P('PLAN'), text: `Action plan\nArticle 1\nThe State shall:\n(a) ${P('MEASURE')}\n(b) Open shelters.\n` });
    planId = plan.id;
    const measure = await designate(t, drafter, plan.id, plan.points[0].id, { responsible: P('RESPONSIBLE'), indicator: P('INDICATOR') });
    periodId = (await openPeriod(t, drafter, plan.id, P('PERIOD'), '2026-01-01', '2026-06-30')).id;
    await record(t, drafter, measure.id, periodId, 'in_progress', 40, { evidence: P('EVIDENCE'), impact: P('IMPACT') });
  });

  const jsonOf = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    return res.json();
  };

  it('XSS-60 display names, organisation names, draft title, line text, rationale and hide reason come back byte-exact as application/json (nosniff), to readers and to the admin pages', async () => {
    expect(jsonOf(await t.call('GET', '/api/me', { token: author.token })).user.name).toBe(P('NAME'));
    const orgs = jsonOf(await t.call('GET', '/api/organizations', { token: author.token })) as { name: string }[];
    expect(orgs.map((o) => o.name)).toEqual(expect.arrayContaining([P('ORG'), P('MINISTRY')]));
    const doc = jsonOf(await t.call('GET', `/api/documents/${docId}`));
    expect(doc.document.title).toBe(P('TITLE'));
    expect(doc.blocks.map((b: { text: string }) => b.text)).toContain(P('LINE'));
    const listed = jsonOf(await t.call('GET', '/api/documents')) as { title: string }[];
    expect(listed.map((d) => d.title)).toContain(P('TITLE'));
    const threads = jsonOf(await t.call('GET', `/api/documents/${docId}/threads`));
    const thread = threads.find((x: { id: string }) => x.id === threadId);
    expect(thread.quote).toBe(P('LINE'));
    expect(thread.comments[0].body).toBe(P('BODY'));
    expect(thread.author.name).toBe(P('NAME'));
    expect(thread.author.organization.name).toBe(P('ORG'));
    expect(thread.disposition.rationale).toBe(P('RATIONALE'));
    expect(threads.flatMap((x: { comments: { hiddenReason?: string }[] }) => x.comments.map((c) => c.hiddenReason)).filter(Boolean)).toEqual([P('REASON')]);
    const accounts = JSON.stringify(jsonOf(await t.call('GET', '/api/admin/accounts', { token: w.admin.token })));
    expect(accounts).toContain(JSON.stringify(P('NAME')).slice(1, -1));
    const measures = jsonOf(await t.call('GET', `/api/documents/${planId}/measures`, { token: drafter.token }));
    expect(measures[0]).toMatchObject({ responsible: P('RESPONSIBLE'), indicator: P('INDICATOR') });
  });

  it('XSS-60 the Akoma Ntoso export is well-formed XML with every < escaped; Markdown escapes the markup; Word parts carry it as escaped text only', async () => {
    const base = `/api/documents/${docId}/versions/1/export?format=`;
    const akn = await t.call('GET', `${base}akn`);
    expect(akn.statusCode).toBe(200);
    expect(akn.headers['content-type']).toBe('application/akn+xml; charset=utf-8');
    expect(XMLValidator.validate(akn.body)).toBe(true);
    expect(akn.body).not.toMatch(RAW_MARKUP);
    expect(akn.body).toContain(xmlText(P('LINE')));
    expect(akn.body).toContain(`showAs="${html(P('MINISTRY'))}"`); // in an attribute, quotes are escaped too

    const md = await t.call('GET', `${base}md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    // Every tag opener is backslash-escaped, so a Markdown viewer shows it as text.
    expect(md.body).not.toMatch(/(?<!\\)<(?:script|\/script|img|svg)/i);
    expect(md.body).toContain('LINE \\<script>alert(1)\\</script>\\<img src=x onerror=alert(1)>">\\<svg onload=alert(1)>');

    const docx = await t.app.inject({ method: 'GET', url: `${base}docx` });
    expect(docx.statusCode).toBe(200);
    const parts = await xmlParts(docx.rawPayload);
    expect(parts.join('')).toContain(xmlText('LINE <script>alert(1)</script>'));
  });

  it('XSS-60 the comment-response report: JSON byte-exact, CSV quoted so each cell parses back to the exact text, Word escaped', async () => {
    const json = jsonOf(await t.call('GET', `/api/documents/${docId}/report?format=json`, { token: drafter.token }));
    const row = json.rows.find((r: { threadId: string }) => r.threadId === threadId);
    expect(row).toMatchObject({ quote: P('LINE'), comment: P('BODY'), rationale: P('RATIONALE'), who: `${P('NAME')} (${P('ORG')})` });

    const csv = await t.call('GET', `/api/documents/${docId}/report?format=csv`, { token: drafter.token });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv;/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment;/);
    const cells = csvRecords(csv.body).flat();
    for (const expected of [P('LINE'), P('BODY'), P('RATIONALE'), `${P('NAME')} (${P('ORG')})`]) expect(cells).toContain(expected);

    const docx = await t.app.inject({ method: 'GET', url: `/api/documents/${docId}/report?format=docx`, headers: { authorization: `Bearer ${drafter.token}` } });
    expect(docx.statusCode).toBe(200);
    const all = (await xmlParts(docx.rawPayload)).join('');
    expect(all).toContain(xmlText('BODY <script>alert(1)</script>'));
    expect(all).toContain(xmlText('RATIONALE <script>alert(1)</script>'));
  });

  it('XSS-60 the HTML monitoring report escapes the plan title, measure line, responsible body, indicator, period label and evidence (no raw <script>, <img> or <svg>); its JSON is byte-exact and its Word file escaped', async () => {
    const url = `/api/documents/${planId}/periods/${periodId}/report?format=`;
    const page = await t.call('GET', `${url}html`, { token: drafter.token });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toMatch(RAW_MARKUP);
    for (const tag of ['PLAN', 'MEASURE', 'RESPONSIBLE', 'PERIOD', 'EVIDENCE']) expect([tag, page.body.includes(html(P(tag)))]).toEqual([tag, true]);

    const json = jsonOf(await t.call('GET', `${url}json`, { token: drafter.token }));
    expect(json.document.title).toBe(P('PLAN'));
    expect(json.period.label).toBe(P('PERIOD'));
    expect(json.measures[0].government.evidence).toBe(P('EVIDENCE'));

    const docx = await t.app.inject({ method: 'GET', url: `${url}docx`, headers: { authorization: `Bearer ${drafter.token}` } });
    expect(docx.statusCode).toBe(200);
    expect((await xmlParts(docx.rawPayload)).join('')).toContain(xmlText('EVIDENCE <script>alert(1)</script>'));
  });

  it('XSS-60 error answers that echo attacker-chosen input (an unknown field, a bad per_page, a hostile path) are application/json with nosniff, never HTML', async () => {
    const answers = [
      await t.call('POST', '/api/organizations', { token: author.token, body: { name: 'x', kind: 'ngo', country: 'MA', [P('FIELD')]: 1 } }),
      await t.call('GET', `/api/documents?status=${encodeURIComponent(P('STATUS'))}`),
      await t.call('GET', `/api/documents/${docId}/threads?per_page=${encodeURIComponent(P('PER_PAGE'))}`),
      await t.call('GET', `/api/${encodeURIComponent(P('PATH'))}`),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });
});

describe('XSS-58/59 import half: draft text is never turned into markup', () => {
  it('XSS-58/59 a plain-text draft stores link syntax and raw HTML literally; the Markdown importer keeps a link’s words and drops its javascript:/data:/vbscript: target and raw HTML tags', async () => {
    const lines = ['[x](javascript:alert(1))', '[y](data:text/html,<script>alert(1)</script>)', '[z](vbscript:msgbox(1))', '<a href=javascript:alert(1)>click</a>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'];
    const text = await createDocument(t, w, { text: `Article 1\n${lines.join('\n')}\n` });
    const stored = (await blocksOf(t, text, w.drafter.token)).map((b) => b.text);
    for (const line of lines) expect(stored).toContain(line);

    const markdown = await createDocument(t, w, { format: 'markdown', text: `# Draft\n\nArticle 1\n\n${lines.join('\n\n')}\n` });
    const imported = (await blocksOf(t, markdown, w.drafter.token)).map((b) => b.text).join('\n');
    expect(imported).toContain('x');
    expect(imported).toContain('click');
    // What is left of the <iframe> line is stored (and later shown) as plain text like any other.
    expect(imported).not.toMatch(/javascript:|data:text|vbscript:|<a\b|<script/i);
  });
});

async function xmlParts(raw: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(raw);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = (await zip.file(name)?.async('string')) ?? '';
    expect([name, XMLValidator.validate(text)]).toEqual([name, true]);
    expect([name, RAW_MARKUP.test(text)]).toEqual([name, false]);
    parts.push(text);
  }
  return parts;
}

