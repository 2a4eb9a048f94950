/**
 * /documents/:id/monitoring — the monitoring dashboard of an action plan: the period picker
 * (open/close periods for drafters and NHRI members), the counts by status of both voices side
 * by side, the disagreements and the overdue measures, progress over periods, the periodic
 * report, and the measures table where each side records its own voice. The period and the
 * responsible-body filter live in the address (?period=&responsible=), so a view can be shared.
 *
 * Live: subscribes to the document's events (state/realtime.ts) and refetches on
 * `assessment.saved`; also refetches when the window regains focus.
 */
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { DashboardDto, PeriodDto, StatusCounts, Voice } from '../../../../shared/monitoring.ts';
import { ASSESSMENT_STATUSES } from '../../../../shared/monitoring.ts';
import { getDocument } from '../../api/documents.ts';
import { getDashboard, getPeriodAssessments, listMeasures, listPeriods, periodicReportUrl } from '../../api/monitoring.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, formatNumber, t, tp } from '../../i18n/index.ts';
import { openChannel } from '../../state/realtime.ts';
import { useSession } from '../../state/session.ts';
import { DesignateMeasures } from './DesignateMeasures.tsx';
import { gapMessage, measureTitle, STATUS_KEY, sortDisagreements, VOICE_KEY } from './labels.ts';
import { MeasuresTable } from './MeasuresTable.tsx';
import { ClosePeriod, OpenPeriodForm, PeriodPicker } from './PeriodControls.tsx';
import { ProgressChart, percent } from './ProgressChart.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import './monitoring.css';

const VOICES: readonly Voice[] = ['government', 'nhri'];
const COUNT_ROWS: readonly (keyof StatusCounts)[] = [...ASSESSMENT_STATUSES, 'not_assessed'];
const day = (value: string) => formatDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

/** The period shown when none is chosen: the latest open one, else the latest. */
export function defaultPeriod(periods: readonly PeriodDto[]): PeriodDto | undefined {
  const byStart = [...periods].sort((a, b) => b.startsOn.localeCompare(a.startsOn) || b.createdAt.localeCompare(a.createdAt));
  return byStart.find((p) => p.status === 'open') ?? byStart[0];
}

export default function MonitoringPage() {
  const params = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams<{ period?: string; responsible?: string }>();
  const session = useSession();
  const [plan, { refetch: refetchPlan }] = createResource(
    () => params.id,
    (id) => getDocument(id),
  );
  const [periods, { refetch: refetchPeriods }] = createResource(() => params.id, listPeriods);
  const [measures, { refetch: refetchMeasures }] = createResource(() => params.id, listMeasures);
  const [announcement, setAnnouncement] = createSignal('');

  const period = createMemo(() => {
    const list = periods.latest ?? [];
    return list.find((p) => p.id === search.period) ?? defaultPeriod(list);
  });
  const responsible = () => search.responsible ?? '';
  const [dashboard, { refetch: refetchDashboard }] = createResource(
    () => (period() ? { id: params.id, period: (period() as PeriodDto).id, responsible: responsible() } : false),
    (key) => getDashboard(key.id, key.period, key.responsible || null),
  );
  const [rows, { refetch: refetchRows }] = createResource(
    () => (period() ? { id: params.id, period: (period() as PeriodDto).id } : false),
    (key) => getPeriodAssessments(key.id, key.period),
  );

  const isDrafter = () => {
    const doc = plan.latest?.document;
    return !!doc && session.memberships().some((m) => m.organizationId === doc.organizationId && m.approved);
  };
  const isNhri = () => session.memberships().some((m) => m.organizationKind === 'nhri' && m.approved);
  const writableVoices = (): Voice[] => VOICES.filter((v) => (v === 'government' ? isDrafter() : isNhri()));
  const blockDirs = createMemo(() => new Map((plan.latest?.blocks ?? []).map((b) => [b.id, b.dir])));
  const measuredBlockIds = createMemo(() => new Set((measures.latest ?? []).map((m) => m.blockId)));

  const refreshFigures = () => {
    void refetchDashboard();
    void refetchRows();
    void refetchMeasures();
  };

  onMount(() => {
    const onFocus = () => refreshFigures();
    window.addEventListener('focus', onFocus);
    let seq = 0;
    const channel = openChannel(params.id, {
      lastSeq: () => seq,
      onSubscribed: (value) => {
        seq = value;
      },
      onEvent: (message) => {
        seq = message.seq;
        if (message.kind === 'assessment.saved') {
          refreshFigures();
          setAnnouncement(t('monitoring.live.updated'));
        }
      },
      onPresence: () => {},
      onStatus: () => {},
    });
    onCleanup(() => {
      window.removeEventListener('focus', onFocus);
      channel.close();
    });
  });

  const onPeriodsChanged = async (changed: PeriodDto) => {
    await refetchPeriods();
    setSearch({ period: changed.id });
    refreshFigures();
  };

  const onPeriodClosed = async (closed: PeriodDto) => {
    await onPeriodsChanged(closed);
    setAnnouncement(t('monitoring.period.closedDone', { label: closed.label }));
  };

  return (
    <section class="page page--wide monitoring">
      <PageHeading title={t('monitoring.title')} />
      <nav class="monitoring__links" aria-label={t('monitoring.title')}>
        <A href={`/documents/${encodeURIComponent(params.id)}`}>
          {t('monitoring.back')} <Show when={plan.latest}>{(p) => <bdi>{p().document.title}</bdi>}</Show>
        </A>
        <A href="/notifications">{t('monitoring.notificationsLink')}</A>
      </nav>
      <p class="muted">{t('monitoring.live')}</p>
      <p class="visually-hidden" role="status">
        {announcement()}
      </p>

      <ResourceView resource={periods} onRetry={refetchPeriods}>
        {(list) => (
          <>
            <div class="monitoring-toolbar">
              <Show when={list().length > 0} fallback={<p>{t('monitoring.period.none')}</p>}>
                <PeriodPicker periods={list()} value={period()?.id ?? ''} onValue={(id) => setSearch({ period: id })} />
                <Show when={dashboard.latest}>
                  {(d) => (
                    <div class="field monitoring-filter">
                      <label class="field__label" for="monitoring-responsible">
                        {t('monitoring.filter.responsible')}
                      </label>
                      <select id="monitoring-responsible" class="input select" onChange={(e) => setSearch({ responsible: e.currentTarget.value || undefined })}>
                        <option value="" selected={responsible() === ''}>
                          {t('monitoring.filter.all')}
                        </option>
                        <For each={d().responsibleBodies}>
                          {(body) => (
                            <option value={body} selected={responsible() === body}>
                              {body}
                            </option>
                          )}
                        </For>
                      </select>
                    </div>
                  )}
                </Show>
              </Show>
            </div>
            <Show when={isDrafter() || isNhri()}>
              <div class="monitoring-period-actions">
                <Show when={period()?.status === 'open' ? period() : undefined}>{(p) => <ClosePeriod period={p()} onClosed={onPeriodClosed} />}</Show>
                <OpenPeriodForm documentId={params.id} onOpened={onPeriodsChanged} />
              </div>
            </Show>
            <Show when={period()?.status === 'closed'}>
              <Alert tone="info">
                <p>{t('monitoring.period.closedNotice')}</p>
              </Alert>
            </Show>
          </>
        )}
      </ResourceView>

      <Show when={period()}>
        {(current) => (
          <>
            <ResourceView resource={dashboard} onRetry={refetchDashboard}>
              {(d) => <DashboardView dashboard={d()} documentId={params.id} />}
            </ResourceView>
            <section class="monitoring-section" aria-labelledby="measures-title">
              <h2 id="measures-title">{t('monitoring.measures.title')}</h2>
              <ResourceView resource={measures} onRetry={refetchMeasures}>
                {(list) => (
                  <ResourceView resource={rows} onRetry={refetchRows}>
                    {(r) => (
                      <MeasuresTable
                        measures={list()}
                        rows={r().rows}
                        period={current()}
                        blockDirs={blockDirs()}
                        writableVoices={writableVoices()}
                        canEditMeasures={isDrafter()}
                        onMeasureSaved={() => {
                          refreshFigures();
                          setAnnouncement(t('monitoring.editMeasure.saved'));
                        }}
                        onStale={() => {
                          void refetchPeriods();
                          refreshFigures();
                        }}
                        onSaved={() => {
                          refreshFigures();
                          setAnnouncement(t('monitoring.form.saved'));
                        }}
                      />
                    )}
                  </ResourceView>
                )}
              </ResourceView>
            </section>
          </>
        )}
      </Show>

      <Show when={isDrafter() && plan.latest}>
        {(p) => (
          <DesignateMeasures
            documentId={params.id}
            blocks={p().blocks}
            measuredBlockIds={measuredBlockIds()}
            onDone={() => {
              void refetchPlan();
              refreshFigures();
            }}
          />
        )}
      </Show>
    </section>
  );
}

function DashboardView(props: { dashboard: DashboardDto; documentId: string }) {
  const d = () => props.dashboard;
  const reportLink = (format: 'html' | 'docx' | 'json') => periodicReportUrl(props.documentId, d().period.id, format, d().responsible);
  return (
    <div class="monitoring-dashboard">
      <section class="monitoring-section" aria-labelledby="counts-title">
        <h2 id="counts-title">{t('monitoring.counts.title')}</h2>
        <p>{tp('monitoring.measureCount', d().measureCount)}</p>
        <div class="table-scroll">
          <table class="table monitoring-counts">
            <caption>{t('monitoring.counts.caption', { period: d().period.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.counts.status')}</th>
                <For each={VOICES}>{(voice) => <th scope="col">{t(VOICE_KEY[voice])}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={COUNT_ROWS}>
                {(status) => (
                  <tr>
                    <th scope="row">{t(STATUS_KEY[status])}</th>
                    <For each={VOICES}>{(voice) => <td class="numeric">{formatNumber(d().counts[voice][status])}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>

      <section class="monitoring-section" aria-labelledby="disagreements-title">
        <h2 id="disagreements-title">{t('monitoring.disagreements.title')}</h2>
        <Show when={d().disagreements.length > 0} fallback={<p>{t('monitoring.disagreements.none')}</p>}>
          <div class="table-scroll">
            <table class="table monitoring-disagreements">
              <caption>{t('monitoring.disagreements.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.measure')}</th>
                  <th scope="col">{t('monitoring.measures.responsible')}</th>
                  <For each={VOICES}>{(voice) => <th scope="col">{t(VOICE_KEY[voice])}</th>}</For>
                  <th scope="col">{t('monitoring.gap')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={sortDisagreements(d().disagreements)}>
                  {(row) => (
                    <tr data-measure-id={row.measureId}>
                      <th scope="row">
                        <bdi>{measureTitle(row)}</bdi>
                      </th>
                      <td>
                        <bdi>{row.responsible}</bdi>
                      </td>
                      <For each={VOICES}>
                        {(voice) => (
                          <td>
                            <StatusBadge status={row[voice].status} /> {percent(row[voice].progress)}
                          </td>
                        )}
                      </For>
                      <td>
                        {t(gapMessage(row.progressGap).key, { points: gapMessage(row.progressGap).points })}
                        <Show when={row.major}>
                          {' '}
                          <Badge tone="warning">{t('monitoring.major')}</Badge>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section class="monitoring-section" aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('monitoring.overdue.title')}</h2>
        <p class="muted">{t('monitoring.overdue.asOf', { date: day(d().asOf) })}</p>
        <Show when={d().overdue.length > 0} fallback={<p>{t('monitoring.overdue.none')}</p>}>
          <div class="table-scroll">
            <table class="table monitoring-overdue">
              <caption>{t('monitoring.overdue.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.measure')}</th>
                  <th scope="col">{t('monitoring.measures.responsible')}</th>
                  <th scope="col">{t('monitoring.measures.deadline')}</th>
                  <For each={VOICES}>{(voice) => <th scope="col">{t(VOICE_KEY[voice])}</th>}</For>
                </tr>
              </thead>
              <tbody>
                <For each={d().overdue}>
                  {(row) => (
                    <tr data-measure-id={row.measureId}>
                      <th scope="row">
                        <bdi>{measureTitle(row)}</bdi>
                      </th>
                      <td>
                        <bdi>{row.responsible}</bdi>
                      </td>
                      <td>
                        {day(row.deadline)} <Badge tone="warning">{tp('monitoring.overdue.days', row.daysOverdue)}</Badge>
                      </td>
                      <For each={VOICES}>
                        {(voice) => (
                          <td>
                            <StatusBadge status={row[voice]?.status ?? null} />
                            <Show when={row[voice]}>{(v) => <> {percent(v().progress)}</>}</Show>
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </section>

      <section class="monitoring-section" aria-labelledby="chart-section-title">
        <h2 id="chart-section-title" class="visually-hidden">
          {t('monitoring.chart.title')}
        </h2>
        <ProgressChart periods={d().progressByPeriod} />
      </section>

      <section class="monitoring-section" aria-labelledby="report-title">
        <h2 id="report-title">{t('monitoring.report.title')}</h2>
        <ul class="actions monitoring-report-links">
          <li>
            <a class="button button--secondary" href={reportLink('html')}>
              {t('monitoring.report.html')}
            </a>
          </li>
          <li>
            <a class="button button--secondary" href={reportLink('docx')} download="">
              {t('monitoring.report.docx')}
            </a>
          </li>
          <li>
            <a class="button button--secondary" href={reportLink('json')} download="">
              {t('monitoring.report.json')}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
