/**
 * Report content as plain strings in the plan's language, shared by the HTML and Word
 * renderings so both say exactly the same thing.
 */
import type { PeriodDto, PeriodicReportDto, ReportMeasureDto } from '../../shared/monitoring.ts';
import type { ReportLabels } from './report-labels.ts';

type Voice = ReportMeasureDto['government'];
type Trend = ReportMeasureDto['trend']['government'];

export function periodText(p: PeriodDto): string {
  return `${p.label} (${p.startsOn} – ${p.endsOn})`;
}

export function provisionText(m: Pick<ReportMeasureDto, 'label' | 'text'>): string {
  return m.label && !m.text.startsWith(m.label) ? `${m.label} ${m.text}` : m.text;
}

export function statusText(l: ReportLabels, voice: { status: keyof ReportLabels['statuses']; progress: number } | null): string {
  return voice ? `${l.statuses[voice.status]} · ${voice.progress}%` : l.notAssessed;
}

/** A voice's entry as lines: status and progress, evidence, impact (with its rating). */
export function voiceLines(l: ReportLabels, v: Voice): string[] {
  if (!v) return [l.notAssessed];
  const lines = [`${l.status}: ${statusText(l, v)}`];
  if (v.evidence) lines.push(`${l.evidence}: ${v.evidence}`);
  if (v.impact || v.impactRating) lines.push(`${l.impact}: ${[v.impactRating ? l.ratings[v.impactRating] : '', v.impact].filter(Boolean).join(' — ')}`);
  return lines;
}

/** "+15 pts · In progress → Completed", "unchanged", or "—" without both entries. */
export function trendText(l: ReportLabels, t: Trend, now: Voice): string {
  if (t.progressDelta === null) return '—';
  const delta = t.progressDelta === 0 ? l.unchanged : `${t.progressDelta > 0 ? '+' : '−'}${Math.abs(t.progressDelta)} ${l.points}`;
  return t.statusChanged && t.previousStatus && now ? `${delta} · ${l.statuses[t.previousStatus]} ${l.arrow} ${l.statuses[now.status]}` : delta;
}

/** One line per voice: "Government report: +15 pts · …". */
export function trendLines(l: ReportLabels, m: ReportMeasureDto): string[] {
  return [`${l.government}: ${trendText(l, m.trend.government, m.government)}`, `${l.nhri}: ${trendText(l, m.trend.nhri, m.nhri)}`];
}

/** One line per open thread: "Question · Name (Organisation) · 2026-05-02: excerpt". */
export function threadLines(l: ReportLabels, m: ReportMeasureDto): string[] {
  return m.openThreadList.map((t) => `${threadHead(l, t)}: ${t.excerpt ?? l.commentUnavailable}`);
}

export function threadHead(l: ReportLabels, t: ReportMeasureDto['openThreadList'][number]): string {
  return `${l.threadKinds[t.kind]} · ${t.who ?? l.anonymous} · ${t.createdAt.slice(0, 10)}`;
}

export function targetLines(l: ReportLabels, m: ReportMeasureDto): string[] {
  return [
    `${l.responsible}: ${m.responsible}`,
    `${l.indicator}: ${m.indicator}`,
    ...(m.baseline ? [`${l.baseline}: ${m.baseline}`] : []),
    ...(m.target ? [`${l.target}: ${m.target}`] : []),
    ...(m.deadline ? [`${l.deadline}: ${m.deadline}`] : []),
  ];
}

/** Summary rows: one per status with both voices' counts, then the totals. */
export function summaryRows(l: ReportLabels, r: PeriodicReportDto): string[][] {
  const { counts, averageProgress } = r.summary;
  const statuses = Object.keys(l.statuses) as (keyof ReportLabels['statuses'])[];
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
  return [
    ...statuses.map((s) => [l.statuses[s], String(counts.government[s]), String(counts.nhri[s])]),
    [l.notAssessed, String(counts.government.not_assessed), String(counts.nhri.not_assessed)],
    [l.averageProgress, pct(averageProgress.government), pct(averageProgress.nhri)],
  ];
}

export function overdueRow(l: ReportLabels, o: PeriodicReportDto['overdue'][number]): string[] {
  return [provisionText(o), o.responsible, o.deadline, String(o.daysOverdue), statusText(l, o.government), statusText(l, o.nhri)];
}

export function disagreementRow(l: ReportLabels, d: PeriodicReportDto['disagreements'][number], text: string): string[] {
  return [text, d.responsible, statusText(l, d.government), statusText(l, d.nhri), `${d.progressGap > 0 ? '+' : ''}${d.progressGap}`];
}
