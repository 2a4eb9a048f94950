/**
 * A document: title, status, version picker, table of contents, the virtualised lines with
 * their threads, the composer and the thread panel, kept live over the WebSocket. Deep links:
 * `?version=N`, `#<block path>` (a line) and `#thread-<id>` (a thread).
 */
import { A, useLocation, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import type { Block, DocumentDto, VersionSummary } from '../../../../shared/documents.ts';
import { type DocumentWithBlocks, exportUrl, listVersions } from '../../api/documents.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, t, tp } from '../../i18n/index.ts';
import { threadsInOrder } from '../../state/document-events.ts';
import { createLiveDocument, LiveDocumentContext } from '../../state/live-document.ts';
import { useSession } from '../../state/session.ts';
import { Composer, type ComposerTarget } from './Composer.tsx';
import { loadDocument, takeThreads } from './document-preload.ts';
import { StatusBadge } from './DocumentsPage.tsx';
import { DrafterActions } from './DrafterActions.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { documentKindLabel, languageName } from './labels.ts';
import { Reader, type ReaderApi } from './Reader.tsx';
import { ThreadPanel, type ThreadPanelApi } from './ThreadPanel.tsx';
import { threadsByLine } from './threads-by-line.ts';

const TOC_KINDS = new Set(['part', 'chapter', 'section', 'article']);

/**
 * Built after the first lines are on screen: scanning 20,000 blocks and rendering the entries
 * is not what a reader waits for. The wait starts on mount, once the router's navigation
 * transition has committed: a callback scheduled during it would read the page's props outside the
 * transition, where the document is not loaded yet.
 */
function TableOfContents(props: { blocks: readonly Block[]; onJump: (index: number) => void }) {
  const [ready, setReady] = createSignal(false);
  onMount(() => {
    // When the browser is idle (the first lines, and threads if they arrive with them, come first).
    if (typeof requestIdleCallback === 'function') {
      const idle = requestIdleCallback(() => setReady(true), { timeout: 500 });
      onCleanup(() => cancelIdleCallback(idle));
    } else {
      const timer = setTimeout(() => setReady(true), 0);
      onCleanup(() => clearTimeout(timer));
    }
  });
  const entries = createMemo(() => {
    if (!ready()) return [];
    // One pass without an object per line (20,000 on a long draft).
    const all: { block: Block; index: number }[] = [];
    let higher = 0;
    props.blocks.forEach((block, index) => {
      if (!TOC_KINDS.has(block.kind)) return;
      all.push({ block, index });
      if (block.kind !== 'article') higher++;
    });
    // A long draft with parts or chapters lists those only; without them, every article.
    return all.length > 400 && higher > 0 ? all.filter((e) => e.block.kind !== 'article') : all;
  });
  return (
    <Show when={entries().length > 0}>
      <nav class="toc" aria-labelledby="toc-title" tabindex="-1">
        <h2 id="toc-title" class="section-title">
          {t('reader.toc')}
        </h2>
        <ol class="toc__list">
          <For each={entries()}>
            {(entry) => (
              <li class={`toc__item toc__item--${entry.block.kind}`}>
                <a
                  href={`#${entry.block.path}`}
                  onClick={(event) => {
                    event.preventDefault();
                    history.replaceState(history.state, '', `#${entry.block.path}`);
                    props.onJump(entry.index);
                  }}
                >
                  <bdi>{entry.block.label ?? entry.block.text.slice(0, 60)}</bdi>
                </a>
              </li>
            )}
          </For>
        </ol>
      </nav>
    </Show>
  );
}

function VersionPicker(props: { document: DocumentDto; version: number }) {
  const navigate = useNavigate();
  const [versions] = createResource(() => props.document.id, listVersions);
  const base = () => `/documents/${encodeURIComponent(props.document.id)}`;
  return (
    <div class="version-picker">
      <label class="field__label" for="version-picker">
        {t('reader.version')}
      </label>
      <select
        id="version-picker"
        class="input select"
        onChange={(event) => {
          const n = Number(event.currentTarget.value);
          navigate(n === props.document.currentVersion ? base() : `${base()}?version=${n}`);
        }}
      >
        <For each={versions() ?? ([{ number: props.version, note: '', publishedAt: props.document.updatedAt, blockCount: 0 }] as VersionSummary[])}>
          {(v) => (
            <option value={v.number} selected={v.number === props.version}>
              {t('reader.versionOption', { number: v.number, date: formatDate(v.publishedAt) })}
            </option>
          )}
        </For>
      </select>
      <Show when={props.document.currentVersion > 1}>
        <A href={`${base()}/diff?from=${Math.max(1, props.version - 1)}&to=${props.version === 1 ? 2 : props.version}`}>{t('reader.compare')}</A>
      </Show>
      <ExportLinks documentId={props.document.id} version={props.version} />
    </div>
  );
}

/** Downloads of the version shown, so a single-version draft can be exported too. */
function ExportLinks(props: { documentId: string; version: number }) {
  const formats = [
    ['akn', 'diff.export.akn'],
    ['md', 'diff.export.md'],
    ['docx', 'diff.export.docx'],
  ] as const;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of download links; fieldset is for form controls.
    <div class="actions" role="group" aria-label={t('diff.export')}>
      <For each={formats}>
        {([format, label]) => (
          <a class="button button--secondary" href={exportUrl(props.documentId, props.version, format)} download="">
            {t(label)}
          </a>
        )}
      </For>
    </div>
  );
}

function DocumentView(props: { data: DocumentWithBlocks; requestedVersion?: number; onDocument: (document: DocumentDto) => void; onRefetch: () => void }) {
  const session = useSession();
  const location = useLocation();
  const document = () => props.data.document;
  const blocks = () => props.data.blocks;
  const isCurrent = () => props.data.version.number === props.data.document.currentVersion;
  const live = createLiveDocument(props.data.document.id, {
    version: props.requestedVersion,
    live: !props.requestedVersion || props.requestedVersion === props.data.document.currentVersion,
    firstList: takeThreads(props.data.document.id, props.requestedVersion),
    accountId: () => session.user()?.id ?? null,
  });
  // The line index of each block id, built on first use (the first threads), not while the
  // first screen of lines renders. The memos below read `positions()` once and then look up
  // thousands of ids untracked: a signal read per look-up made sorting 2,000 threads slow.
  const positions = createMemo(() => {
    const list = blocks();
    let index: Map<string, number> | undefined;
    return (id: string) => {
      index ??= new Map(list.map((b, i) => [b.id, i]));
      return index.get(id) ?? -1;
    };
  });
  const indexOf = (id: string) => positions()(id);
  const threads = createMemo(() => threadsInOrder(live.state(), positions()));
  const threadsByBlock = createMemo(() => threadsByLine(threads(), blocks(), positions()));
  const [selected, setSelected] = createSignal<string | null>(null);
  const [target, setTarget] = createSignal<ComposerTarget | null>(null);
  const [notice, setNotice] = createSignal('');
  let reader: ReaderApi | undefined;
  let panel: ThreadPanelApi | undefined;

  const shown = () => {
    const id = selected();
    return id ? (threadsByBlock().get(id) ?? []) : threads();
  };
  const commenting = () => document().can.comment && isCurrent();
  const organizations = () => session.memberships().filter((m) => m.approved && m.organizationKind !== 'government');

  createEffect(() => live.readingLine(selected() ?? undefined));
  createEffect(on(() => live.state().documentRevision, (revision) => revision > 0 && props.onRefetch()));
  createEffect(
    on(
      () => live.state().publishedVersion,
      (n) => n && n > document().currentVersion && setNotice(t('live.newVersion', { number: n })),
    ),
  );

  // Deep links: #<path> jumps to a line, #thread-<id> to a thread (once threads are loaded).
  createEffect(
    on([() => location.hash, () => live.loaded()], ([hash, loaded]) => {
      const id = decodeURIComponent((hash ?? '').replace(/^#/, ''));
      if (!id) return;
      if (id.startsWith('thread-')) {
        if (!loaded) return;
        const thread = live.state().threads.get(id.slice('thread-'.length));
        if (!thread) return;
        setSelected(thread.anchor.start.blockId);
        reader?.jumpTo(indexOf(thread.anchor.start.blockId), false);
        panel?.reveal(thread.id);
        return;
      }
      const index = blocks().findIndex((b) => b.path === id);
      if (index >= 0) requestAnimationFrame(() => reader?.jumpTo(index));
    }),
  );

  return (
    <>
      <p class="doc-meta">
        <StatusBadge status={document().status} /> <span>{documentKindLabel(document().kind)}</span>
        <span lang={document().language}>{languageName(document().language)}</span>
        <span>
          <bdi>{document().organizationName}</bdi>
        </span>
        <Show when={document().closesAt}>{(date) => <span>{t('documents.closesAt', { date: formatDate(date()) })}</span>}</Show>
        <span>{tp('reader.lines', blocks().length)}</span>
      </p>
      <div class="doc-links actions">
        <Show when={document().status === 'reported' || session.user()}>
          <A href={`/documents/${encodeURIComponent(document().id)}/report`}>{t('reader.report')}</A>
        </Show>
        <Show when={document().can.answer}>
          <A href={`/documents/${encodeURIComponent(document().id)}/queue`}>{t('drafter.queue')}</A>
        </Show>
        <Show when={document().kind === 'action_plan'}>
          <A href={`/documents/${encodeURIComponent(document().id)}/monitoring`}>{t('monitoring.title')}</A>
        </Show>
      </div>
      <VersionPicker document={document()} version={props.data.version.number} />
      <Show when={!isCurrent()}>
        <Alert tone="info">{t('reader.oldVersion', { number: props.data.version.number })}</Alert>
      </Show>
      <Show when={notice()}>
        <Alert tone="info">{notice()}</Alert>
      </Show>
      <Show when={document().can.edit}>
        <DrafterActions document={document()} onUpdated={props.onDocument} />
      </Show>
      <Show when={!session.user() && document().status === 'open'}>
        <p>
          <A href={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('reader.signInToComment')}</A>
        </p>
      </Show>
      <Show when={commenting()}>
        <p class="muted">{t('reader.howToComment')}</p>
        <p class="muted">{t('reader.keyboardHint')}</p>
      </Show>
      <LiveStatus live={live} />
      <div class="doc-layout">
        <TableOfContents blocks={blocks()} onJump={(index) => reader?.jumpTo(index)} />
        <Reader
          blocks={blocks()}
          indexOf={indexOf}
          threadsOf={(id) => threadsByBlock().get(id) ?? []}
          selectedBlock={selected()}
          canComment={commenting()}
          onSelectLine={setSelected}
          onCompose={(anchor, quote) => setTarget({ anchor, quote, version: props.data.version.number })}
          ref={(api) => {
            reader = api;
          }}
        />
        <LiveDocumentContext.Provider value={live}>
          <ThreadPanel
            threads={shown()}
            document={document()}
            selectedLine={selected() ? indexOf(selected() as string) : null}
            onShowAll={() => setSelected(null)}
            onChanged={live.put}
            loaded={live.loaded()}
            ref={(api) => {
              panel = api;
            }}
          />
        </LiveDocumentContext.Provider>
      </div>
      <Composer
        target={target()}
        organizations={organizations()}
        onPost={async (body, key) => {
          const result = await live.post(body, key);
          if (result.ok) setSelected(body.anchor.start.blockId);
          return result;
        }}
        onClose={() => setTarget(null)}
      />
    </>
  );
}

export default function DocumentPage() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams<{ version?: string }>();
  const version = () => (search.version ? Number(search.version) : undefined);
  const [data, { refetch, mutate }] = createResource(
    () => ({ id: params.id, version: version() }),
    (key) => loadDocument(key.id, key.version),
  );
  const title = () => data.latest?.document.title ?? t('common.loading');
  return (
    <section class="page page--wide">
      <PageHeading title={title()} isolate />
      <ResourceView resource={data} onRetry={refetch}>
        {(value) => (
          <Show when={`${value().document.id}:${value().version.number}`} keyed>
            {(_key) => (
              <DocumentView
                data={value()}
                requestedVersion={version()}
                onDocument={(document) => mutate((current) => (current ? { ...current, document } : current))}
                onRefetch={() => void refetch()}
              />
            )}
          </Show>
        )}
      </ResourceView>
    </section>
  );
}

