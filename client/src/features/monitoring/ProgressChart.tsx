/**
 * Average progress per reporting period for both voices, drawn with SVG by components. Readable
 * without colour (each series has its own line pattern and marker shape, and a legend in words),
 * mirrored in right-to-left layouts (the oldest period on the reading start side), with a title
 * and a description for assistive technology and the same figures as a table.
 */
import { createUniqueId, For, Show } from 'solid-js';
import type { PeriodProgressDto, Voice } from '../../../../shared/monitoring.ts';
import { direction, formatNumber, t } from '../../i18n/index.ts';
import { type ChartPoint, DEFAULT_BOX, linePath, seriesPoints, xPosition, Y_TICKS, yPosition } from './chart.ts';
import { VOICE_KEY } from './labels.ts';

const box = DEFAULT_BOX;
const VOICES: readonly Voice[] = ['government', 'nhri'];

export const percent = (value: number) => formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 1 });

function Marker(props: { voice: Voice; x: number; y: number }) {
  return (
    <Show when={props.voice === 'nhri'} fallback={<circle class="chart__marker chart__marker--government" cx={props.x} cy={props.y} r="5" />}>
      <rect class="chart__marker chart__marker--nhri" x={props.x - 5} y={props.y - 5} width="10" height="10" />
    </Show>
  );
}

/** A swatch of a series (its line pattern and marker) for the legend. */
function Swatch(props: { voice: Voice }) {
  return (
    <svg class="chart__swatch" width="36" height="14" viewBox="0 0 36 14" aria-hidden="true">
      <line class={`chart__line chart__line--${props.voice}`} x1="2" y1="7" x2="34" y2="7" />
      <Marker voice={props.voice} x={18} y={7} />
    </svg>
  );
}

export function ProgressChart(props: { periods: readonly PeriodProgressDto[] }) {
  const id = createUniqueId();
  const rtl = () => direction() === 'rtl';
  const values = (voice: Voice) => props.periods.map((p) => p[voice].average);
  const points = (voice: Voice): ChartPoint[] => seriesPoints(values(voice), box, rtl());
  const hasData = () => props.periods.some((p) => p.government.average !== null || p.nhri.average !== null);
  const axisStart = () => (rtl() ? box.width - box.start : box.start);
  const axisEnd = () => (rtl() ? box.end : box.width - box.end);
  const tickLabelX = () => (rtl() ? box.width - box.start / 2 : box.start / 2);

  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="chart__caption">
        {t('monitoring.chart.title')}
      </figcaption>
      <Show when={hasData()} fallback={<p>{t('monitoring.chart.empty')}</p>}>
        <ul class="chart__legend">
          <For each={VOICES}>
            {(voice) => (
              <li>
                <Swatch voice={voice} /> {t(VOICE_KEY[voice])}
              </li>
            )}
          </For>
        </ul>
        <svg class="chart__svg" viewBox={`0 0 ${box.width} ${box.height}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} data-direction={direction()}>
          <title id={`${id}-title`}>{t('monitoring.chart.title')}</title>
          <desc id={`${id}-desc`}>{t('monitoring.chart.description')}</desc>
          <For each={Y_TICKS}>
            {(tick) => (
              <g class="chart__tick">
                <line class="chart__grid" x1={axisStart()} x2={axisEnd()} y1={yPosition(tick, box)} y2={yPosition(tick, box)} />
                <text class="chart__label" x={tickLabelX()} y={yPosition(tick, box) + 4} text-anchor="middle">
                  {percent(tick)}
                </text>
              </g>
            )}
          </For>
          <For each={props.periods}>
            {(period, index) => (
              <text class="chart__label" x={xPosition(index(), props.periods.length, box, rtl())} y={box.height - box.bottom + 22} text-anchor="middle">
                {period.label}
              </text>
            )}
          </For>
          <For each={VOICES}>
            {(voice) => (
              <g class={`chart__series chart__series--${voice}`}>
                <path class={`chart__line chart__line--${voice}`} d={linePath(points(voice))} />
                <For each={points(voice)}>
                  {(point) => (
                    <g>
                      <title>{t('monitoring.chart.point', { voice: t(VOICE_KEY[voice]), period: props.periods[point.index]?.label ?? '', value: percent(point.value) })}</title>
                      <Marker voice={voice} x={point.x} y={point.y} />
                    </g>
                  )}
                </For>
              </g>
            )}
          </For>
        </svg>
        <details class="chart__data">
          <summary>{t('monitoring.chart.table')}</summary>
          <div class="table-scroll">
            <table class="table">
              <caption class="visually-hidden">{t('monitoring.chart.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.chart.period')}</th>
                  <For each={VOICES}>
                    {(voice) => (
                      <>
                        <th scope="col">{t('monitoring.chart.average', { voice: t(VOICE_KEY[voice]) })}</th>
                        <th scope="col">{t('monitoring.chart.assessed', { voice: t(VOICE_KEY[voice]) })}</th>
                      </>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For each={props.periods}>
                  {(period) => (
                    <tr>
                      <th scope="row">
                        <bdi>{period.label}</bdi>
                      </th>
                      <For each={VOICES}>
                        {(voice) => (
                          <>
                            <td>{period[voice].average === null ? t('monitoring.chart.noValue') : percent(period[voice].average as number)}</td>
                            <td>{formatNumber(period[voice].assessed)}</td>
                          </>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </details>
      </Show>
    </figure>
  );
}
