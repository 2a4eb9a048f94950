/**
 * The drafters' queue under live updates: a rationale or a reply half-typed in one thread keeps
 * its field, focus, text and caret when that thread changes, when a thread arrives before it,
 * and when a colleague resolves it (it stays listed while it is being answered); and the page
 * says "Reconnecting…" while its socket is away, like the document page. The channel is a fake
 * (the real socket is covered by the integration and browser tests); the API a fake fetch.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ThreadDto } from '../../shared/threads.ts';
import QueuePage from '../src/features/documents/QueuePage.tsx';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';
import type { ChannelHandlers } from '../src/state/realtime.ts';
import { SessionProvider } from '../src/state/session.ts';
import { fakeSession } from './helpers/fake-session.ts';
import { threadDto } from './helpers/thread-dto.ts';

const channel = vi.hoisted(() => ({ handlers: null as ChannelHandlers | null }));
vi.mock('../src/state/realtime.ts', () => ({
  openChannel: (_documentId: string, handlers: ChannelHandlers) => {
    channel.handlers = handlers;
    handlers.onStatus('connecting');
    return { close: () => {}, presence: () => {} };
  },
}));

const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } });
const blocks = [0, 1, 2].map((i) => ({ id: `b${i}`, ordinal: i, kind: 'paragraph', label: null, path: `p${i}`, text: `Line ${i} of the draft.`, dir: 'ltr' }));
const document_ = { id: 'd1', title: 'Draft', kind: 'law', status: 'open', visibility: 'public', organizationId: 'o-gov', organizationName: 'Ministry', language: 'en', currentVersion: 1, can: { edit: true, comment: false, answer: true } };
const thread = (id: string, line: number) => threadDto(id, { blockId: `b${line}` });

let seq = 10;
const push = (changed: ThreadDto, kind = 'comment.created') => channel.handlers?.onEvent({ seq: ++seq, kind, data: { thread: changed } });

describe('the drafters’ queue, live', () => {
  let container: HTMLDivElement;
  let dispose: () => void;

  beforeEach(async () => {
    setLanguage('en');
    channel.handlers = null;
    vi.stubGlobal('WebSocket', class {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = String(input);
        if (url === '/api/documents/d1') return json({ document: document_, blocks });
        if (url === '/api/documents/d1/threads') return json([thread('T0', 0), thread('T1', 1)], { 'x-document-seq': '10' });
        return new Response(JSON.stringify({ error: { code: 'not_found', message: 'Not found.' } }), { status: 404, headers: { 'content-type': 'application/json' } });
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
    await vi.waitFor(() => expect(container.querySelector('#thread-T1')).not.toBeNull());
    await vi.waitFor(() => expect(channel.handlers).not.toBeNull());
  });

  afterEach(() => {
    dispose();
    container.remove();
    vi.unstubAllGlobals();
  });

  const type = (field: HTMLTextAreaElement, text: string) => {
    field.focus();
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.setSelectionRange(2, 6);
  };
  const expectUntouched = (field: HTMLTextAreaElement, id: string, text: string) => {
    expect(document.getElementById(id)).toBe(field);
    expect(document.activeElement).toBe(field);
    expect(field.value).toBe(text);
    expect([field.selectionStart, field.selectionEnd]).toEqual([2, 6]);
  };

  it('keeps a half-typed rationale through an update of its thread, a new earlier thread and a colleague resolving it', async () => {
    const answer = [...(container.querySelectorAll('.queue-item') ?? [])][1].querySelector('.actions button') as HTMLButtonElement;
    expect(answer.textContent).toBe(en['queue.answerThis']);
    answer.click();
    await vi.waitFor(() => expect(document.getElementById('dispose-T1-rationale')).not.toBeNull());
    const rationale = document.getElementById('dispose-T1-rationale') as HTMLTextAreaElement;
    type(rationale, 'Because the ministry already does this');

    push({ ...thread('T1', 1), comments: [...thread('T1', 1).comments, { ...thread('T1', 1).comments[0], id: 'T1-r', body: 'A colleague adds a point' }] });
    expectUntouched(rationale, 'dispose-T1-rationale', 'Because the ministry already does this');
    expect(container.textContent).toContain('A colleague adds a point');

    push(thread('Tnew', 0), 'thread.created');
    expect(container.querySelector('#thread-Tnew')).not.toBeNull();
    expectUntouched(rationale, 'dispose-T1-rationale', 'Because the ministry already does this');

    // The filter shows open threads; T1 being answered stays listed when a colleague resolves it.
    push({ ...thread('T1', 1), status: 'resolved' }, 'thread.resolved');
    expectUntouched(rationale, 'dispose-T1-rationale', 'Because the ministry already does this');
  });

  it('keeps a half-typed reply through an update of its thread and a new earlier thread', () => {
    const reply = document.getElementById('reply-T1') as HTMLTextAreaElement;
    type(reply, 'We will look at this');
    push({ ...thread('T1', 1), endorsements: [{ organizationId: 'o2', name: 'Adala' }] } as ThreadDto, 'endorsement.added');
    expectUntouched(reply, 'reply-T1', 'We will look at this');
    push(thread('Tnew', 0), 'thread.created');
    expectUntouched(reply, 'reply-T1', 'We will look at this');
    expect(reply.closest('.queue-item')?.querySelector('.thread')?.id).toBe('thread-T1');
  });

  it('says “Reconnecting…” while the socket is away, and nothing once it is back', () => {
    const status = () => container.querySelector('.live-status__connection')?.textContent ?? '';
    channel.handlers?.onStatus('live');
    expect(status()).not.toContain(en['live.reconnecting']);
    channel.handlers?.onStatus('reconnecting');
    expect(status()).toContain(en['live.reconnecting']);
    expect(container.querySelector('.live-status__connection')?.getAttribute('role')).toBe('status');
    channel.handlers?.onStatus('live');
    expect(status()).not.toContain(en['live.reconnecting']);
  });
});
