/**
 * Geometry of the progress chart, as pure functions (unit-tested): where each period sits on
 * the time axis (mirrored in right-to-left layouts, so time runs the way the reader reads),
 * where a percentage sits on the vertical axis, and the SVG path of a series with gaps where a
 * voice did not assess anything.
 */

export interface ChartBox {
  width: number;
  height: number;
  top: number;
  bottom: number;
  /** Space on the side where the time axis starts (the value labels live there). */
  start: number;
  end: number;
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 280, top: 20, bottom: 56, start: 72, end: 64 };

/** Horizontal position of period `index` of `count`; the first period is on the reading start side. */
export function xPosition(index: number, count: number, box: ChartBox, rtl: boolean): number {
  const plot = box.width - box.start - box.end;
  const fromStart = count <= 1 ? plot / 2 : (plot * index) / (count - 1);
  return rtl ? box.width - box.start - fromStart : box.start + fromStart;
}

/** Vertical position of a percentage (clamped to 0–100); 100% at the top. */
export function yPosition(percent: number, box: ChartBox): number {
  const value = Math.min(100, Math.max(0, percent));
  const plot = box.height - box.top - box.bottom;
  return box.top + plot * (1 - value / 100);
}

export const Y_TICKS = [0, 25, 50, 75, 100] as const;

export interface ChartPoint {
  x: number;
  y: number;
  index: number;
  value: number;
}

/** The points of one series; periods without a value (null) have no point. */
export function seriesPoints(values: readonly (number | null)[], box: ChartBox, rtl: boolean): ChartPoint[] {
  const points: ChartPoint[] = [];
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) return;
    points.push({ x: round(xPosition(index, values.length, box, rtl)), y: round(yPosition(value, box)), index, value });
  });
  return points;
}

/** An SVG path through the points; a missing period breaks the line instead of bridging it. */
export function linePath(points: readonly ChartPoint[]): string {
  let path = '';
  points.forEach((point, i) => {
    const joined = i > 0 && points[i - 1].index === point.index - 1;
    path += `${path ? ' ' : ''}${joined ? 'L' : 'M'}${point.x} ${point.y}`;
  });
  return path;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
