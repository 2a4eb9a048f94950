/**
 * A measure's history in a modal <dialog> labelled by its heading: its line's text in every
 * version of the plan (flagged when the line left the plan), the edits of its fields, and every
 * entry both voices saved for the chosen period (GET /measures/:id/history and
 * /measures/:id/assessments/:periodId/history). Read-only; Escape or Close closes it.
 */
import { createResource, For, Show } from 'solid-js';
import type { MeasureDto, MeasureField, PeriodDto } from '../../../../shared/monitoring.ts';
import { getAssessmentHistory, getMeasureHistory } from '../../api/monitoring.ts';
import { Alert } from '../../components/Alert.tsx';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { modalDialog } from '../../components/modal.ts';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, formatDateTime, type MessageKey, t } from '../../i18n/index.ts';
import { measureTitle, STATUS_KEY, VOICE_KEY } from './labels.ts';
import { percent } from './ProgressChart.tsx';

const FIELD_KEY: Record<MeasureField, MessageKey> = {
  responsible: 'monitoring.measures.responsible',
  indicator: 'monitoring.measures.indicator',
  baseline: 'monitoring.measures.baseline',
  target: 'monitoring.measures.target',
  deadline: 'monitoring.measures.deadline',
};

export function MeasureHistoryDialog(props: { measure: MeasureDto; period: PeriodDto; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const id = `history-${props.measure.id}`;
  const [history, { refetch }] = createResource(() => props.measure.id, getMeasureHistory);
  const [revisions, { refetch: refetchRevisions }] = createResource(
    () => ({ measure: props.measure.id, period: props.period.id }),
    (key) => getAssessmentHistory(key.measure, key.period),
  );
  const close = modalDialog(() => dialog, () => props.onClose());
  const value = (text: string | null) => text ?? t('monitoring.history.empty');

  return (
    <dialog ref={dialog} class="monitoring-dialog monitoring-history" aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <h2 id={`${id}-title`} class="monitoring-dialog__title">
        {t('monitoring.history.title', { measure: measureTitle(props.measure.block) })}
      </h2>
      <ResourceView resource={history} onRetry={refetch}>
        {(h) => (
          <>
            <Show when={!h().inCurrentVersion}>
              <Alert tone="info">
                <p>{t('monitoring.line.gone')}</p>
              </Alert>
            </Show>
            <section aria-labelledby={`${id}-lines`}>
              <h3 id={`${id}-lines`}>{t('monitoring.history.lines')}</h3>
              <ol class="monitoring-history__list">
                <For each={h().lines}>
                  {(line) => (
                    <li data-version={line.version}>
                      <span class="muted">{t('monitoring.history.version', { version: line.version, date: formatDate(line.publishedAt) })}</span>{' '}
                      <Badge tone={line.changed ? 'warning' : 'neutral'}>{t(line.changed ? 'monitoring.history.changed' : 'monitoring.history.unchanged')}</Badge>
                      <p dir="auto" class="monitoring-history__text">
                        {line.text}
                      </p>
                    </li>
                  )}
                </For>
              </ol>
            </section>
            <section aria-labelledby={`${id}-edits`}>
              <h3 id={`${id}-edits`}>{t('monitoring.history.edits')}</h3>
              <p>{t('monitoring.history.created', { date: formatDateTime(h().createdAt) })}</p>
              <Show when={h().edits.length > 0} fallback={<p>{t('monitoring.history.noEdits')}</p>}>
                <ol class="monitoring-history__list">
                  <For each={h().edits}>
                    {(edit) => (
                      <li>
                        <span class="muted">{formatDateTime(edit.at)}</span>
                        <ul>
                          <For each={edit.changes}>
                            {(change) => (
                              <li dir="auto">
                                {t('monitoring.history.change', { field: t(FIELD_KEY[change.field]), from: value(change.from), to: value(change.to) })}
                              </li>
                            )}
                          </For>
                        </ul>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </section>
          </>
        )}
      </ResourceView>
      <section aria-labelledby={`${id}-revisions`}>
        <h3 id={`${id}-revisions`}>{t('monitoring.history.assessments', { period: props.period.label })}</h3>
        <ResourceView resource={revisions} onRetry={refetchRevisions}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p>{t('monitoring.history.noAssessments')}</p>}>
              <ol class="monitoring-history__list">
                <For each={list()}>
                  {(r) => (
                    <li data-voice={r.voice} data-revision={r.revision}>
                      <span class="muted">
                        {t('monitoring.history.revision', { voice: t(VOICE_KEY[r.voice]), revision: r.revision, date: formatDateTime(r.savedAt), organization: r.organization.name })}
                      </span>{' '}
                      <Show when={r.current}>
                        <Badge tone="success">{t('monitoring.history.current')}</Badge>
                      </Show>
                      <p>
                        {t(STATUS_KEY[r.status])} · {percent(r.progress)}
                      </p>
                      <Show when={r.evidence}>
                        <p dir="auto" class="monitoring-history__text">
                          {r.evidence}
                        </p>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          )}
        </ResourceView>
      </section>
      <div class="actions">
        <Button variant="secondary" onClick={close}>
          {t('monitoring.history.close')}
        </Button>
      </div>
    </dialog>
  );
}
