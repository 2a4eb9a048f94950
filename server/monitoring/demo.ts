/**
 * Demo monitoring for the demo action plan (called by the demo seeder inside its transaction,
 * with that transaction only: the embedded database has one connection). Designates the plan's
 * `point` lines (or, without any, its paragraphs) as measures, opens the previous half-year
 * (closed) and the current one (open), and writes both voices' entries — with disagreements and
 * overdue measures. The content is written for 2026 H1 and H2; its dates move with the calendar
 * so that the demo never goes stale.
 */
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { appendEvent } from '../events/event-log.ts';
import { DEMO_MEASURES_AR, DEMO_MEASURES_EN, type DemoEntry } from './demo-content.ts';

export interface DemoMonitoringContext {
  documentId: string;
  drafterId: string;
  nhriAccountId: string;
  governmentOrgId: string;
  nhriOrgId: string;
}

/** Months from the content's calendar (current half-year = 2026 H2) to the half-year containing `today`. */
export function demoShift(today = new Date()): number {
  return (today.getUTCFullYear() - 2026) * 12 + (today.getUTCMonth() < 6 ? -6 : 0);
}

/** A calendar date moved by whole months; a month's last day stays the last day. */
export function shiftMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const day = d === lastDay(y, m - 1) ? lastDay(target.getUTCFullYear(), target.getUTCMonth()) : Math.min(d, lastDay(target.getUTCFullYear(), target.getUTCMonth()));
  target.setUTCDate(day);
  return target.toISOString().slice(0, 10);
}

/** The previous half-year (closed) and the current one (open), labelled "2026 H1". */
export function demoPeriods(shift: number) {
  const period = (startsOn: string, endsOn: string, closed: boolean, key: 'h1' | 'h2') => {
    const from = shiftMonths(startsOn, shift);
    return { label: `${from.slice(0, 4)} H${Number(from.slice(5, 7)) < 7 ? 1 : 2}`, starts_on: from, ends_on: shiftMonths(endsOn, shift), closed, key };
  };
  return [period('2026-01-01', '2026-06-30', true, 'h1'), period('2026-07-01', '2026-12-31', false, 'h2')];
}

async function measureBlockIds(trx: Db, documentId: string, version: number, count: number): Promise<string[]> {
  for (const kind of ['point', 'paragraph'] as const) {
    const rows = await trx
      .selectFrom('block')
      .select('block_id')
      .where('document_id', '=', documentId)
      .where('version_number', '=', version)
      .where('kind', '=', kind)
      .orderBy('ordinal')
      .limit(count)
      .execute();
    if (rows.length) return rows.map((r) => r.block_id);
  }
  return [];
}

/** Returns how many measures it designated (0 when the plan has no point or paragraph line). */
export async function seedDemoMonitoring(trx: Db, context: DemoMonitoringContext, today = new Date()): Promise<number> {
  const doc = await trx.selectFrom('document').select(['language', 'current_version']).where('id', '=', context.documentId).executeTakeFirstOrThrow();
  const content = doc.language === 'ar' ? DEMO_MEASURES_AR : DEMO_MEASURES_EN;
  const blockIds = await measureBlockIds(trx, context.documentId, doc.current_version, content.length);
  if (!blockIds.length) return 0;

  const shift = demoShift(today);
  const periods = demoPeriods(shift);
  const periodIds = { h1: newId(), h2: newId() };
  for (const p of periods) {
    await trx
      .insertInto('reporting_period')
      .values({ id: periodIds[p.key], document_id: context.documentId, label: p.label, starts_on: p.starts_on, ends_on: p.ends_on, created_by: context.nhriAccountId })
      .execute();
  }
  const voices = [
    { voice: 'government' as const, organization_id: context.governmentOrgId, author_id: context.drafterId },
    { voice: 'nhri' as const, organization_id: context.nhriOrgId, author_id: context.nhriAccountId },
  ];
  for (const [i, blockId] of blockIds.entries()) {
    const m = content[i];
    const measureId = newId();
    await trx
      .insertInto('measure')
      .values({
        id: measureId,
        document_id: context.documentId,
        block_id: blockId,
        responsible: m.responsible,
        indicator: m.indicator,
        baseline: m.baseline ?? null,
        target: m.target ?? null,
        deadline: shiftMonths(m.deadline, shift),
        created_by: context.drafterId,
      })
      .execute();
    for (const p of periods) {
      for (const [v, who] of voices.entries()) {
        const entry: DemoEntry | null = m[p.key][v];
        if (!entry) continue;
        await trx
          .insertInto('assessment')
          .values({
            id: newId(),
            measure_id: measureId,
            period_id: periodIds[p.key],
            voice: who.voice,
            status: entry.status,
            progress: entry.progress,
            evidence: entry.evidence,
            impact: entry.impact,
            impact_rating: entry.rating ?? null,
            organization_id: who.organization_id,
            author_id: who.author_id,
          })
          .execute();
        await appendEvent(trx, context.documentId, 'assessment.saved', { measureId, periodId: periodIds[p.key], voice: who.voice }, who.author_id);
      }
    }
  }
  // Closed after its entries were written, as a real period is.
  await trx.updateTable('reporting_period').set({ status: 'closed', closed_by: context.nhriAccountId, closed_at: new Date() }).where('id', '=', periodIds.h1).execute();
  return blockIds.length;
}
