/** Differences between two versions: each changed line, with deleted and inserted characters. */
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { DiffEntry } from '../../../../shared/documents.ts';
import { exportUrl, getDiff, getDocument, listVersions } from '../../api/documents.ts';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, type MessageKey, t, tp } from '../../i18n/index.ts';
import { markRanges } from './text-ranges.ts';

const CHANGE_KEYS: Record<DiffEntry['change'], MessageKey> = {
  unchanged: 'diff.change.unchanged',
  edited: 'diff.change.edited',
  added: 'diff.change.added',
  removed: 'diff.change.removed',
  moved: 'diff.change.moved',
};

function Marked(props: { text: string; ranges?: DiffEntry['deleted']; tag: 'del' | 'ins' }) {
  return (
    <For each={markRanges(props.text, props.ranges)}>{(part) => (part.marked ? props.tag === 'del' ? <del>{part.text}</del> : <ins>{part.text}</ins> : part.text)}</For>
  );
}

function Entry(props: { entry: DiffEntry }) {
  const e = () => props.entry;
  return (
    <li class={`diff-entry diff-entry--${e().change}`}>
      <p class="diff-entry__head">
        <Badge tone={e().change === 'removed' ? 'warning' : 'neutral'}>{t(CHANGE_KEYS[e().change])}</Badge>{' '}
        <Show when={e().label}>
          <bdi>{e().label}</bdi>
        </Show>{' '}
        <Show when={e().newOrdinal !== undefined}>
          <span class="muted">{t('diff.line', { line: (e().newOrdinal ?? 0) + 1 })}</span>
        </Show>
      </p>
      <Show when={e().change === 'edited'}>
        <p class="diff-entry__old" dir="auto">
          <span class="visually-hidden">{t('diff.before')} </span>
          <Marked text={e().oldText ?? ''} ranges={e().deleted} tag="del" />
        </p>
        <p class="diff-entry__new" dir="auto">
          <span class="visually-hidden">{t('diff.after')} </span>
          <Marked text={e().newText ?? ''} ranges={e().inserted} tag="ins" />
        </p>
      </Show>
      <Show when={e().change === 'added'}>
        <p dir="auto">
          <ins>{e().newText}</ins>
        </p>
      </Show>
      <Show when={e().change === 'removed'}>
        <p dir="auto">
          <del>{e().oldText}</del>
        </p>
      </Show>
      <Show when={e().change === 'moved' || e().change === 'unchanged'}>
        <p dir="auto">{e().newText ?? e().oldText}</p>
      </Show>
    </li>
  );
}

export default function DiffPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [search] = useSearchParams<{ from?: string; to?: string }>();
  const [document] = createResource(() => params.id, (id) => getDocument(id));
  const [versions] = createResource(() => params.id, listVersions);
  const to = () => Number(search.to) || document()?.document.currentVersion || 1;
  const from = () => Number(search.from) || Math.max(1, to() - 1);
  const [diff, { refetch }] = createResource(() => ({ id: params.id, from: from(), to: to() }), (k) => getDiff(k.id, k.from, k.to));
  const [showUnchanged, setShowUnchanged] = createSignal(false);
  const base = () => `/documents/${encodeURIComponent(params.id)}`;
  const go = (f: number, tt: number) => navigate(`${base()}/diff?from=${f}&to=${tt}`);
  const picker = (id: string, label: string, value: () => number, onPick: (n: number) => void) => (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select id={id} class="input select" onChange={(e) => onPick(Number(e.currentTarget.value))}>
        <For each={versions() ?? []}>
          {(v) => (
            <option value={v.number} selected={v.number === value()}>
              {t('reader.versionOption', { number: v.number, date: formatDate(v.publishedAt) })}
            </option>
          )}
        </For>
      </select>
    </div>
  );
  return (
    <section class="page page--wide">
      <PageHeading title={t('diff.title')} />
      <Show when={document()}>
        {(d) => (
          <p>
            <A href={base()}>
              {t('queue.back')} <bdi>{d().document.title}</bdi>
            </A>
          </p>
        )}
      </Show>
      <form class="filters" aria-label={t('diff.versions')} onSubmit={(e) => e.preventDefault()}>
        {picker('diff-from', t('diff.from'), from, (n) => go(n, to()))}
        {picker('diff-to', t('diff.to'), to, (n) => go(from(), n))}
        <label class="radio">
          <input type="checkbox" checked={showUnchanged()} onChange={(e) => setShowUnchanged(e.currentTarget.checked)} />
          <span>{t('diff.showUnchanged')}</span>
        </label>
      </form>
      {/* biome-ignore lint/a11y/useSemanticElements: a group of download links; fieldset is for form controls. */}
      <div class="actions" role="group" aria-label={t('diff.export')}>
        <a class="button button--secondary" href={exportUrl(params.id, to(), 'akn')} download="">
          {t('diff.export.akn')}
        </a>
        <a class="button button--secondary" href={exportUrl(params.id, to(), 'md')} download="">
          {t('diff.export.md')}
        </a>
        <a class="button button--secondary" href={exportUrl(params.id, to(), 'docx')} download="">
          {t('diff.export.docx')}
        </a>
      </div>
      <ResourceView resource={diff} onRetry={refetch}>
        {(entries) => (
          <>
            <p role="status">{tp('diff.count', entries().filter((e) => e.change !== 'unchanged').length)}</p>
            <ol class="diff">
              <For each={entries().filter((e) => showUnchanged() || e.change !== 'unchanged')}>{(entry) => <Entry entry={entry} />}</For>
            </ol>
          </>
        )}
      </ResourceView>
    </section>
  );
}
