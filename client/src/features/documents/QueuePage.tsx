/**
 * The drafters' queue: every thread of a document, filtered, answered one by one with a
 * disposition and its rationale (and, when accepted, where it was applied), then resolved or
 * reopened. Keyboard: j/k next/previous, a/p/r/n/x open the answer form with one of the five
 * dispositions, ? lists the shortcuts; once an answer is saved the next thread takes the focus.
 * The filters are queue-filters.ts; the "applied in" fields AppliedInFields.tsx.
 */
import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { Block, DocumentDto } from '../../../../shared/documents.ts';
import type { DispositionValue, ThreadDto } from '../../../../shared/threads.ts';
import { type DocumentWithBlocks, getDocument } from '../../api/documents.ts';
import { ApiError } from '../../api/http.ts';
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
import { AppliedInFields } from './AppliedInFields.tsx';
import { formatLines, type LinesProblem, linesOfBlocks, MAX_APPLIED_LINES, parseLines } from './applied-lines.ts';
import { keepFocusAcross } from './keep-focus.ts';
import { LiveStatus } from './LiveStatus.tsx';
import { DISPOSITION_VALUES, dispositionLabel, ORG_KIND_VALUES, orgKindLabel } from './labels.ts';
import { articleOf, filterQueue, type QueueFilters } from './queue-filters.ts';
import { ThreadCard } from './ThreadCard.tsx';

/** The disposition each shortcut answers with; p and x are the letters no other key of the page uses. */
const DISPOSITION_KEYS: ReadonlyArray<{ key: string; value: DispositionValue; label: MessageKey }> = [
  { key: 'a', value: 'accepted', label: 'queue.shortcut.accept' },
  { key: 'p', value: 'partially_accepted', label: 'queue.shortcut.partial' },
  { key: 'r', value: 'rejected', label: 'queue.shortcut.reject' },
  { key: 'n', value: 'noted', label: 'queue.shortcut.note' },
  { key: 'x', value: 'not_applicable', label: 'queue.shortcut.notApplicable' },
];
const ANSWER_KEYSHORTCUTS = DISPOSITION_KEYS.map((shortcut) => shortcut.key).join(' ');

/** Where a disposition may say it was applied: an accepted comment, wholly or in part. */
const appliable = (value: DispositionValue) => value === 'accepted' || value === 'partially_accepted';

function linesProblemMessage(problem: LinesProblem, version: number): string {
  if (problem.kind === 'syntax') return t('queue.applied.lines.syntax', { part: problem.part });
  if (problem.kind === 'outside') return t('queue.applied.lines.outside', { line: problem.line, version });
  return t('queue.applied.lines.tooMany', { max: MAX_APPLIED_LINES });
}

/** The blocks of one version of the queue's document, fetched once. */
export type BlocksOfVersion = (version: number) => Promise<readonly Block[]>;

interface DispositionFormProps {
  thread: ThreadDto;
  initial: DispositionValue;
  currentVersion: number;
  blocksOf: BlocksOfVersion;
  onDone: (thread: ThreadDto) => void;
  onCancel: () => void;
}

function DispositionForm(props: DispositionFormProps) {
  const [value, setValue] = createSignal<DispositionValue>(props.initial);
  const [rationale, setRationale] = createSignal(props.thread.disposition?.rationale ?? '');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const initialApplied = props.thread.disposition?.appliedVersion ?? null;
  const [appliedVersion, setAppliedVersion] = createSignal(initialApplied ? String(initialApplied) : '');
  const [lines, setLines] = createSignal('');
  const [linesTouched, setLinesTouched] = createSignal(false);
  const [linesError, setLinesError] = createSignal('');
  const [versionBlocks, setVersionBlocks] = createSignal<{ version: number; blocks: readonly Block[] } | null>(null);
  const id = () => `dispose-${props.thread.id}`;
  let rationaleField: HTMLTextAreaElement | undefined;
  onMount(() => rationaleField?.focus());
  const chosenVersion = () => (appliable(value()) ? Number(appliedVersion()) || 0 : 0);
  createEffect(
    on(chosenVersion, (version) => {
      if (!version || versionBlocks()?.version === version) return;
      let stale = false;
      onCleanup(() => {
        stale = true;
      });
      props.blocksOf(version).then(
        (blocks) => {
          if (stale) return;
          setVersionBlocks({ version, blocks });
          // An earlier answer's lines, shown as numbers once that version's blocks are known.
          const ids = props.thread.disposition?.appliedBlockIds ?? [];
          if (!linesTouched() && version === initialApplied && ids.length > 0) setLines(formatLines(linesOfBlocks(blocks, ids)));
        },
        (e) => !stale && setLinesError(errorMessage(e)),
      );
    }),
  );
  const blocksShown = () => {
    const loaded = versionBlocks();
    return loaded && loaded.version === chosenVersion() ? loaded.blocks : undefined;
  };
  /** The "applied in" part of the answer, or a message saying what to fix in the lines field. */
  const applied = (): { version: number; blockIds: string[] } | undefined | string => {
    const version = chosenVersion();
    if (!version) return undefined;
    const blocks = blocksShown();
    if (!blocks) return t('common.loading');
    const parsed = parseLines(lines(), blocks.length);
    if ('problem' in parsed) return linesProblemMessage(parsed.problem, version);
    return { version, blockIds: parsed.lines.map((line) => blocks[line - 1].id) };
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (value() !== 'accepted' && value() !== 'noted' && !rationale().trim()) {
      setError(t('error.rationale_required'));
      return;
    }
    const where = applied();
    if (typeof where === 'string') {
      setLinesError(where);
      document.getElementById(`${id()}-applied-lines`)?.focus();
      return;
    }
    setBusy(true);
    setError('');
    setLinesError('');
    try {
      props.onDone(await dispose(props.thread.id, value(), rationale(), where));
    } catch (e) {
      // The server names the unknown version or lines (422): say it, after the general sentence.
      const detail = where && e instanceof ApiError && e.status === 422 && e.code === 'invalid_input' ? ` ${e.message}` : '';
      setError(errorMessage(e) + detail);
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
      <Show when={appliable(value())}>
        <AppliedInFields
          id={`${id()}-applied`}
          currentVersion={props.currentVersion}
          version={appliedVersion()}
          onVersion={(version) => {
            setAppliedVersion(version);
            setLinesError('');
          }}
          lines={lines()}
          onLines={(text) => {
            setLines(text);
            setLinesTouched(true);
            setLinesError('');
          }}
          blocks={blocksShown()}
          error={linesError()}
        />
      </Show>
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

interface QueueItemProps {
  thread: ThreadDto;
  document: DocumentDto;
  blocksOf: BlocksOfVersion;
  reference: string;
  current: boolean;
  answering: DispositionValue | null;
  onAnswer: (value: DispositionValue | null) => void;
  /** An answer was saved: the queue closes the form and moves on. */
  onAnswered: (thread: ThreadDto) => void;
  onChanged: (thread: ThreadDto) => void;
  onFocus: () => void;
  onTyping: (typing: boolean) => void;
}

function QueueItem(props: QueueItemProps) {
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
            <Button aria-keyshortcuts={ANSWER_KEYSHORTCUTS} onClick={() => props.onAnswer(props.thread.disposition?.value ?? 'accepted')}>{props.thread.disposition ? t('queue.changeAnswer') : t('queue.answerThis')}</Button>
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
            currentVersion={props.document.currentVersion}
            blocksOf={props.blocksOf}
            onDone={(thread) => props.onAnswered(thread)}
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

const SHORTCUTS: ReadonlyArray<{ key: string; label: MessageKey }> = [
  { key: 'j', label: 'queue.shortcut.next' },
  { key: 'k', label: 'queue.shortcut.previous' },
  ...DISPOSITION_KEYS,
  { key: '?', label: 'queue.shortcut.help' },
];

/** True when a key press belongs to a field (or an IME composition), never to a shortcut. */
function typingInField(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  return event.isComposing || !!target?.isContentEditable || !!target?.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

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
  const filters = (): QueueFilters => ({ status: status(), disposition: disposition(), orgKind: orgKind(), article: article(), confidential: confidential() });
  const shown = createMemo(() => {
    const keep = new Set([answering()?.id, typingIn()].filter((id): id is string => !!id));
    return filterQueue(all(), filters(), referenceOf, keep);
  });
  // Items are keyed by thread id, not by thread object: the store replaces a thread's object on
  // every change, which would rebuild its item and lose a half-typed rationale or reply.
  const shownIds = createMemo(
    () => shown().map((thread) => thread.id),
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]) },
  );
  let list: HTMLOListElement | undefined;
  keepFocusAcross(shownIds, () => list);
  let frame = 0;
  const focusCurrent = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const threadId = shownIds()[current()];
      if (threadId) list?.querySelector<HTMLElement>(`.thread[id="thread-${CSS.escape(threadId)}"]`)?.focus();
    });
  };
  onCleanup(() => cancelAnimationFrame(frame));
  // Versions other than the current one are fetched when first chosen as "applied in", then kept.
  const versionBlocks = new Map<number, Promise<readonly Block[]>>([[props.data.document.currentVersion, Promise.resolve(props.data.blocks)]]);
  const blocksOf: BlocksOfVersion = (version) => {
    let blocks = versionBlocks.get(version);
    if (!blocks) {
      blocks = getDocument(props.data.document.id, version).then((data) => data.blocks);
      blocks.catch(() => versionBlocks.delete(version));
      versionBlocks.set(version, blocks);
    }
    return blocks;
  };
  /** After an answer is saved: close its form and give the focus to the thread after it. */
  const answered = (thread: ThreadDto) => {
    const before = shownIds();
    const next = before[before.indexOf(thread.id) + 1];
    live.put(thread);
    setAnswering(null);
    setTypingIn((id) => (id === thread.id ? null : id));
    const after = shownIds();
    const index = next ? after.indexOf(next) : -1;
    setCurrent(index >= 0 ? index : Math.max(0, Math.min(after.indexOf(thread.id) >= 0 ? after.indexOf(thread.id) : current(), after.length - 1)));
    focusCurrent();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typingInField(event) || help()) return;
    const list = shown();
    const shortcut = DISPOSITION_KEYS.find((s) => s.key === event.key);
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      setCurrent((i) => Math.max(0, Math.min(list.length - 1, i + (event.key === 'j' ? 1 : -1))));
      focusCurrent();
    } else if (shortcut && list[current()]) {
      event.preventDefault();
      setAnswering({ id: list[current()].id, value: shortcut.value });
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
                    blocksOf={blocksOf}
                    reference={referenceOf(thread())}
                    current={index() === current()}
                    answering={answering()?.id === threadId ? (answering()?.value ?? null) : null}
                    onAnswer={(value) => setAnswering(value ? { id: threadId, value } : null)}
                    onAnswered={answered}
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
