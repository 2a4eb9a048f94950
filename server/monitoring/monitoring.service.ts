/**
 * What every monitoring service shares: turning a policy decision into the error a client can
 * act on, loading a plan, a measure or a period through the reader's view of the document (an
 * invisible document makes its measures and periods 404 too), and cleaning submitted text.
 */
import type { Db } from '../db/database.ts';
import { loadReadableDocument } from '../documents/access.ts';
import type { DocumentRow } from '../documents/documents.repository.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { DocumentFacts } from '../policy/documents.ts';
import type { MonitoringDecision } from '../policy/monitoring.ts';
import * as repo from './monitoring.repository.ts';
import { isCalendarDate } from './rules.ts';

export interface Plan {
  row: DocumentRow;
  facts: DocumentFacts;
}

export function enforce(decision: MonitoringDecision | 'choose_voice', action: string, what = 'document'): void {
  if (decision !== 'ok') deny(decision, action, what);
}

/** The error for a refused decision: 404 (cannot see), 401, 422 (say which voice) or 403. */
export function deny(decision: Exclude<MonitoringDecision, 'ok'> | 'choose_voice', action: string, what = 'document'): never {
  if (decision === 'not_found') throw notFound(what);
  if (decision === 'not_signed_in') throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  if (decision === 'choose_voice') {
    throw new AppError('invalid_input', 422, 'You may write both the government report and the NHRI assessment: say which one with "voice".');
  }
  throw forbidden(`You are not allowed to ${action} on this action plan.`);
}

export function requireActionPlan(plan: Plan): void {
  if (plan.row.kind !== 'action_plan') {
    throw new AppError('invalid_input', 422, 'Measures and reporting periods belong to action plans; this document is a law.');
  }
}

/** A measure and its plan as this reader sees them; 404 for both "missing" and "not visible". */
export async function loadMeasure(db: Db, actor: Actor | null, measureId: string) {
  const measure = await repo.findMeasure(db, measureId);
  if (!measure) throw notFound('measure');
  const plan = await loadReadableDocument(db, actor, measure.document_id).catch(() => {
    throw notFound('measure');
  });
  return { measure, plan };
}

/** A period of this plan (404 when it belongs to another document or does not exist). */
export async function loadPeriod(db: Db, documentId: string, periodId: string, lock: 'share' | 'update' | null = null) {
  const period = await repo.findPeriod(db, periodId, lock);
  if (!period || period.document_id !== documentId) throw notFound('reporting period');
  return period;
}

/** NFC, Unix newlines, trimmed; `required` text may not end up empty. */
export function cleanText(value: string, field: string, required = true): string {
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (required && !text) throw new AppError('invalid_input', 400, `${field} cannot be empty.`);
  return text;
}

export function cleanOptional(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  return cleanText(value, field, false) || null;
}

export function checkDate(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (!isCalendarDate(value)) throw new AppError('invalid_input', 400, `${field} must be a calendar date written YYYY-MM-DD.`);
  return value;
}
