/**
 * A document: title, status, version picker, table of contents, the virtualised lines with
 * their threads, the composer and the thread panel, kept live over the WebSocket. Deep links:
 * `?version=N`, `#<block path>` (a line) and `#thread-<id>` (a thread).
 */
import { A, useLocation, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import type { Block, DocumentDto, VersionSummary } from '../../../../shared/documents.ts';
import type { ThreadDto } from '../../../../shared/threads.ts';
import { type DocumentWithBlocks, getDocument, listVersions } from '../../api/documents.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, formatNumber, t, tp } from '../../i18n/index.ts';
import { threadsInOrder } from '../../state/document-events.ts';
import { createLiveDocument, type LiveDocument } from '../../state/live-document.ts';
import { useSession } from '../../state/session.ts';
import { Composer, type ComposerTarget } from './Composer.tsx';
import { StatusBadge } from './DocumentsPage.tsx';
import { DrafterActions } from './DrafterActions.tsx';
import { documentKindLabel, languageName } from './labels.ts';
import { Reader, type ReaderApi } from './Reader.tsx';
import { ThreadCard } from './ThreadCard.tsx';

const TOC_KINDS = new Set(['part', 'chapter', 'section', 'article']);

function TableOfContents(props: { blocks: readonly Block[]; onJump: (index: number) => void }) {
  const entries = createMemo(() => {
    const all = props.blocks.map((block, index) => ({ block, index })).filter((e) => TOC_KINDS.has(e.block.kind));
    // A long draft with parts or chapters lists those only; without them, every article.
    const higher = all.filter((e) => e.block.kind !== 'article');
    return all.length > 400 && higher.length > 0 ? higher : all;
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
    </div>
  );
}

function LiveStatus(props: { live: LiveDocument }) {
  const presence = () => props.live.presence();
  return (
    <div class="live-status">
      <p role="status" class="live-status__connection">
        <Show when={props.live.status() === 'reconnecting' || props.live.status() === 'connecting'}>
          <Badge tone="warning">{t('live.reconnecting')}</Badge>
        </Show>
        <Show when={props.live.status() === 'ended'}>
          <Badge tone="warning">{t('live.ended')}</Badge>
        </Show>
        <Show when={props.live.outbox().length > 0}>
          {' '}
          <span>{tp('live.outbox', props.live.outbox().length)}</span>
        </Show>
      </p>
      <Show when={presence()}>
        {(readers) => (
          <p class="live-status__presence">
            {tp('live.reading', readers().total)}
            <Show when={readers().colleagues.length > 0}>
              {' · '}
              {t('live.colleagues', { names: readers().colleagues.map((c) => c.name).join(', ') })}
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}

function ThreadPanel(props: { threads: readonly ThreadDto[]; document: DocumentDto; selectedLine: number | null; onShowAll: () => void; onChanged: (thread: ThreadDto) => void; loaded: boolean }) {
  return (
    <aside class="panel" aria-labelledby="panel-title" tabindex="0">
      <h2 id="panel-title" class="section-title">
        <Show when={props.selectedLine !== null} fallback={t('panel.allThreads')}>
          {t('panel.lineThreads', { line: (props.selectedLine ?? 0) + 1 })}
        </Show>
      </h2>
      <Show when={props.selectedLine !== null}>
        <Button variant="quiet" onClick={() => props.onShowAll()}>
          {t('panel.showAll')}
        </Button>
      </Show>
      <p role="status">{props.loaded ? tp('panel.count', props.threads.length) : t('common.loading')}</p>
      <ol class="thread-list">
        <For each={props.threads}>
          {(thread) => (
            <li>
              <ThreadCard thread={thread} document={props.document} onChanged={props.onChanged} />
            </li>
          )}
        </For>
      </ol>
    </aside>
  );
}

function DocumentView(props: { data: DocumentWithBlocks; requestedVersion?: number; onDocument: (document: DocumentDto) => void; onRefetch: () => void }) {
  const session = useSession();
  const location = useLocation();
  const document = () => props.data.document;
  const blocks = () => props.data.blocks;
  const isCurrent = () => props.data.version.number === props.data.document.currentVersion;
  const live = createLiveDocument(props.data.document.id, { version: props.requestedVersion, live: !props.requestedVersion || props.requestedVersion === props.data.document.currentVersion });
  const indexById = createMemo(() => new Map(blocks().map((b, i) => [b.id, i])));
  const indexOf = (id: string) => indexById().get(id) ?? -1;
  const threads = createMemo(() => threadsInOrder(live.state(), indexOf));
  const threadsByBlock = createMemo(() => {
    const map = new Map<string, ThreadDto[]>();
    for (const thread of threads()) {
      const first = indexOf(thread.anchor.start.blockId);
      const last = indexOf(thread.anchor.end.blockId);
      if (first < 0) continue;
      for (let i = first; i <= Math.max(first, last); i++) {
        const id = blocks()[i].id;
        map.set(id, [...(map.get(id) ?? []), thread]);
      }
    }
    return map;
  });
  const [selected, setSelected] = createSignal<string | null>(null);
  const [target, setTarget] = createSignal<ComposerTarget | null>(null);
  const [notice, setNotice] = createSignal('');
  let reader: ReaderApi | undefined;

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
        requestAnimationFrame(() => globalThis.document.getElementById(id)?.focus());
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
          onCompose={(anchor, quote) => setTarget({ anchor, quote })}
          ref={(api) => {
            reader = api;
          }}
        />
        <ThreadPanel
          threads={shown()}
          document={document()}
          selectedLine={selected() ? indexOf(selected() as string) : null}
          onShowAll={() => setSelected(null)}
          onChanged={live.put}
          loaded={live.loaded()}
        />
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
    (key) => getDocument(key.id, key.version),
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

