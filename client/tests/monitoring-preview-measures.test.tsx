/**
 * Bulk designation from the import preview of a new action plan, in happy-dom: after the
 * preview, the drafter asks for "every point under Article 2" to become measures with their
 * fields; creating the plan then calls POST /documents/:id/measures/bulk with the stored id of
 * that article, and the page goes to the plan's monitoring. Missing fields stop the creation;
 * a law offers no such choice.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParsedBlock } from '../../shared/documents.ts';
import NewDocumentPage from '../src/features/documents/NewDocumentPage.tsx';
import { linesInScope } from '../src/features/monitoring/PreviewMeasures.tsx';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const parsed: ParsedBlock[] = [
  { kind: 'title', label: null, path: 'title', text: 'Plan', dir: 'ltr' },
  { kind: 'article', label: 'Article 1', path: 'art_1', text: 'Article 1', dir: 'ltr' },
  { kind: 'point', label: '(a)', path: 'art_1__pnt_a', text: '(a) Train judges.', dir: 'ltr' },
  { kind: 'point', label: '(b)', path: 'art_1__pnt_b', text: '(b) Open a hotline.', dir: 'ltr' },
  { kind: 'article', label: 'Article 2', path: 'art_2', text: 'Article 2', dir: 'ltr' },
  { kind: 'point', label: '(a)', path: 'art_2__pnt_a', text: '(a) Open shelters.', dir: 'ltr' },
];
const me = {
  user: { id: 'u1', email: 'drafter@example.org', name: 'Dalia', isAdmin: false },
  memberships: [{ organizationId: 'gov1', role: 'member', organizationName: 'Ministry of Justice', organizationKind: 'government', approved: true }],
};

let calls: { url: string; method: string; body: unknown }[];
let history: ReturnType<typeof createMemoryHistory>;
let container: HTMLDivElement;
let dispose: () => void;

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (url === '/api/me') return json(200, me);
      if (url === '/api/documents/preview') return json(200, { blocks: parsed });
      if (url === '/api/documents' && method === 'POST') return json(201, { document: { id: 'd9' }, version: { number: 1 } });
      if (url === '/api/documents/d9') return json(200, { document: { id: 'd9' }, blocks: parsed.map((b, i) => ({ ...b, id: `b${i}`, ordinal: i })) });
      if (url === '/api/documents/d9/measures/bulk') return json(201, { created: [{ id: 'm1' }], skippedExisting: 0 });
      return json(404, { error: { code: 'not_found', message: 'Not found.' } });
    }),
  );
  setLanguage('en');
  container = document.createElement('div');
  document.body.append(container);
  history = createMemoryHistory();
  history.set({ value: '/documents/new' });
  dispose = render(
    () => (
      <SessionProvider>
        <MemoryRouter history={history}>
          <Route path="/documents/new" component={NewDocumentPage} />
          <Route path="/documents/:id/monitoring" component={() => <p id="monitoring-page">monitoring</p>} />
          <Route path="/documents/:id" component={() => <p id="document-page">document</p>} />
        </MemoryRouter>
      </SessionProvider>
    ),
    container,
  );
});

afterEach(() => {
  dispose();
  container.remove();
  vi.unstubAllGlobals();
});

const $ = <T extends Element>(selector: string) => container.querySelector(selector) as T;
function type(selector: string, value: string) {
  const el = $<HTMLInputElement | HTMLTextAreaElement>(selector);
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}
function choose(selector: string, value: string) {
  const el = $<HTMLSelectElement>(selector);
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}
const button = (text: string) => [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) as HTMLButtonElement;

async function fillAndPreview(kind: 'action_plan' | 'law') {
  await vi.waitFor(() => expect($('#doc-title')).not.toBeNull());
  type('#doc-title', 'National plan');
  $<HTMLInputElement>(`input[name="doc-kind"][value="${kind}"]`).click();
  type('#doc-source-text', parsed.map((b) => b.text).join('\n'));
  button(en['upload.preview']).click();
  await vi.waitFor(() => expect(calls.some((c) => c.url === '/api/documents/preview')).toBe(true));
}

describe('designating measures from the import preview', () => {
  it('designates every point under Article 2 once the plan is created, then opens its monitoring', async () => {
    await fillAndPreview('action_plan');
    await vi.waitFor(() => expect($('#preview-measures-enabled')).not.toBeNull());
    $<HTMLInputElement>('#preview-measures-enabled').click();
    await vi.waitFor(() => expect($('#preview-measures-kind')).not.toBeNull());
    expect([...$<HTMLSelectElement>('#preview-measures-kind').options].map((o) => o.value)).toEqual(['article', 'point']);
    expect($<HTMLSelectElement>('#preview-measures-kind').value).toBe('point');
    const matching = () => container.querySelector('.monitoring-preview-measures [role="status"]')?.textContent?.replace(/[\u2066-\u2069]/g, '');
    expect(matching()).toBe('Lines that will become measures: 3');
    choose('#preview-measures-under', 'art_2');
    expect(matching()).toBe('Lines that will become measures: 1');

    // Required fields first: nothing is created.
    button(en['upload.create']).click();
    await vi.waitFor(() => expect(container.textContent).toContain(en['monitoring.validation.responsible']));
    expect(calls.some((c) => c.url === '/api/documents' && c.method === 'POST')).toBe(false);

    type('#preview-measures-responsible', 'Ministry of Solidarity');
    type('#preview-measures-indicator', 'Shelters open');
    type('#preview-measures-deadline', '2027-06-30');
    button(en['upload.create']).click();
    await vi.waitFor(() => expect($('#monitoring-page')).not.toBeNull());
    const bulk = calls.find((c) => c.url === '/api/documents/d9/measures/bulk');
    expect(bulk?.method).toBe('POST');
    expect(bulk?.body).toEqual({ blockKind: 'point', underBlockId: 'b4', responsible: 'Ministry of Solidarity', indicator: 'Shelters open', deadline: '2027-06-30' });
  });

  it('offers nothing for a law and creates it as before', async () => {
    await fillAndPreview('law');
    await vi.waitFor(() => expect(container.querySelector('.preview')).not.toBeNull());
    expect($('#preview-measures-enabled')).toBeNull();
    button(en['upload.create']).click();
    await vi.waitFor(() => expect($('#document-page')).not.toBeNull());
    expect(calls.some((c) => c.url.endsWith('/measures/bulk'))).toBe(false);
  });

  it('scopes lines like the server: under a heading until the next one of its level', () => {
    expect(linesInScope(parsed, 'point', null).map((b) => b.path)).toEqual(['art_1__pnt_a', 'art_1__pnt_b', 'art_2__pnt_a']);
    expect(linesInScope(parsed, 'point', 'art_1').map((b) => b.path)).toEqual(['art_1__pnt_a', 'art_1__pnt_b']);
    expect(linesInScope(parsed, 'point', 'nowhere')).toEqual([]);
  });
});
