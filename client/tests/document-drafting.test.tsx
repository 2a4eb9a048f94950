/**
 * In happy-dom: the drafter's Open action with an optional closing time (refused in the past,
 * sent as closesAt otherwise), the document list's kind and status filters, and the version
 * note of the upload page.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentDto } from '../../shared/documents.ts';
import { DrafterActions } from '../src/features/documents/DrafterActions.tsx';
import DocumentsPage from '../src/features/documents/DocumentsPage.tsx';
import NewDocumentPage from '../src/features/documents/NewDocumentPage.tsx';
import { setLanguage, t } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';
import { fakeSession } from './helpers/fake-session.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function doc(id: string, patch: Partial<DocumentDto> = {}): DocumentDto {
  return {
    id,
    title: `Draft ${id}`,
    kind: 'law',
    status: 'draft',
    visibility: 'public',
    organizationId: 'o1',
    organizationName: 'Ministry of Justice',
    language: 'en',
    opensAt: null,
    closesAt: null,
    currentVersion: 1,
    can: { edit: true, comment: false, answer: true },
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...patch,
  };
}

/** A `datetime-local` value `minutes` from now, in local time. */
function localIn(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function type(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

let calls: { url: string; init?: RequestInit }[];
let container: HTMLDivElement;
let dispose: () => void;

const DRAFTER = fakeSession({ memberships: [{ organizationId: 'o1', role: 'member', organizationName: 'Ministry of Justice', organizationKind: 'government', approved: true }] });

function mount(path: string, route: string, component: () => unknown, session = fakeSession()) {
  container = document.createElement('div');
  document.body.append(container);
  const history = createMemoryHistory();
  history.set({ value: path });
  dispose = render(
    () => (
      <SessionProvider session={session}>
        <MemoryRouter history={history}>
          <Route path={route} component={component as never} />
          <Route path="/documents/:id" component={() => <p id="landed">landed</p>} />
        </MemoryRouter>
      </SessionProvider>
    ),
    container,
  );
}

beforeEach(() => {
  calls = [];
  setLanguage('en');
});
afterEach(() => {
  dispose();
  container.remove();
  vi.unstubAllGlobals();
  setLanguage('ar');
});

describe('the drafter’s Open action', () => {
  let updated: DocumentDto[];
  beforeEach(() => {
    updated = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(input), init });
        const body = JSON.parse(String(init?.body ?? '{}'));
        return json(200, { document: doc('d1', { status: 'open', closesAt: body.closesAt ?? null }) });
      }),
    );
    mount('/documents/d1', '/documents/:id', () => <DrafterActions document={doc('d1')} onUpdated={(d) => updated.push(d)} />);
  });

  const field = () => container.querySelector<HTMLInputElement>('#open-closes-at') as HTMLInputElement;
  const openButton = () => [...container.querySelectorAll('button')].find((b) => b.textContent?.includes(t('drafter.open'))) as HTMLButtonElement;

  it('offers an optional closing date and time in the future', () => {
    expect(field().type).toBe('datetime-local');
    expect(container.querySelector('label[for="open-closes-at"]')?.textContent).toBe(t('drafter.closesAt'));
    expect(field().min <= localIn(1)).toBe(true);
  });

  it('refuses a closing time in the past without calling the server', async () => {
    type(field(), localIn(-60));
    openButton().click();
    await vi.waitFor(() => expect(container.querySelector('#open-closes-at-error')?.textContent).toContain(t('drafter.closesAt.past')));
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
  });

  it('opens with closesAt when a future time is given', async () => {
    const local = localIn(60 * 24 * 7);
    type(field(), local);
    openButton().click();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].url).toBe('/api/documents/d1');
    expect(calls[0].init?.method).toBe('PATCH');
    const body = JSON.parse(String(calls[0].init?.body));
    expect(body).toEqual({ status: 'open', closesAt: new Date(local).toISOString() });
    await vi.waitFor(() => expect(updated[0]?.status).toBe('open'));
  });

  it('opens without a closing time when the field is left empty', async () => {
    openButton().click();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ status: 'open' });
  });
});

describe('the document list filters', () => {
  beforeEach(() => {
    const all = [doc('law1'), doc('plan1', { kind: 'action_plan', status: 'open' }), doc('law2', { status: 'closed' })];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(String(input), 'http://x');
        calls.push({ url: `${url.pathname}${url.search}` });
        const kind = url.searchParams.get('kind');
        const status = url.searchParams.get('status');
        return json(
          200,
          all.filter((d) => (!kind || d.kind === kind) && (!status || d.status === status)),
        );
      }),
    );
    mount('/documents', '/documents', DocumentsPage);
  });

  const titles = () => [...container.querySelectorAll('.card__title')].map((e) => e.textContent?.trim());

  it('lists every document, then only those of the chosen kind and status', async () => {
    await vi.waitFor(() => expect(titles()).toEqual(['Draft law1', 'Draft plan1', 'Draft law2']));
    type(container.querySelector('#filter-kind') as HTMLSelectElement, 'law');
    await vi.waitFor(() => expect(titles()).toEqual(['Draft law1', 'Draft law2']));
    expect(calls.at(-1)?.url).toBe('/api/documents?kind=law');
    type(container.querySelector('#filter-status') as HTMLSelectElement, 'closed');
    await vi.waitFor(() => expect(titles()).toEqual(['Draft law2']));
    expect(calls.at(-1)?.url).toBe('/api/documents?kind=law&status=closed');
    type(container.querySelector('#filter-kind') as HTMLSelectElement, '');
    await vi.waitFor(() => expect(calls.at(-1)?.url).toBe('/api/documents?status=closed'));
  });
});

describe('the upload page', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(input), init });
        if (String(input) === '/api/documents' && init?.method === 'POST') return json(201, { document: doc('new1'), version: { number: 1, note: '', publishedAt: '2026-11-01T00:00:00Z', blockCount: 2 } });
        return json(200, []);
      }),
    );
    mount('/documents/new', '/documents/new', NewDocumentPage, DRAFTER);
  });

  const create = async (note: string) => {
    type(container.querySelector('#doc-title') as HTMLInputElement, 'Draft law on shelters');
    const paste = container.querySelector('#doc-source-text') as HTMLTextAreaElement;
    paste.value = 'Article 1\nShelters are open to every victim.';
    paste.dispatchEvent(new Event('input', { bubbles: true }));
    type(container.querySelector('#doc-note') as HTMLInputElement, note);
    (container.querySelector('form.form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() => expect(calls.some((c) => c.init?.method === 'POST')).toBe(true));
    return JSON.parse(String(calls.find((c) => c.init?.method === 'POST')?.init?.body));
  };

  it('has a version note field, labelled and hinted', () => {
    expect(container.querySelector('label[for="doc-note"]')?.textContent).toBe(t('upload.note'));
    expect(container.querySelector('#doc-note-hint')?.textContent).toBe(t('upload.note.hint'));
  });

  it('sends the note with the new document', async () => {
    const body = await create('  First draft for consultation  ');
    expect(body).toMatchObject({ title: 'Draft law on shelters', note: 'First draft for consultation', source: { format: 'text' } });
  });

  it('sends no note when the field is left empty', async () => {
    const body = await create('');
    expect('note' in body).toBe(false);
  });
});
