/** The comment-response report: every comment, who made it, and the drafters' answer. */
import { A, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { DispositionValue } from '../../../../shared/threads.ts';
import { getReport, reportUrl } from '../../api/threads.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { t, tp } from '../../i18n/index.ts';
import { DISPOSITION_VALUES, dispositionLabel, THREAD_KIND_VALUES, threadKindLabel } from './labels.ts';

const disposition = (value: string | null) => (value && (DISPOSITION_VALUES as string[]).includes(value) ? dispositionLabel(value as DispositionValue) : t('report.unanswered'));
const kind = (value: string) => ((THREAD_KIND_VALUES as string[]).includes(value) ? threadKindLabel(value as never) : value);
// The JSON report doubles as the export scripts read, so its marks are fixed English words;
// the page says them in the reader's language.
const comment = (text: string) => (text === '[withdrawn]' ? t('thread.comment.withdrawn') : text === '[hidden]' ? t('thread.comment.hidden') : text);
const who = (text: string) => (text === 'Anonymous' ? t('thread.anonymous') : text);

export default function ReportPage() {
  const params = useParams<{ id: string }>();
  const [report, { refetch }] = createResource(() => params.id, getReport);
  return (
    <section class="page page--wide">
      <PageHeading title={t('report.title')} />
      <p>
        <A href={`/documents/${encodeURIComponent(params.id)}`}>
          {t('queue.back')} <Show when={report.latest}>{(r) => <bdi>{r().title}</bdi>}</Show>
        </A>
      </p>
      <section class="actions" aria-label={t('report.download')}>
        <a class="button button--secondary" href={reportUrl(params.id, 'csv')} download="">
          {t('report.download.csv')}
        </a>
        <a class="button button--secondary" href={reportUrl(params.id, 'docx')} download="">
          {t('report.download.docx')}
        </a>
        <a class="button button--secondary" href={reportUrl(params.id, 'json')} download="">
          {t('report.download.json')}
        </a>
      </section>
      <ResourceView resource={report} onRetry={refetch}>
        {(value) => (
          <>
            <p role="status">{tp('report.count', value().rows.length)}</p>
            <section class="table-scroll" aria-labelledby="report-caption" tabindex="0">
              <table class="table report-table">
                <caption id="report-caption">{t('report.caption', { title: value().title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.reference')}</th>
                    <th scope="col">{t('report.quote')}</th>
                    <th scope="col">{t('report.comment')}</th>
                    <th scope="col">{t('report.who')}</th>
                    <th scope="col">{t('report.disposition')}</th>
                    <th scope="col">{t('report.rationale')}</th>
                    <th scope="col">{t('report.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={value().rows}>
                    {(row) => (
                      <tr>
                        <td>
                          <bdi>{row.reference}</bdi> <span class="muted">{t('diff.line', { line: row.line })}</span>
                        </td>
                        <td dir="auto">{row.quote}</td>
                        <td dir="auto">
                          <span class="muted">{kind(row.kind)}</span> {comment(row.comment)}
                          <Show when={row.replies > 0}>
                            {' '}
                            <span class="muted">{tp('report.replies', row.replies)}</span>
                          </Show>
                        </td>
                        <td>
                          <bdi>{who(row.who)}</bdi>
                          <Show when={row.endorsements.length > 0}>
                            <br />
                            <span class="muted">{t('report.endorsedBy', { names: row.endorsements.join(', ') })}</span>
                          </Show>
                        </td>
                        <td>{disposition(row.disposition)}</td>
                        <td dir="auto">
                          {row.rationale ?? ''}
                          <Show when={row.appliedIn}>{(n) => <span class="muted"> {t('report.appliedIn', { number: n() })}</span>}</Show>
                        </td>
                        <td>{row.status === 'resolved' ? t('thread.status.resolved') : t('thread.status.open')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          </>
        )}
      </ResourceView>
    </section>
  );
}
