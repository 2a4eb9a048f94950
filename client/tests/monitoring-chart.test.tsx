/**
 * The progress chart rendered in happy-dom: an SVG with a title and a description, both series
 * named in words with distinct markers, time mirrored in Arabic, and the same figures as a table.
 */
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import type { PeriodProgressDto } from '../../shared/monitoring.ts';
import { ProgressChart } from '../src/features/monitoring/ProgressChart.tsx';
import { ar } from '../src/i18n/ar.ts';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';

const periods: PeriodProgressDto[] = [
  { periodId: 'p1', label: 'H1 2026', startsOn: '2026-01-01', endsOn: '2026-06-30', government: { average: 40, assessed: 3 }, nhri: { average: 20, assessed: 2 } },
  { periodId: 'p2', label: 'H2 2026', startsOn: '2026-07-01', endsOn: '2026-12-31', government: { average: 80, assessed: 3 }, nhri: { average: null, assessed: 0 } },
];

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
  setLanguage('en');
});

function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  dispose = render(() => <ProgressChart periods={periods} />, root);
  return root;
}

const circleXs = (root: HTMLElement) => [...root.querySelectorAll('circle.chart__marker--government')].map((c) => Number(c.getAttribute('cx')));

describe('progress chart', () => {
  it('has an accessible name, a description, a legend in words and a data table', () => {
    setLanguage('en');
    const root = mount();
    const svg = root.querySelector('svg.chart__svg') as SVGSVGElement;
    expect(svg.getAttribute('role')).toBe('img');
    const title = root.querySelector(`#${svg.getAttribute('aria-labelledby')}`);
    expect(title?.textContent).toBe(en['monitoring.chart.title']);
    expect(root.querySelector(`#${svg.getAttribute('aria-describedby')}`)?.textContent).toBe(en['monitoring.chart.description']);
    expect(root.querySelector('.chart__legend')?.textContent).toContain(en['monitoring.voice.government']);
    expect(root.querySelector('.chart__legend')?.textContent).toContain(en['monitoring.voice.nhri']);
    // Government points are circles, NHRI points squares (plus one of each in the legend); the NHRI has no value in H2.
    expect(root.querySelectorAll('circle.chart__marker--government')).toHaveLength(2 + 1);
    expect(root.querySelectorAll('.chart__series--nhri rect.chart__marker--nhri')).toHaveLength(1);
    const rows = [...root.querySelectorAll('.chart__data tbody tr')].map((tr) => tr.textContent ?? '');
    expect(rows[1]).toContain(en['monitoring.chart.noValue']);
    expect(rows[0]).toContain('40%');
  });

  it('runs time from right to left in Arabic', () => {
    setLanguage('en');
    let root = mount();
    const ltr = circleXs(root.querySelector('.chart__series--government') as HTMLElement);
    dispose?.();
    document.body.innerHTML = '';
    setLanguage('ar');
    root = mount();
    const rtl = circleXs(root.querySelector('.chart__series--government') as HTMLElement);
    expect(ltr[0]).toBeLessThan(ltr[1]);
    expect(rtl[0]).toBeGreaterThan(rtl[1]);
    expect(root.querySelector('figcaption')?.textContent).toBe(ar['monitoring.chart.title']);
  });
});
