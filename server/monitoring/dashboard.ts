/**
 * The dashboard of one reporting period (rules in rules.ts): counts by status for each voice,
 * the disagreements, the overdue measures, average progress per voice for every period (the
 * chart), and the plan's responsible bodies for the filter. `computeDashboard` is pure.
 */
import type { DashboardDto, DisagreementDto, OverdueDto } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { loadPeriod } from './monitoring.service.ts';
import { loadPlanView, type PlanView, type ViewMeasure } from './plan-view.ts';
import { toPeriodDto } from './present.ts';
import {
  averageProgress,
  countStatuses,
  daysBetween,
  distinctBodies,
  isDisagreement,
  isMajorDisagreement,
  isOverdue,
  matchesResponsible,
  referenceDate,
  todayUtc,
  type VoiceEntry,
  type VoicePair,
} from './rules.ts';

const state = (e: VoiceEntry | null) => (e ? { status: e.status, progress: e.progress } : null);

function disagreementsOf(view: PlanView, measures: ViewMeasure[], periodId: string): DisagreementDto[] {
  const found: (DisagreementDto & { ordinal: number })[] = [];
  for (const m of measures) {
    const own = view.own(m.id, periodId);
    if (!isDisagreement(own) || !own.government || !own.nhri) continue;
    const gap = own.government.progress - own.nhri.progress;
    found.push({
      measureId: m.id,
      blockId: m.block_id,
      label: m.block.label,
      text: m.block.text,
      parentLabel: m.block.parentLabel,
      responsible: m.responsible,
      government: state(own.government) as DisagreementDto['government'],
      nhri: state(own.nhri) as DisagreementDto['nhri'],
      progressGap: gap,
      major: isMajorDisagreement(own),
      ordinal: m.block.ordinal ?? Number.MAX_SAFE_INTEGER,
    });
  }
  // Major ones first, then the widest progress gaps, then document order.
  found.sort((a, b) => Number(b.major) - Number(a.major) || Math.abs(b.progressGap) - Math.abs(a.progressGap) || a.ordinal - b.ordinal);
  return found.map(({ ordinal: _ordinal, ...d }) => d);
}

/** Overdue measures as of `asOf`, judged on each voice's effective status at period `index`. */
export function overdueOf(view: PlanView, measures: ViewMeasure[], index: number, asOf: string): OverdueDto[] {
  const list: OverdueDto[] = [];
  for (const m of measures) {
    const effective: VoicePair<VoiceEntry> = index >= 0 ? view.effective(m.id, index) : { government: null, nhri: null };
    if (!m.deadline || !isOverdue(m.deadline, effective, asOf)) continue;
    list.push({
      measureId: m.id,
      blockId: m.block_id,
      label: m.block.label,
      text: m.block.text,
      parentLabel: m.block.parentLabel,
      responsible: m.responsible,
      deadline: m.deadline,
      daysOverdue: daysBetween(m.deadline, asOf),
      government: state(effective.government),
      nhri: state(effective.nhri),
    });
  }
  return list.sort((a, b) => a.deadline.localeCompare(b.deadline));
}

export function computeDashboard(view: PlanView, periodId: string, responsible: string | null, today = todayUtc()): DashboardDto {
  const index = view.periods.findIndex((p) => p.id === periodId);
  const period = view.periods[index];
  const measures = view.measures.filter((m) => matchesResponsible(m.responsible, responsible));
  const asOf = referenceDate(period.ends_on, today);
  const ownOf = (voice: 'government' | 'nhri', pid: string) => measures.map((m) => view.own(m.id, pid)[voice]);
  return {
    period: toPeriodDto(period),
    responsible,
    asOf,
    measureCount: measures.length,
    counts: { government: countStatuses(ownOf('government', periodId)), nhri: countStatuses(ownOf('nhri', periodId)) },
    disagreements: disagreementsOf(view, measures, periodId),
    overdue: overdueOf(view, measures, index, asOf),
    progressByPeriod: view.periods.map((p) => ({
      periodId: p.id,
      label: p.label,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      government: averageProgress(ownOf('government', p.id)),
      nhri: averageProgress(ownOf('nhri', p.id)),
    })),
    responsibleBodies: distinctBodies(view.measures.map((m) => m.responsible)),
  };
}

export async function periodDashboard(db: Db, actor: Actor | null, documentId: string, periodId: string, responsible: string | null): Promise<DashboardDto> {
  const view = await loadPlanView(db, actor, documentId);
  await loadPeriod(db, documentId, periodId);
  return computeDashboard(view, periodId, responsible);
}
