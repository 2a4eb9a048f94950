/** The documents this reader may see, filtered by kind and status; drafters get "New draft". */
import { A, useSearchParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { DocumentDto, DocumentKind, DocumentStatus } from '../../../../shared/documents.ts';
import { listDocuments } from '../../api/documents.ts';
import { Badge } from '../../components/Badge.tsx';
import { SelectField } from '../../components/Field.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, t, tp } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { DOCUMENT_KIND_VALUES, DOCUMENT_STATUS_VALUES, documentKindLabel, documentStatusLabel, languageName } from './labels.ts';

export function StatusBadge(props: { status: DocumentStatus }) {
  return <Badge tone={props.status === 'open' ? 'success' : props.status === 'reported' ? 'neutral' : 'warning'}>{documentStatusLabel(props.status)}</Badge>;
}

function DocumentCard(props: { document: DocumentDto }) {
  return (
    <li class="card">
      <h2 class="card__title">
        <A href={`/documents/${encodeURIComponent(props.document.id)}`}>
          <bdi>{props.document.title}</bdi>
        </A>
      </h2>
      <p class="card__meta">
        <StatusBadge status={props.document.status} />
        <span>{documentKindLabel(props.document.kind)}</span>
        <span lang={props.document.language}>{languageName(props.document.language)}</span>
        <span>
          <bdi>{props.document.organizationName}</bdi>
        </span>
      </p>
      <p class="card__meta">
        <Show when={props.document.opensAt}>{(date) => <span>{t('documents.opensAt', { date: formatDate(date()) })}</span>}</Show>
        <Show when={props.document.closesAt}>{(date) => <span>{t('documents.closesAt', { date: formatDate(date()) })}</span>}</Show>
        <span>{t('documents.updatedAt', { date: formatDate(props.document.updatedAt) })}</span>
      </p>
    </li>
  );
}

export default function DocumentsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams<{ kind?: string; status?: string }>();
  const filters = () => ({ kind: (params.kind ?? '') as DocumentKind | '', status: (params.status ?? '') as DocumentStatus | '', user: session.user()?.id });
  const [documents, { refetch }] = createResource(filters, (f) => listDocuments(f));
  const drafter = () => session.memberships().some((m) => m.organizationKind === 'government' && m.approved);
  return (
    <section class="page">
      <PageHeading title={t('documents.title')} />
      <p>{t('documents.intro')}</p>
      <Show when={drafter()}>
        <p>
          <A class="button button--primary" href="/documents/new">
            {t('documents.new')}
          </A>
        </p>
      </Show>
      <form class="filters" aria-label={t('documents.filters')} onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="filter-kind"
          label={t('documents.filter.kind')}
          placeholder={t('documents.filter.all')}
          value={params.kind ?? ''}
          options={DOCUMENT_KIND_VALUES.map((value) => ({ value, label: documentKindLabel(value) }))}
          onValue={(value) => setParams({ kind: value || undefined })}
        />
        <SelectField
          id="filter-status"
          label={t('documents.filter.status')}
          placeholder={t('documents.filter.all')}
          value={params.status ?? ''}
          options={DOCUMENT_STATUS_VALUES.map((value) => ({ value, label: documentStatusLabel(value) }))}
          onValue={(value) => setParams({ status: value || undefined })}
        />
      </form>
      <ResourceView resource={documents} onRetry={refetch}>
        {(list) => (
          <>
            <p role="status">{tp('documents.count', list().length)}</p>
            <Show when={list().length > 0} fallback={<p>{t('documents.empty')}</p>}>
              <ul class="cards">
                <For each={list()}>{(document) => <DocumentCard document={document} />}</For>
              </ul>
            </Show>
          </>
        )}
      </ResourceView>
    </section>
  );
}
