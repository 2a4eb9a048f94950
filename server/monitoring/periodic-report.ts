/**
 * The periodic monitoring report of one period: per measure the provision, indicator and target,
 * both voices side by side, the trend since the previous period and the open comments on its
 * line; plus the summary and the overdue list. Built once as JSON (PeriodicReport in shared/),
 * then rendered as HTML (report-html.ts) or Word (report-docx.ts).
 */

import type { PeriodicReportDto, ReportMeasureDto, ReportThreadDto } from '../../shared/monitoring.ts';
import type { ThreadDto } from '../../shared/threads.ts';
import type { Db } from '../db/database.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { attachmentDisposition, CONTENT_TYPES } from '../documents/export/content-type.ts';
import { CSP_REPORT_PATH } from '../http/csp-report.routes.ts';
import type { Actor } from '../policy/actor.ts';
import { listThreads } from '../threads/threads.service.ts';
import { computeDashboard } from './dashboard.ts';
import type * as repo from './monitoring.repository.ts';
import { loadPeriod } from './monitoring.service.ts';
import { loadPlanView, type PlanView } from './plan-view.ts';
import { toPeriodDto } from './present.ts';
import { toReportDocx } from './report-docx.ts';
import { toReportHtml } from './report-html.ts';
import { matchesResponsible, todayUtc, trendOf } from './rules.ts';

const EXCERPT_LENGTH = 280;

/** A thread as the report lists it: built from the presenter's DTO, so it never says more than the thread list. */
export function toReportThread(t: ThreadDto): ReportThreadDto {
  const a = t.author;
  const who = a.name && a.organization ? `${a.name} (${a.organization.name})` : (a.name ?? a.organization?.name ?? null);
  const body = t.comments[0]?.body?.replace(/\s+/g, ' ').trim() ?? null;
  const excerpt = body && body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : body;
  return { id: t.id, kind: t.kind, who, excerpt, createdAt: t.createdAt };
}

/** Open threads the reader may see per block id, a thread listed on every line its anchor spans. */
async function openThreadsByBlock(db: Db, actor: Actor | null, view: PlanView): Promise<Map<string, ReportThreadDto[]>> {
  const threads: ThreadDto[] = await listThreads(db, actor, view.plan.row.id, { status: 'open' });
  const { blocks } = await versionBlocks(db, view.plan.row.id, view.plan.row.current_version);
  const position = new Map(blocks.map((b) => [b.id, b.ordinal]));
  const byBlock = new Map<string, ReportThreadDto[]>();
  const add = (id: string, thread: ReportThreadDto) => byBlock.set(id, [...(byBlock.get(id) ?? []), thread]);
  for (const t of [...threads].sort((x, y) => x.createdAt.localeCompare(y.createdAt))) {
    const thread = toReportThread(t);
    const from = position.get(t.anchor.start.blockId);
    const to = position.get(t.anchor.end.blockId);
    if (from === undefined || to === undefined) {
      add(t.anchor.start.blockId, thread);
      if (t.anchor.end.blockId !== t.anchor.start.blockId) add(t.anchor.end.blockId, thread);
      continue;
    }
    for (let i = from; i <= to; i++) add(blocks[i].id, thread);
  }
  return byBlock;
}

const voiceOf = (a: repo.AssessmentRow | null) =>
  a ? { status: a.status, progress: a.progress, evidence: a.evidence, impact: a.impact, impactRating: a.impact_rating, organization: a.organization_name } : null;

export async function buildReport(db: Db, actor: Actor | null, documentId: string, periodId: string, responsible: string | null, now = new Date()): Promise<PeriodicReportDto> {
  const view = await loadPlanView(db, actor, documentId);
  await loadPeriod(db, documentId, periodId);
  const dashboard = computeDashboard(view, periodId, responsible, todayUtc(now));
  const index = view.periods.findIndex((p) => p.id === periodId);
  const previous = index > 0 ? view.periods[index - 1] : null;
  const threads = await openThreadsByBlock(db, actor, view);
  const overdue = new Set(dashboard.overdue.map((o) => o.measureId));
  const disagreeing = new Set(dashboard.disagreements.map((d) => d.measureId));
  const measures: ReportMeasureDto[] = view.measures
    .filter((m) => matchesResponsible(m.responsible, responsible))
    .map((m) => {
      const own = view.own(m.id, periodId);
      const before = previous ? view.effective(m.id, index - 1) : { government: null, nhri: null };
      return {
        measureId: m.id,
        blockId: m.block_id,
        label: m.block.label,
        text: m.block.text,
        inCurrentVersion: m.block.inCurrentVersion,
        responsible: m.responsible,
        indicator: m.indicator,
        baseline: m.baseline,
        target: m.target,
        deadline: m.deadline,
        government: voiceOf(own.government),
        nhri: voiceOf(own.nhri),
        trend: { government: trendOf(before.government, own.government), nhri: trendOf(before.nhri, own.nhri) },
        openThreads: threads.get(m.block_id)?.length ?? 0,
        openThreadList: threads.get(m.block_id) ?? [],
        disagreement: disagreeing.has(m.id),
        overdue: overdue.has(m.id),
      };
    });
  const current = dashboard.progressByPeriod[index];
  const { row } = view.plan;
  return {
    document: { id: row.id, title: row.title, language: row.language, version: row.current_version },
    period: dashboard.period,
    previousPeriod: previous ? toPeriodDto(previous) : null,
    responsible,
    asOf: dashboard.asOf,
    generatedAt: now.toISOString(),
    summary: {
      measureCount: dashboard.measureCount,
      counts: dashboard.counts,
      averageProgress: { government: current.government.average, nhri: current.nhri.average },
      disagreements: dashboard.disagreements.length,
      overdue: dashboard.overdue.length,
    },
    measures,
    disagreements: dashboard.disagreements,
    overdue: dashboard.overdue,
  };
}

export interface ReportFile {
  body: string | Buffer;
  contentType: string;
  disposition: string | null;
  /** HTML only: the report's own Content-Security-Policy (its print styles are inline). */
  csp?: string;
}

// default-src 'none' also means no script and no plugin (object-src); violations are reported.
export const REPORT_CSP = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; report-uri ${CSP_REPORT_PATH}`;

export async function reportFile(
  db: Db,
  actor: Actor | null,
  documentId: string,
  periodId: string,
  format: 'json' | 'html' | 'docx',
  responsible: string | null,
): Promise<ReportFile> {
  const report = await buildReport(db, actor, documentId, periodId, responsible);
  const name = `${report.document.title} - ${report.period.label}`;
  if (format === 'html') return { body: toReportHtml(report), contentType: CONTENT_TYPES.html, disposition: attachmentDisposition(`${name}.html`, 'inline'), csp: REPORT_CSP };
  if (format === 'docx') return { body: await toReportDocx(report), contentType: CONTENT_TYPES.docx, disposition: attachmentDisposition(`${name}.docx`) };
  return { body: JSON.stringify(report), contentType: CONTENT_TYPES.json, disposition: null };
}
