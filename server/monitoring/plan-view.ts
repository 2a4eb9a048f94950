/**
 * Everything the dashboard and the periodic report read about one plan, loaded once for a
 * reader: the plan, its measures (with their lines, in document order), its periods in
 * reporting order, and every entry indexed by measure and period.
 */
import type { Voice } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import { loadReadableDocument } from '../documents/access.ts';
import type { Actor } from '../policy/actor.ts';
import * as repo from './monitoring.repository.ts';
import type { Plan } from './monitoring.service.ts';
import { byDocumentOrder, type MeasureBlockDto, measureBlocks } from './present.ts';
import type { VoicePair } from './rules.ts';

export type ViewMeasure = repo.MeasureRow & { block: MeasureBlockDto };

export interface PlanView {
  plan: Plan;
  measures: ViewMeasure[];
  periods: repo.PeriodRow[];
  /** The entries of a measure in a period, per voice (nulls when absent). */
  own(measureId: string, periodId: string): VoicePair<repo.AssessmentRow>;
  /** Per voice: the entry of the period at `index`, or else that voice's latest earlier one. */
  effective(measureId: string, index: number): VoicePair<repo.AssessmentRow>;
}

export async function loadPlanView(db: Db, actor: Actor | null, documentId: string): Promise<PlanView> {
  const plan = await loadReadableDocument(db, actor, documentId);
  const rows = await repo.listMeasures(db, documentId);
  const blocks = await measureBlocks(
    db,
    documentId,
    plan.row.current_version,
    rows.map((m) => m.block_id),
  );
  const measures = byDocumentOrder(rows.map((m) => ({ ...m, block: blocks.get(m.block_id) as MeasureBlockDto })));
  const periods = await repo.listPeriods(db, documentId);
  const index = new Map<string, repo.AssessmentRow>();
  for (const a of await repo.listDocumentAssessments(db, documentId)) index.set(`${a.measure_id}:${a.period_id}:${a.voice}`, a);
  const get = (measureId: string, periodId: string, voice: Voice) => index.get(`${measureId}:${periodId}:${voice}`) ?? null;
  const own = (measureId: string, periodId: string) => ({ government: get(measureId, periodId, 'government'), nhri: get(measureId, periodId, 'nhri') });
  const effective = (measureId: string, at: number) => {
    const pair: VoicePair<repo.AssessmentRow> = { government: null, nhri: null };
    for (let i = at; i >= 0 && (!pair.government || !pair.nhri); i--) {
      pair.government ??= get(measureId, periods[i].id, 'government');
      pair.nhri ??= get(measureId, periods[i].id, 'nhri');
    }
    return pair;
  };
  return { plan, measures, periods, own, effective };
}
