/**
 * The drafters' queue from the keyboard: j and k move between threads, a/p/r/n/x open the answer
 * form with each of the five dispositions (never while typing in a field), saving an answer
 * gives the focus to the next thread, and the "applied in" fields send the version and the
 * block ids of the lines typed (checked against that version's lines; the server's 422 shown).
 * The API is a fake fetch that records the dispositions posted; the channel a fake.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DispositionBody, ThreadDto } from '../../shared/threads.ts';
import QueuePage from '../src/features/documents/QueuePage.tsx';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';
import type { ChannelHandlers } from '../src/state/realtime.ts';
import { SessionProvider } from '../src/state/session.ts';
import { fakeSession } from './helpers/fake-session.ts';
import { threadDto } from './helpers/thread-dto.ts';

vi.mock('../src/state/realtime.ts', () => ({
  openChannel: (_documentId: string, handlers: ChannelHandlers) => {
    handlers.onStatus('live');
    return { close: () => {}, presence: () => {} };
  },
}));

const json = (body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) =>
  new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { 'content-type': 'application/json', ...init.headers } });
const line = (prefix: string, i: number) => ({ id: `${prefix}${i}`, ordinal: i, kind: i === 0 ? 'article' : 'paragraph', label: i === 0 ? 'Article 1' : null, path: `p${i}`, text: `Line ${i + 1} of ${prefix}.`, dir: 'ltr' });
/** Version 2 (current) has lines b0–b3; version 1 had lines a0–a4. */
const blocks = [0, 1, 2, 3].map((i) => line('b', i));
const oldBlocks = [0, 1, 2, 3, 4].map((i) => line('a', i));
const document_ = { id: 'd1', title: 'Draft', kind: 'law', status: 'open', visibility: 'public', organizationId: 'o-gov', organizationName: 'Ministry', language: 'en', currentVersion: 2, can: { edit: true, comment: false, answer: true } };
const threads = ['T0', 'T1', 'T2'].map((id, i) => threadDto(id, { blockId: `b${i}` }));

describe('the drafters’ queue, from the keyboard', () => {
  let container: HTMLDivElement;
  let dispose: () => void;
  let posted: Array<{ threadId: string; body: DispositionBody }>;
  let answerWith: ((body: DispositionBody) => Response) | null;

  beforeEach(async () => {
    setLanguage('en');
    posted = [];
    answerWith = null;
    vi.stubGlobal('WebSocket', class {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (url === '/api/documents/d1') return json({ document: document_, blocks });
        if (url === '/api/documents/d1?version=1') return json({ document: document_, blocks: oldBlocks });
        if (url === '/api/documents/d1/threads') return json(threads, { headers: { 'x-document-seq': '10' } });
        const disposition = /^\/api\/threads\/(\w+)\/disposition$/.exec(url);
        if (disposition && init?.method === 'POST') {
          const body = JSON.parse(String(init.body)) as DispositionBody;
          posted.push({ threadId: disposition[1], body });
          if (answerWith) return answerWith(body);
          const thread = threads.find((t) => t.id === disposition[1]) as ThreadDto;
          const answer = { value: body.value, rationale: body.rationale ?? null, by: { name: 'Drafter' }, at: '2026-01-02T00:00:00Z', appliedVersion: body.appliedVersion ?? null, appliedBlockIds: body.appliedBlockIds ?? [] };
          return json({ thread: { ...thread, disposition: answer } });
        }
        return json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 });
      }),
    );
    container = document.createElement('div');
    document.body.append(container);
    const history = createMemoryHistory();
    history.set({ value: '/documents/d1/queue' });
    dispose = render(
      () => (
        <SessionProvider session={fakeSession()}>
          <MemoryRouter history={history}>
            <Route path="/documents/:id/queue" component={QueuePage} />
          </MemoryRouter>
        </SessionProvider>
      ),
      container,
    );
    await vi.waitFor(() => expect(container.querySelector('#thread-T2')).not.toBeNull());
  });

  afterEach(() => {
    dispose();
    container.remove();
    vi.unstubAllGlobals();
  });

  const press = (key: string, target: Element = document.activeElement ?? document.body) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  };
  const focusedThread = () => (document.activeElement as HTMLElement | null)?.closest('.thread')?.id ?? document.activeElement?.id;
  const currentThread = () => container.querySelector('.queue-item--current .thread')?.id;
  const dispositionOf = (threadId: string) => (container.querySelector(`#dispose-${threadId}-value`) as HTMLSelectElement | null)?.value;
  const setValue = (field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) => {
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  };
  const submit = (threadId: string) => {
    const form = container.querySelector(`#dispose-${threadId}-value`)?.closest('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  };
  const field = <T extends HTMLElement>(id: string) => container.querySelector(`#${id}`) as T;

  it('moves between threads with j and k, and stops at both ends', async () => {
    press('j', document.body);
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T1'));
    expect(currentThread()).toBe('thread-T1');
    press('j');
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T2'));
    press('j');
    await vi.waitFor(() => expect(currentThread()).toBe('thread-T2'));
    press('k');
    press('k');
    press('k');
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T0'));
    expect(currentThread()).toBe('thread-T0');
  });

  it.each([
    ['a', 'accepted'],
    ['p', 'partially_accepted'],
    ['r', 'rejected'],
    ['n', 'noted'],
    ['x', 'not_applicable'],
  ])('opens the answer form on the current thread with %s as %s', async (key, value) => {
    press('j', document.body);
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T1'));
    expect(press(key).defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('dispose-T1-rationale');
    // What the form sends tells the disposition (happy-dom's select does not always show it).
    setValue(field<HTMLTextAreaElement>('dispose-T1-rationale'), 'Because');
    submit('T1');
    await vi.waitFor(() => expect(posted).toEqual([{ threadId: 'T1', body: { value, rationale: 'Because' } }]));
  });

  it('never takes a key typed in a field as a shortcut', async () => {
    press('p', document.body);
    expect(dispositionOf('T0')).toBe('partially_accepted');
    const rationale = field<HTMLTextAreaElement>('dispose-T0-rationale');
    for (const key of ['x', 'a', 'j', 'k', '?']) expect(press(key, rationale).defaultPrevented).toBe(false);
    expect(dispositionOf('T0')).toBe('partially_accepted');
    expect(container.querySelector('#dispose-T1-value')).toBeNull();
    expect(container.querySelector('dialog')?.open).toBe(false);
    expect(press('a', field('dispose-T0-value')).defaultPrevented).toBe(false);
    expect(press('j', field('queue-status')).defaultPrevented).toBe(false);
    expect(currentThread()).toBe('thread-T0');
  });

  it('names every disposition key on the answer buttons and in the shortcuts help', () => {
    const answer = container.querySelector('.queue-item .actions button') as HTMLButtonElement;
    expect(answer.getAttribute('aria-keyshortcuts')).toBe('a p r n x');
    press('?', document.body);
    const help = container.querySelector('dialog')?.textContent ?? '';
    for (const label of ['queue.shortcut.accept', 'queue.shortcut.partial', 'queue.shortcut.reject', 'queue.shortcut.note', 'queue.shortcut.notApplicable'] as const) expect(help).toContain(en[label]);
    const keys = [...(container.querySelectorAll('dialog kbd') ?? [])].map((kbd) => kbd.textContent);
    expect(keys).toEqual(['j', 'k', 'a', 'p', 'r', 'n', 'x', '?']);
  });

  it('gives the focus to the next thread once an answer is saved', async () => {
    press('x', document.body);
    setValue(field<HTMLTextAreaElement>('dispose-T0-rationale'), 'Outside the scope of this law');
    submit('T0');
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T1'));
    expect(posted).toEqual([{ threadId: 'T0', body: { value: 'not_applicable', rationale: 'Outside the scope of this law' } }]);
    expect(container.querySelector('#dispose-T0-value')).toBeNull();
    expect(currentThread()).toBe('thread-T1');
    // And on from there: answer T1 with the keyboard, the focus goes to T2.
    press('a');
    submit('T1');
    await vi.waitFor(() => expect(focusedThread()).toBe('thread-T2'));
    expect(posted.map((p) => [p.threadId, p.body.value])).toEqual([
      ['T0', 'not_applicable'],
      ['T1', 'accepted'],
    ]);
  });

  it('shows the applied-in fields only for an accepted or partially accepted comment', () => {
    press('a', document.body);
    expect(container.querySelector('#dispose-T0-applied-version')).not.toBeNull();
    setValue(field<HTMLSelectElement>('dispose-T0-value'), 'rejected');
    expect(container.querySelector('#dispose-T0-applied-version')).toBeNull();
    setValue(field<HTMLSelectElement>('dispose-T0-value'), 'partially_accepted');
    expect(container.querySelector('#dispose-T0-applied-version')).not.toBeNull();
  });

  it('sends the block ids of the lines typed, in the version chosen', async () => {
    press('a', document.body);
    const version = field<HTMLSelectElement>('dispose-T0-applied-version');
    expect([...version.options].map((o) => o.value)).toEqual(['', '2', '1']);
    setValue(version, '1');
    const lines = field<HTMLInputElement>('dispose-T0-applied-lines');
    setValue(lines, '2, 4-5');
    await vi.waitFor(() => expect(container.querySelectorAll('.applied-in__lines li')).toHaveLength(3));
    expect(container.querySelector('.applied-in__lines li')?.textContent).toContain('Line 2');
    submit('T0');
    await vi.waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].body).toEqual({ value: 'accepted', appliedVersion: 1, appliedBlockIds: ['a1', 'a3', 'a4'] });
  });

  it('checks the lines against the chosen version before sending, and shows the server’s 422', async () => {
    press('p', document.body);
    setValue(field<HTMLTextAreaElement>('dispose-T0-rationale'), 'In part');
    setValue(field<HTMLSelectElement>('dispose-T0-applied-version'), '2');
    const lines = field<HTMLInputElement>('dispose-T0-applied-lines');
    setValue(lines, '1, 5');
    await vi.waitFor(() => expect(container.querySelector('.applied-in')?.textContent).not.toContain(en['common.loading']));
    submit('T0');
    await vi.waitFor(() => expect(container.textContent).toContain('Version 2 has no line 5.'));
    expect(lines.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(container.querySelector('#dispose-T0-applied-lines'));
    expect(posted).toEqual([]);

    setValue(container.querySelector('#dispose-T0-applied-lines') as HTMLInputElement, '1, 3');
    answerWith = () => json({ error: { code: 'invalid_input', message: 'One line is not in version 2: choose lines of that version.' } }, { status: 422 });
    submit('T0');
    await vi.waitFor(() => expect(container.textContent).toContain('One line is not in version 2: choose lines of that version.'));
    expect(posted[0].body).toEqual({ value: 'partially_accepted', rationale: 'In part', appliedVersion: 2, appliedBlockIds: ['b0', 'b2'] });
    expect(container.querySelector('#dispose-T0-value')).not.toBeNull();
  });
});
