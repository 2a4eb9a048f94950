/**
 * Reporting periods of an action plan: opened and closed by drafters or NHRI members. Once a
 * period is closed its entries are read-only (assessments.service.ts answers 409 period_closed).
 */
import type { Kysely } from 'kysely';
import type { CreatePeriodBody, PeriodDto } from '../../shared/monitoring.ts';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { appendAudit } from '../events/audit.ts';
import { AppError, notFound } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { periodDecision } from '../policy/monitoring.ts';
import * as repo from './monitoring.repository.ts';
import { checkDate, cleanText, enforce, loadPeriod, requireActionPlan } from './monitoring.service.ts';
import { toPeriodDto } from './present.ts';

/** Opens a reporting period (startsOn ≤ endsOn; labels are unique within a plan). */
export async function createPeriod(db: Kysely<Database>, actor: Actor | null, documentId: string, input: CreatePeriodBody, idem: IdempotencyKey | null) {
  const plan = await loadReadableDocument(db, actor, documentId);
  enforce(periodDecision(actor, plan.facts), 'open reporting periods');
  requireActionPlan(plan);
  const label = cleanText(input.label, 'The label');
  const startsOn = checkDate(input.startsOn, 'startsOn') as string;
  const endsOn = checkDate(input.endsOn, 'endsOn') as string;
  if (startsOn > endsOn) throw new AppError('invalid_input', 422, 'A reporting period must start on or before the day it ends.');
  const author = actor as Actor;
  return runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const id = newId();
    const inserted = await repo.insertPeriod(trx, { id, document_id: documentId, label, starts_on: startsOn, ends_on: endsOn, created_by: author.accountId });
    if (!inserted) throw new AppError('conflict', 409, `This plan already has a reporting period called "${label}".`);
    await appendAudit(trx, { actorId: author.accountId, action: 'period.opened', objectType: 'reporting_period', objectId: id, documentId, detail: { startsOn, endsOn } });
    return { period: toPeriodDto((await repo.findPeriod(trx, id)) as repo.PeriodRow) };
  });
}

export async function listPeriodDtos(db: Db, actor: Actor | null, documentId: string): Promise<PeriodDto[]> {
  await loadReadableDocument(db, actor, documentId);
  return (await repo.listPeriods(db, documentId)).map(toPeriodDto);
}

/** Closes a period for good; closing it again changes nothing and answers the period as it is. */
export async function closePeriod(db: Kysely<Database>, actor: Actor | null, periodId: string): Promise<PeriodDto> {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findPeriod(trx, periodId);
    if (!found) throw notFound('reporting period');
    const plan = await loadReadableDocument(trx, actor, found.document_id).catch(() => {
      throw notFound('reporting period');
    });
    enforce(periodDecision(actor, plan.facts), 'close reporting periods');
    // Taken FOR UPDATE: a save holding the period FOR SHARE finishes first, later ones see it closed.
    const period = await loadPeriod(trx, found.document_id, periodId, 'update');
    if (period.status === 'closed') return toPeriodDto(period);
    await repo.closePeriod(trx, periodId, (actor as Actor).accountId);
    await appendAudit(trx, { actorId: (actor as Actor).accountId, action: 'period.closed', objectType: 'reporting_period', objectId: periodId, documentId: period.document_id });
    return toPeriodDto((await repo.findPeriod(trx, periodId)) as repo.PeriodRow);
  });
}
