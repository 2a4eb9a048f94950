/**
 * The measures of a plan in one period: the line (label and text in the line's own direction),
 * responsible body, indicator, baseline, target and deadline, and both voices side by side.
 * A button to record an entry appears only for the voices the reader may write, and only while
 * the period is open; the server still decides (403 and 409 are explained in the dialog).
 * A line gone from the current version is flagged; each measure opens its history.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Direction } from '../../../../shared/common.ts';
import type { AssessmentDto, MeasureDto, PeriodDto, Voice } from '../../../../shared/monitoring.ts';
import type { PeriodAssessmentsDto } from '../../api/monitoring.ts';
import { Badge } from '../../components/Badge.tsx';
import { Button } from '../../components/Button.tsx';
import { formatDate, formatDateTime, t } from '../../i18n/index.ts';
import { AssessmentDialog, type AssessmentTarget } from './AssessmentDialog.tsx';
import { measureTitle, RATING_KEY, VOICE_KEY } from './labels.ts';
import { LinkedText } from './LinkedText.tsx';
import { MeasureDialog } from './MeasureDialog.tsx';
import { MeasureHistoryDialog } from './MeasureHistoryDialog.tsx';
import { percent } from './ProgressChart.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const VOICES: readonly Voice[] = ['government', 'nhri'];
const day = (value: string) => formatDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

type Row = PeriodAssessmentsDto['rows'][number];

/** The line's label, unless its text already starts with it ("(a) Train judges…"). */
export function labelToShow(measure: Pick<MeasureDto, 'block'>): string | null {
  const label = measure.block.label?.trim();
  return label && !measure.block.text.trimStart().startsWith(label) ? label : null;
}

export interface MeasuresTableProps {
  measures: readonly MeasureDto[];
  rows: readonly Row[];
  period: PeriodDto;
  blockDirs: ReadonlyMap<string, Direction>;
  writableVoices: readonly Voice[];
  onSaved: () => void;
  /** Someone saved in the meantime, or the period was closed: reload. */
  onStale: () => void;
  /** Drafters of the owning organisation may edit the measures themselves. */
  canEditMeasures: boolean;
  onMeasureSaved: () => void;
}

export function MeasuresTable(props: MeasuresTableProps) {
  const [target, setTarget] = createSignal<AssessmentTarget | null>(null);
  const [saved, setSaved] = createSignal<Record<string, AssessmentDto>>({});
  const [editing, setEditing] = createSignal<MeasureDto | null>(null);
  const [viewing, setViewing] = createSignal<MeasureDto | null>(null);
  let opener: HTMLElement | null = null;
  const ordered = () => [...props.measures].sort((a, b) => (a.block.ordinal ?? Number.MAX_SAFE_INTEGER) - (b.block.ordinal ?? Number.MAX_SAFE_INTEGER));
  const rowOf = (measureId: string) => props.rows.find((r) => r.measureId === measureId);
  const entryOf = (measure: MeasureDto, voice: Voice): AssessmentDto | null => {
    const local = saved()[`${measure.id}:${voice}:${props.period.id}`];
    const fromServer = rowOf(measure.id)?.[voice] ?? null;
    if (local && (!fromServer || local.revision > fromServer.revision)) return local;
    return fromServer;
  };
  const canWrite = (voice: Voice) => props.period.status === 'open' && props.writableVoices.includes(voice);

  const open = (measure: MeasureDto, voice: Voice, event: MouseEvent) => {
    opener = event.currentTarget as HTMLElement;
    const latest = measure.latest[voice];
    setTarget({
      measureId: measure.id,
      measureName: measureTitle(measure.block),
      periodId: props.period.id,
      voice,
      current: entryOf(measure, voice),
      previous: latest ? { status: latest.status, progress: latest.progress, impactRating: latest.impactRating } : null,
    });
  };
  const closeDialog = () => {
    setTarget(null);
    const back = opener;
    if (back?.isConnected) queueMicrotask(() => back.focus());
  };

  return (
    <>
      <Show when={props.measures.length > 0} fallback={<p>{t('monitoring.measures.none')}</p>}>
        <section class="table-scroll" aria-labelledby="measures-caption" tabindex="0">
          <table class="table monitoring-measures">
            <caption id="measures-caption">{t('monitoring.measures.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.measure')}</th>
                <th scope="col">{t('monitoring.measures.details')}</th>
                <For each={VOICES}>{(voice) => <th scope="col">{t(VOICE_KEY[voice])}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={ordered()}>
                {(measure) => (
                  <tr data-measure-id={measure.id}>
                    <th scope="row" class="monitoring-measure">
                      <Show when={labelToShow(measure)}>
                        {(label) => (
                          <span class="monitoring-measure__label" dir={props.blockDirs.get(measure.blockId) ?? 'auto'}>
                            {label()}
                          </span>
                        )}
                      </Show>{' '}
                      <span class="monitoring-measure__text" dir={props.blockDirs.get(measure.blockId) ?? 'auto'}>
                        {measure.block.text}
                      </span>
                      <Show when={!measure.block.inCurrentVersion}>
                        {' '}
                        <Badge tone="warning">{t('monitoring.line.gone')}</Badge>
                      </Show>
                    </th>
                    <td>
                      <dl class="monitoring-facts">
                        <dt>{t('monitoring.measures.responsible')}</dt>
                        <dd>
                          <bdi>{measure.responsible}</bdi>
                        </dd>
                        <dt>{t('monitoring.measures.indicator')}</dt>
                        <dd dir="auto">{measure.indicator}</dd>
                        <Show when={measure.baseline}>
                          <dt>{t('monitoring.measures.baseline')}</dt>
                          <dd dir="auto">{measure.baseline}</dd>
                        </Show>
                        <dt>{t('monitoring.measures.target')}</dt>
                        <dd dir="auto">{measure.target ?? t('monitoring.measures.noValue')}</dd>
                        <dt>{t('monitoring.measures.deadline')}</dt>
                        <dd>{measure.deadline ? day(measure.deadline) : t('monitoring.measures.noValue')}</dd>
                      </dl>
                      <Button
                        variant="quiet"
                        class="button--small"
                        onClick={(event) => {
                          opener = event.currentTarget;
                          setViewing(measure);
                        }}
                      >
                        {t('monitoring.history.button')}
                        <span class="visually-hidden">
                          {' '}
                          <bdi>{measureTitle(measure.block)}</bdi>
                        </span>
                      </Button>
                      <Show when={props.canEditMeasures}>
                        <Button
                          variant="quiet"
                          class="button--small"
                          onClick={(event) => {
                            opener = event.currentTarget;
                            setEditing(measure);
                          }}
                        >
                          {t('monitoring.editMeasure.button')}
                          <span class="visually-hidden">
                            {' '}
                            <bdi>{measureTitle(measure.block)}</bdi>
                          </span>
                        </Button>
                      </Show>
                    </td>
                    <For each={VOICES}>
                      {(voice) => (
                        <td class={`monitoring-entry monitoring-entry--${voice}`} data-voice={voice}>
                          <Show when={entryOf(measure, voice)} fallback={<p class="muted">{t('monitoring.entry.none')}</p>}>
                            {(entry) => (
                              <div>
                                <p>
                                  <StatusBadge status={entry().status} />{' '}
                                  <span>
                                    {t('monitoring.entry.progress')}
                                    {': '}
                                    {percent(entry().progress)}
                                  </span>
                                </p>
                                <Show when={entry().evidence}>
                                  <p class="monitoring-entry__text">
                                    <strong>{t('monitoring.entry.evidence')}</strong>
                                    {': '}
                                    <span dir="auto">
                                      <LinkedText text={entry().evidence} />
                                    </span>
                                  </p>
                                </Show>
                                <Show when={entry().impact || entry().impactRating}>
                                  <p class="monitoring-entry__text">
                                    <strong>{t('monitoring.entry.impact')}</strong>
                                    {': '}
                                    <Show when={entry().impactRating}>{(rating) => <Badge>{t(RATING_KEY[rating()])}</Badge>}</Show> <span dir="auto">{entry().impact}</span>
                                  </p>
                                </Show>
                                <p class="muted monitoring-entry__by">
                                  {t('monitoring.entry.by', { organization: entry().organization.name, revision: entry().revision, date: formatDateTime(entry().updatedAt) })}
                                </p>
                              </div>
                            )}
                          </Show>
                          <Show when={canWrite(voice)}>
                            <Button variant="secondary" class="button--small" onClick={(event) => open(measure, voice, event)}>
                              {t('monitoring.entry.record')}
                              <span class="visually-hidden">
                                {' '}
                                {t('monitoring.entry.recordFor', { voice: t(VOICE_KEY[voice]), measure: measureTitle(measure.block) })}
                              </span>
                            </Button>
                          </Show>
                        </td>
                      )}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
      <Show when={viewing()}>
        {(measure) => (
          <MeasureHistoryDialog
            measure={measure()}
            period={props.period}
            onClose={() => {
              setViewing(null);
              closeDialog();
            }}
          />
        )}
      </Show>
      <Show when={editing()}>
        {(measure) => (
          <MeasureDialog
            measure={measure()}
            onClose={() => {
              setEditing(null);
              closeDialog();
            }}
            onSaved={props.onMeasureSaved}
          />
        )}
      </Show>
      <Show when={target()}>
        {(current) => (
          <AssessmentDialog
            target={current()}
            onClose={closeDialog}
            onStale={props.onStale}
            onSaved={(assessment) => {
              setSaved({ ...saved(), [`${assessment.measureId}:${assessment.voice}:${assessment.periodId}`]: assessment });
              props.onSaved();
            }}
          />
        )}
      </Show>
    </>
  );
}
