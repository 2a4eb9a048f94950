// @vitest-environment node
/** The monitoring feature's pure helpers: chart geometry (mirrored in RTL) and display rules. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX, linePath, seriesPoints, xPosition, yPosition } from '../src/features/monitoring/chart.ts';
import { gapMessage, measureName, measureTitle, parseProgress, sortDisagreements, statusTone } from '../src/features/monitoring/labels.ts';

const box = { width: 200, height: 120, top: 10, bottom: 10, start: 20, end: 20 };

describe('progress chart geometry', () => {
  it('puts the first period on the reading start side and mirrors the time axis in RTL', () => {
    expect(xPosition(0, 3, box, false)).toBe(20);
    expect(xPosition(2, 3, box, false)).toBe(180);
    expect(xPosition(0, 3, box, true)).toBe(180);
    expect(xPosition(2, 3, box, true)).toBe(20);
    expect(xPosition(1, 3, box, true)).toBe(xPosition(1, 3, box, false));
  });

  it('centres a single period', () => {
    expect(xPosition(0, 1, box, false)).toBe(100);
    expect(xPosition(0, 1, box, true)).toBe(100);
  });

  it('maps 0–100% to the plot height, 100% at the top, clamped', () => {
    expect(yPosition(100, box)).toBe(10);
    expect(yPosition(0, box)).toBe(110);
    expect(yPosition(50, box)).toBe(60);
    expect(yPosition(150, box)).toBe(10);
    expect(yPosition(-5, box)).toBe(110);
  });

  it('skips periods without a value and breaks the line there', () => {
    const points = seriesPoints([10, null, 30, 40], box, false);
    expect(points.map((p) => p.index)).toEqual([0, 2, 3]);
    const path = linePath(points);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
    expect(path.startsWith(`M${points[0].x} ${points[0].y}`)).toBe(true);
  });

  it('draws mirrored paths for the same data in RTL', () => {
    const ltr = seriesPoints([0, 100], DEFAULT_BOX, false);
    const rtl = seriesPoints([0, 100], DEFAULT_BOX, true);
    expect(rtl.map((p) => p.x)).toEqual(ltr.map((p) => DEFAULT_BOX.width - p.x));
    expect(rtl[0].x).toBeGreaterThan(rtl[1].x);
    expect(rtl.map((p) => p.y)).toEqual(ltr.map((p) => p.y));
    expect(linePath([])).toBe('');
  });
});

describe('disagreement display', () => {
  it('says which way the government differs from the NHRI, in points', () => {
    expect(gapMessage(40)).toEqual({ key: 'monitoring.gap.higher', points: 40 });
    expect(gapMessage(-15)).toEqual({ key: 'monitoring.gap.lower', points: 15 });
    expect(gapMessage(0)).toEqual({ key: 'monitoring.gap.same', points: 0 });
  });

  it('lists major disagreements first, then by gap size', () => {
    const rows = [
      { id: 'a', major: false, progressGap: 10 },
      { id: 'b', major: true, progressGap: 5 },
      { id: 'c', major: false, progressGap: -60 },
      { id: 'd', major: true, progressGap: 70 },
    ];
    expect(sortDisagreements(rows).map((r) => r.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('names a measure by its label, else the start of its text', () => {
    expect(measureName('(a)', 'Train judges')).toBe('(a)');
    expect(measureName(null, '  Train   prosecutors  ')).toBe('Train prosecutors');
    expect(measureName(null, 'x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('tells two "(a)" lines apart by their article and the start of their text', () => {
    const first = measureTitle({ label: '(a)', parentLabel: 'Article 1', text: '(a) Train prosecutors and judges.' });
    const second = measureTitle({ label: '(a)', parentLabel: 'Article 2', text: '(a) Open two specialised shelters.' });
    expect(first).toBe('Article 1 (a) — Train prosecutors and judges.');
    expect(second).toBe('Article 2 (a) — Open two specialised shelters.');
    expect(measureTitle({ label: 'أ-', parentLabel: 'المادة 1', text: 'أ- تكوين القضاة' })).toBe('المادة 1 أ- — تكوين القضاة');
    expect(measureTitle({ label: null, parentLabel: null, text: 'x'.repeat(100) }, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(measureTitle({ label: 'Article 3', parentLabel: 'Chapter 2', text: '' })).toBe('Chapter 2 Article 3');
  });

  it('reads progress from 0 to 100, Arabic-Indic digits included', () => {
    expect(parseProgress('50')).toBe(50);
    expect(parseProgress(' 100 ')).toBe(100);
    expect(parseProgress('٧٥')).toBe(75);
    expect(parseProgress('101')).toBeNull();
    expect(parseProgress('-1')).toBeNull();
    expect(parseProgress('4.5')).toBeNull();
    expect(parseProgress('')).toBeNull();
  });

  it('never conveys a status by colour alone: tones only repeat the word', () => {
    expect(statusTone('completed')).toBe('success');
    expect(statusTone('delayed')).toBe('warning');
    expect(statusTone(null)).toBe('neutral');
  });
});
