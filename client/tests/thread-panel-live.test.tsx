/**
 * Live changes never take the reply box from under the person typing in it: the thread panel
 * keys its cards by thread id, so an update of the thread being answered, a new thread on an
 * earlier line, or a long (virtualised) list leave the same textarea focused, with its text and
 * caret, still belonging to its thread — and Send posts to that thread.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentDto } from '../../shared/documents.ts';
import type { ThreadDto } from '../../shared/threads.ts';
import { ThreadPanel } from '../src/features/documents/ThreadPanel.tsx';
import { setLanguage } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';
import { fakeSession } from './helpers/fake-session.ts';
import { threadDto } from './helpers/thread-dto.ts';

const doc = { id: 'd1', title: 'Draft', status: 'open', currentVersion: 1, can: { edit: false, comment: true, answer: false } } as unknown as DocumentDto;

const thread = (id: string, line: number) => threadDto(id, { blockId: `b${line}` });
const withReply = (t: ThreadDto, body: string): ThreadDto => ({ ...t, comments: [...t.comments, { ...t.comments[0], id: `${t.id}-r${t.comments.length}`, body }] });

describe('the thread panel under live updates', () => {
  let container: HTMLDivElement;
  let dispose: () => void;
  let setThreads: (threads: ThreadDto[]) => void;
  const posted: string[] = [];

  const mount = (initial: ThreadDto[]) => {
    const [threads, set] = createSignal(initial);
    setThreads = set;
    const history = createMemoryHistory();
    history.set({ value: '/' });
    dispose = render(
      () => (
        <SessionProvider session={fakeSession()}>
          <MemoryRouter history={history}>
            <Route path="/" component={() => <ThreadPanel threads={threads()} document={doc} selectedLine={null} loaded onShowAll={() => {}} onChanged={() => {}} />} />
          </MemoryRouter>
        </SessionProvider>
      ),
      container,
    );
  };

  /** Types into T1's reply box and puts the caret inside the text, as a person would. */
  const typeInto = (threadId: string, text: string) => {
    const box = document.getElementById(`reply-${threadId}`) as HTMLTextAreaElement;
    box.focus();
    box.value = text;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.setSelectionRange(3, 8);
    return box;
  };

  const expectUntouched = (box: HTMLTextAreaElement, threadId: string, text: string) => {
    expect(document.getElementById(`reply-${threadId}`)).toBe(box);
    expect(box.isConnected).toBe(true);
    expect(document.activeElement).toBe(box);
    expect(box.value).toBe(text);
    expect([box.selectionStart, box.selectionEnd]).toEqual([3, 8]);
    expect(box.closest('[data-thread-id]')?.getAttribute('data-thread-id')).toBe(threadId);
  };

  beforeEach(() => {
    setLanguage('en');
    posted.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        if (init?.method === 'POST') posted.push(url);
        const comment = { ...thread('T1', 1).comments[0], id: 'new' };
        return new Response(JSON.stringify(url.endsWith('/comments') ? { comment } : { thread: thread('T1', 1) }), { status: url.endsWith('/comments') ? 201 : 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    dispose();
    container.remove();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('keeps the reply being typed when the same thread is updated', () => {
    const t0 = thread('T0', 0);
    const t1 = thread('T1', 1);
    mount([t0, t1]);
    const box = typeInto('T1', 'my reply to T1');
    setThreads([t0, withReply(t1, 'a colleague answered meanwhile')]);
    expectUntouched(box, 'T1', 'my reply to T1');
    expect(container.textContent).toContain('a colleague answered meanwhile');
  });

  it('keeps the reply with its thread when a new thread arrives on an earlier line, and sends it there', async () => {
    const t0 = thread('T0', 0);
    const t1 = thread('T1', 1);
    mount([t0, t1]);
    const box = typeInto('T1', 'my reply to T1');
    setThreads([thread('Tnew', 0), t0, t1]);
    expectUntouched(box, 'T1', 'my reply to T1');
    expect((document.getElementById('reply-T0') as HTMLTextAreaElement).value).toBe('');
    expect((document.getElementById('reply-Tnew') as HTMLTextAreaElement).value).toBe('');

    box.form?.requestSubmit();
    await vi.waitFor(() => expect(posted).toContain('/api/threads/T1/comments'));
    expect(posted.filter((url) => url.endsWith('/comments'))).toEqual(['/api/threads/T1/comments']);
  });

  it('keeps the reply in a long, virtualised list when threads arrive before it and it is updated', async () => {
    // happy-dom lays nothing out: a 600px panel and 120px cards, so the virtualiser renders a window.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(400);
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(120);
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({ x: 0, y: 0, top: 0, left: 0, bottom: 120, right: 400, width: 400, height: 120, toJSON: () => ({}) } as DOMRect);
    const many = Array.from({ length: 45 }, (_, i) => thread(`T${i}`, i));
    mount(many);
    await vi.waitFor(() => expect(document.getElementById('reply-T1')).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('.thread-list--virtual')).not.toBeNull();
    const box = typeInto('T1', 'my reply to T1');
    // Ten threads on the first line push T1 past the rendered window; it stays because it holds focus.
    const earlier = Array.from({ length: 10 }, (_, i) => thread(`E${i}`, 0));
    setThreads([...earlier, ...many]);
    expectUntouched(box, 'T1', 'my reply to T1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectUntouched(box, 'T1', 'my reply to T1');
    expect(container.querySelector('[data-thread-id="T1"]')?.getAttribute('data-index')).toBe('11');
    expect(container.querySelectorAll('.thread-list__item').length).toBeLessThan(30);
    setThreads([...earlier, many[0], withReply(many[1], 'an update'), ...many.slice(2)]);
    expectUntouched(box, 'T1', 'my reply to T1');
  });
});
