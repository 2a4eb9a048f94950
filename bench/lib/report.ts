/** The result rows every benchmark returns, and the table they make (console and Markdown). */
export interface Row {
  figure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  /** true / false; null when there is no target or the figure could not be measured. */
  pass: boolean | null;
  /** Cause and gap when a target is missed, or what the figure means. */
  note?: string;
}

export interface Section {
  title: string;
  rows: Row[];
  /** Extra Markdown shown after the main table (growth tables, details). */
  details?: string;
  seconds?: number;
}

export const ratio = (ours: number, baseline: number, digits = 2) =>
  Number.isFinite(ours) && Number.isFinite(baseline) && baseline !== 0 ? (ours / baseline).toFixed(digits) : '–';

export function verdict(pass: boolean | null, unmeasurable = false): string {
  if (unmeasurable) return 'not yet measurable';
  return pass === null ? '–' : pass ? 'pass' : 'FAIL';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: Row[]): string {
  const lines = ['| figure | ours | baseline | ratio | target | result |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows)
    lines.push(
      `| ${[r.figure, r.ours, r.baseline, r.ratio, r.target, r.pass === null && r.note?.startsWith('not yet measurable') ? 'not yet measurable' : verdict(r.pass)].map(cell).join(' | ')} |`,
    );
  return lines.join('\n');
}

export function consoleTable(rows: Row[]): string {
  const header = ['figure', 'ours', 'baseline', 'ratio', 'target', 'result'];
  const data = rows.map((r) => [
    r.figure,
    r.ours,
    r.baseline,
    r.ratio,
    r.target,
    r.pass === null && r.note?.startsWith('not yet measurable') ? 'not yet measurable' : verdict(r.pass),
  ]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...data.map((d) => d[i].length))));
  const fmt = (cols: string[]) => cols.map((c, i) => (c.length > widths[i] ? `${c.slice(0, widths[i] - 1)}…` : c.padEnd(widths[i]))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...data.map(fmt)].join('\n');
}
