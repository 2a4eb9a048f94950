/**
 * The drafters' queue: every thread of a document, filtered, answered one by one with a
 * disposition and its rationale, then resolved or reopened. Keyboard: j/k next/previous,
 * a/r/n open the answer form as accepted/rejected/noted, ? lists the shortcuts.
 */
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { Block, DocumentDto } from '../../../../shared/documents.ts';
import type { DispositionValue, ThreadDto } from '../../../../shared/threads.ts';
import { type DocumentWithBlocks, getDocument } from '../../api/documents.ts';
import { dispose, resolveThread } from '../../api/threads.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { SelectField } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { type MessageKey, t, tp } from '../../i18n/index.ts';
import { threadsInOrder } from '../../state/document-events.ts';
import { createLiveDocument, LiveDocumentContext } from '../../state/live-document.ts';
import { useSession } from '../../state/session.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { keepFocusAcross } from './keep-focus.ts';
import { LiveStatus } from './LiveStatus.tsx';
import { DISPOSITION_VALUES, dispositionLabel, ORG_KIND_VALUES, orgKindLabel } from './labels.ts';
import { ThreadCard } from './ThreadCard.tsx';

function DispositionForm(props: { thread: ThreadDto; initial: DispositionValue; onDone: (thread: ThreadDto) => void; onCancel: () => void }) {
  const [value, setValue] = createSignal<DispositionValue>(props.initial);
  const [rationale, setRationale] = createSignal(props.thread.disposition?.rationale ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const id = () => `dispose-${props.thread.id}`;
  let rationaleField: HTMLTextAreaElement | undefined;
  onMount(() => rationaleField?.focus());
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (value() !== 'accepted' && value() !== 'noted' && !rationale().trim()) {
      setError(t('error.rationale_required'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      props.onDone(await dispose(props.thread.id, value(), rationale()));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form disposition-form" novalidate onSubmit={(event) => void submit(event)}>
      <SelectField id={`${id()}-value`} label={t('queue.disposition')} value={value()} options={DISPOSITION_VALUES.map((v) => ({ value: v, label: dispositionLabel(v) }))} onValue={(v) => setValue(v as DispositionValue)} />
      <div class="field">
        <label class="field__label" for={`${id()}-rationale`}>
          {t('queue.rationale')}
        </label>
        <p class="field__hint" id={`${id()}-rationale-hint`}>
          {t('queue.rationale.hint')}
        </p>
        <textarea
          id={`${id()}-rationale`}
          ref={rationaleField}
          class="input textarea"
          dir="auto"
          rows={3}
          aria-describedby={`${id()}-rationale-hint`}
          value={rationale()}
          onInput={(e) => setRationale(e.currentTarget.value)}
        />
      </div>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
      <div class="actions">
        <Button type="submit" busy={busy()}>
          {t('queue.answer')}
        </Button>
        <Button variant="secondary" onClick={() => props.onCancel()}>
          {t('composer.cancel')}
        </Button>
      </div>
    </form>
  );
}

function QueueItem(props: { thread: ThreadDto; document: DocumentDto; reference: string; current: boolean; answering: DispositionValue | null; onAnswer: (value: DispositionValue | null) => void; onChanged: (thread: ThreadDto) => void; onFocus: () => void; onTyping: (typing: boolean) => void }) {
  const [error, setError] = createSignal('');
  const toggle = async () => {
    setError('');
    try {
      props.onChanged(await resolveThread(props.thread.id, props.thread.status === 'resolved'));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <li
      class="queue-item"
      classList={{ 'queue-item--current': props.current }}
      onFocusIn={(event) => {
        props.onFocus();
        if ((event.target as Element).closest('textarea, input')) props.onTyping(true);
      }}
      onFocusOut={(event) => {
        const next = event.relatedTarget as Node | null;
        // Not when the window merely loses focus (no next target): the field gets it back.
        if (next && !event.currentTarget.contains(next)) props.onTyping(false);
      }}
    >
      <p class="queue-item__reference">
        <bdi>{props.reference}</bdi>
      </p>
      <ThreadCard thread={props.thread} document={props.document} onChanged={props.onChanged} />
      <Show
        when={props.answering}
        fallback={
          <div class="actions">
            <Button onClick={() => props.onAnswer(props.thread.disposition?.value ?? 'accepted')}>{props.thread.disposition ? t('queue.changeAnswer') : t('queue.answerThis')}</Button>
            <Show when={props.thread.disposition}>
              <Button variant="secondary" onClick={() => void toggle()}>
                {props.thread.status === 'resolved' ? t('queue.reopen') : t('queue.resolve')}
              </Button>
            </Show>
          </div>
        }
      >
        {(initial) => (
          <DispositionForm
            thread={props.thread}
            initial={initial()}
            onDone={(thread) => {
              props.onChanged(thread);
              props.onAnswer(null);
            }}
            onCancel={() => props.onAnswer(null)}
          />
        )}
      </Show>
      <Show when={error()}>
        <Alert tone="error">{error()}</Alert>
      </Show>
    </li>
  );
}

function articleOf(blocks: readonly Block[], index: number): string {
  for (let i = index; i >= 0; i--) if (blocks[i].kind === 'article' && blocks[i].label) return blocks[i].label as string;
  return '';
}

const SHORTCUTS: ReadonlyArray<{ key: string; label: MessageKey }> = [
  { key: 'j', label: 'queue.shortcut.next' },
  { key: 'k', label: 'queue.shortcut.previous' },
  { key: 'a', label: 'queue.shortcut.accept' },
  { key: 'r', label: 'queue.shortcut.reject' },
  { key: 'n', label: 'queue.shortcut.note' },
  { key: '?', label: 'queue.shortcut.help' },
];

function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const sync = () => {
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  };
  createEffect(sync);
  return (
    <dialog
      class="composer"
      aria-labelledby="shortcuts-title"
      ref={dialog}
      onClose={() => props.onClose()}
    >
      <h2 id="shortcuts-title">{t('queue.shortcuts')}</h2>
      <dl class="shortcuts">
        <For each={SHORTCUTS}>
          {(shortcut) => (
            <>
              <dt>
                <kbd>{shortcut.key}</kbd>
              </dt>
              <dd>{t(shortcut.label)}</dd>
            </>
          )}
        </For>
      </dl>
      <Button onClick={() => props.onClose()}>{t('queue.close')}</Button>
    </dialog>
  );
}

function Queue(props: { data: DocumentWithBlocks }) {
  const session = useSession();
  const live = createLiveDocument(props.data.document.id, { live: true, accountId: () => session.user()?.id ?? null });
  const indexById = createMemo(() => new Map(props.data.blocks.map((b, i) => [b.id, i])));
  const indexOf = (id: string) => indexById().get(id) ?? -1;
  const [status, setStatus] = createSignal('open');
  const [disposition, setDisposition] = createSignal('');
  const [orgKind, setOrgKind] = createSignal('');
  const [article, setArticle] = createSignal('');
  const [confidential, setConfidential] = createSignal(false);
  const [current, setCurrent] = createSignal(0);
  const [answering, setAnswering] = createSignal<{ id: string; value: DispositionValue } | null>(null);
  const [help, setHelp] = createSignal(false);
  const referenceOf = (thread: ThreadDto) => articleOf(props.data.blocks, indexOf(thread.anchor.start.blockId));
  const articles = createMemo(() => [...new Set(props.data.blocks.filter((b) => b.kind === 'article' && b.label).map((b) => b.label as string))]);
  const all = createMemo(() => threadsInOrder(live.state(), indexOf));
  // The thread someone is answering or typing in stays listed while a live change (resolved by a
  // colleague, answered elsewhere) makes it leave the filter, so the text being typed is not lost.
  const [typingIn, setTypingIn] = createSignal<string | null>(null);
  const shown = createMemo(() =>
    all().filter(
      (thread) =>
        thread.id === answering()?.id ||
        thread.id === typingIn() ||
        ((!status() || thread.status === status()) &&
        (!disposition() || (disposition() === 'none' ? !thread.disposition : thread.disposition?.value === disposition())) &&
        (!orgKind() || thread.author.organization?.kind === orgKind()) &&
        (!article() || referenceOf(thread) === article()) &&
        (!confidential() || thread.visibility === 'confidential')),
    ),
  );
  // Items are keyed by thread id, not by thread object: the store replaces a thread's object on
  // every change, which would rebuild its item and lose a half-typed rationale or reply.
  const shownIds = createMemo(
    () => shown().map((thread) => thread.id),
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) },
  );
  let list: HTMLOListElement | undefined;
  keepFocusAcross(shownIds, () => list);
  const focusCurrent = () => requestAnimationFrame(() => document.querySelectorAll<HTMLElement>('.queue-item .thread')[current()]?.focus());
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target?.closest('input, textarea, select, [contenteditable="true"]') || help()) return;
    const list = shown();
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      setCurrent((i) => Math.max(0, Math.min(list.length - 1, i + (event.key === 'j' ? 1 : -1))));
      focusCurrent();
    } else if ((event.key === 'a' || event.key === 'r' || event.key === 'n') && list[current()]) {
      event.preventDefault();
      const value: DispositionValue = event.key === 'a' ? 'accepted' : event.key === 'r' ? 'rejected' : 'noted';
      setAnswering({ id: list[current()].id, value });
    } else if (event.key === '?') {
      event.preventDefault();
      setHelp(true);
    }
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));
  const options = (values: readonly string[], label: (v: string) => string) => values.map((value) => ({ value, label: label(value) }));
  return (
    <>
      <p>
        <A href={`/documents/${encodeURIComponent(props.data.document.id)}`}>
          {t('queue.back')} <bdi>{props.data.document.title}</bdi>
        </A>
      </p>
      <p>
        {t('queue.keyboardHint')}{' '}
        <Button variant="quiet" onClick={() => setHelp(true)}>
          {t('queue.shortcuts')}
        </Button>
      </p>
      <form class="filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField id="queue-status" label={t('queue.filter.status')} placeholder={t('documents.filter.all')} value={status()} options={[{ value: 'open', label: t('thread.status.open') }, { value: 'resolved', label: t('thread.status.resolved') }]} onValue={setStatus} />
        <SelectField
          id="queue-disposition"
          label={t('queue.filter.disposition')}
          placeholder={t('documents.filter.all')}
          value={disposition()}
          options={[{ value: 'none', label: t('queue.filter.unanswered') }, ...options(DISPOSITION_VALUES, (v) => dispositionLabel(v as DispositionValue))]}
          onValue={setDisposition}
        />
        <SelectField id="queue-org" label={t('queue.filter.orgKind')} placeholder={t('documents.filter.all')} value={orgKind()} options={options(ORG_KIND_VALUES, orgKindLabel)} onValue={setOrgKind} />
        <SelectField id="queue-article" label={t('queue.filter.article')} placeholder={t('documents.filter.all')} value={article()} options={articles().map((a) => ({ value: a, label: a }))} onValue={setArticle} />
        <label class="radio">
          <input type="checkbox" checked={confidential()} onChange={(e) => setConfidential(e.currentTarget.checked)} />
          <span>{t('queue.filter.confidential')}</span>
        </label>
      </form>
      <LiveStatus live={live} />
      <p role="status">{live.loaded() ? tp('queue.count', shown().length) : t('common.loading')}</p>
      <Show when={live.loaded() && shown().length === 0}>
        <p>{t('queue.empty')}</p>
      </Show>
      <LiveDocumentContext.Provider value={live}>
        <ol class="queue" ref={list}>
          <For each={shownIds()}>
            {(threadId, index) => (
              <Show when={live.state().threads.get(threadId)}>
                {(thread) => (
                  <QueueItem
                    thread={thread()}
                    document={props.data.document}
                    reference={referenceOf(thread())}
                    current={index() === current()}
                    answering={answering()?.id === threadId ? (answering()?.value ?? null) : null}
                    onAnswer={(value) => setAnswering(value ? { id: threadId, value } : null)}
                    onChanged={live.put}
                    onFocus={() => setCurrent(index())}
                    onTyping={(typing) => setTypingIn((id) => (typing ? threadId : id === threadId ? null : id))}
                  />
                )}
              </Show>
            )}
          </For>
        </ol>
      </LiveDocumentContext.Provider>
      <ShortcutHelp open={help()} onClose={() => setHelp(false)} />
    </>
  );
}

export default function QueuePage() {
  const params = useParams<{ id: string }>();
  const [data, { refetch }] = createResource(() => params.id, (id) => getDocument(id));
  return (
    <section class="page page--wide">
      <PageHeading title={t('queue.title')} />
      <RequireSignIn>
        <ResourceView resource={data} onRetry={refetch}>
          {(value) => (
            <Show when={value().document.can.answer} fallback={<Alert tone="error">{t('queue.forbidden')}</Alert>}>
              <Queue data={value()} />
            </Show>
          )}
        </ResourceView>
      </RequireSignIn>
    </section>
  );
}
