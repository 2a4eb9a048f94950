/**
 * A thread whose text is gone from the version shown says so: an "Outdated" badge, the quote
 * as it was originally written (never the text now at its place), and a note that this is the
 * original passage. An unchanged thread shows none of this. Also: a disposition that names the
 * version it was applied in shows it.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDto } from '../../shared/documents.ts';
import type { ThreadDto } from '../../shared/threads.ts';
import { ThreadCard } from '../src/features/documents/ThreadCard.tsx';
import { setLanguage, t } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';
import { fakeSession } from './helpers/fake-session.ts';
import { threadDto } from './helpers/thread-dto.ts';

const doc = { id: 'd1', title: 'Draft', status: 'open', currentVersion: 2, language: 'ar', can: { edit: false, comment: true, answer: false } } as unknown as DocumentDto;
const ORIGINAL = 'بالسجن مدة لا تزيد على (خمس عشرة) سنة';

/** A thread opened on version 1 whose words were replaced in version 2. */
function outdatedThread(): ThreadDto {
  const base = threadDto('t1', { blockId: 'b2', offset: 10 });
  return {
    ...base,
    anchorState: 'outdated',
    quote: ORIGINAL,
    // Collapsed where the text used to be, as the server projects an outdated thread.
    anchor: { start: { blockId: 'b2', offset: 10 }, end: { blockId: 'b2', offset: 10 } },
    originalAnchor: { start: { blockId: 'b2', offset: 10 }, end: { blockId: 'b2', offset: 10 + ORIGINAL.length } },
  };
}

describe('a thread card on a newer version', () => {
  let container: HTMLDivElement;
  let dispose: () => void;

  const mount = (thread: ThreadDto) => {
    const history = createMemoryHistory();
    history.set({ value: '/' });
    dispose = render(
      () => (
        <SessionProvider session={fakeSession()}>
          <MemoryRouter history={history}>
            <Route path="/" component={() => <ThreadCard thread={thread} document={doc} onChanged={() => {}} />} />
          </MemoryRouter>
        </SessionProvider>
      ),
      container,
    );
    return container.querySelector('article.thread') as HTMLElement;
  };

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    dispose?.();
    container.remove();
  });

  it.each(['en', 'fr', 'ar'] as const)('shows the outdated badge with the original quote (%s)', (language) => {
    setLanguage(language);
    const card = mount(outdatedThread());
    const badges = card.querySelector('.thread__badges')?.textContent ?? '';
    expect(badges).toContain(t('thread.anchor.outdated'));
    expect(card.querySelector('blockquote.quote')?.textContent).toBe(ORIGINAL);
    expect(card.textContent).toContain(t('thread.originalQuote'));
  });

  it('shows no state badge and no "original passage" note on an unchanged thread', () => {
    setLanguage('en');
    const card = mount({ ...threadDto('t2'), anchorState: 'unchanged' });
    expect(card.querySelector('.thread__badges')?.textContent).not.toContain(t('thread.anchor.outdated'));
    expect(card.textContent).not.toContain(t('thread.originalQuote'));
  });

  it('shows the version a disposition was applied in', () => {
    setLanguage('en');
    const thread: ThreadDto = {
      ...threadDto('t3'),
      disposition: { value: 'accepted', rationale: null, by: { name: 'Drafter', official: true }, at: '2026-02-01T00:00:00Z', appliedVersion: 2, appliedBlockIds: ['b2'] },
    };
    const card = mount(thread);
    expect(card.querySelector('.disposition')?.textContent).toContain(t('report.appliedIn', { number: 2 }));
  });
});
