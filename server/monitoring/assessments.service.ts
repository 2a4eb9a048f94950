/**
 * The two voices per measure and period: the government's own progress report (drafters of the
 * owner) and the NHRI's independent assessment (NHRI members), stored side by side. Each save
 * keeps the entry it replaces as a revision and appends `assessment.saved` (ids only) to the
 * document's event log in the same transaction. A closed period refuses saves (409).
 */
import type { Kysely } from 'kysely';
import type { AssessmentBody, AssessmentDto, Voice } from '../../shared/monitoring.ts';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent } from '../events/event-log.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { assessmentVoice } from '../policy/monitoring.ts';
import * as repo from './monitoring.repository.ts';
import { cleanText, deny, loadMeasure, loadPeriod } from './monitoring.service.ts';
import { byDocumentOrder, measureBlocks, toAssessmentDto, toPeriodDto } from './present.ts';

type Entry = Pick<repo.AssessmentRow, 'status' | 'progress' | 'evidence' | 'impact' | 'impact_rating' | 'organization_id'>;

const sameEntry = (a: Entry, b: Entry) =>
  a.status === b.status &&
  a.progress === b.progress &&
  a.evidence === b.evidence &&
  a.impact === b.impact &&
  a.impact_rating === b.impact_rating &&
  a.organization_id === b.organization_id;

/**
 * Saves this actor's voice for a measure in a period. Answers `created` (201 for a first entry);
 * saving exactly what is stored changes nothing (no revision, no event).
 */
export async function saveAssessment(db: Kysely<Database>, actor: Actor | null, measureId: string, periodId: string, input: AssessmentBody) {
  return db.transaction().execute(async (trx) => {
    const { measure, plan } = await loadMeasure(trx, actor, measureId);
    const choice = assessmentVoice(actor, plan.facts, input.voice);
    if (choice.decision !== 'ok') deny(choice.decision, 'record this assessment', 'measure');
    const author = actor as Actor;
    const period = await loadPeriod(trx, measure.document_id, periodId, 'share');
    if (period.status === 'closed') throw new AppError('period_closed', 409, `The reporting period "${period.label}" is closed: its entries can no longer change.`);
    await repo.lockMeasure(trx, measureId);
    const existing = await repo.findAssessment(trx, measureId, periodId, choice.voice);
    if (input.expectedRevision !== undefined && (existing?.revision ?? 0) !== input.expectedRevision) {
      throw new AppError('conflict', 409, 'Someone saved this assessment since you opened it; reload it and apply your changes again.');
    }
    const entry: Entry = {
      status: input.status,
      progress: input.progress,
      evidence: cleanText(input.evidence, 'The evidence', false),
      impact: cleanText(input.impact, 'The impact', false),
      impact_rating: input.impactRating ?? null,
      organization_id: choice.organizationId,
    };
    if (existing && sameEntry(existing, entry)) return { assessment: toAssessmentDto(existing), created: false };
    if (existing) {
      const { id: assessmentId, revision, author_id, updated_at } = existing;
      await repo.insertRevision(trx, {
        id: newId(),
        assessment_id: assessmentId,
        revision,
        status: existing.status,
        progress: existing.progress,
        evidence: existing.evidence,
        impact: existing.impact,
        impact_rating: existing.impact_rating,
        organization_id: existing.organization_id,
        author_id,
        saved_at: updated_at,
      });
      await repo.updateAssessment(trx, assessmentId, { ...entry, author_id: author.accountId, revision: revision + 1 });
    } else {
      await repo.insertAssessment(trx, { id: newId(), measure_id: measureId, period_id: periodId, voice: choice.voice, author_id: author.accountId, ...entry });
    }
    const payload = { measureId, periodId, voice: choice.voice };
    await appendEvent(trx, measure.document_id, 'assessment.saved', payload, author.accountId);
    await appendAudit(trx, {
      actorId: author.accountId,
      action: 'assessment.saved',
      objectType: 'measure',
      objectId: measureId,
      documentId: measure.document_id,
      organizationId: choice.organizationId,
      detail: payload,
    });
    const saved = (await repo.findAssessment(trx, measureId, periodId, choice.voice)) as repo.AssessmentRow;
    return { assessment: toAssessmentDto(saved), created: !existing };
  });
}

/** Both voices side by side for every measure of the plan in one period, in document order. */
export async function periodAssessments(db: Db, actor: Actor | null, documentId: string, periodId: string) {
  const plan = await loadReadableDocument(db, actor, documentId);
  const period = await loadPeriod(db, documentId, periodId);
  const measures = await repo.listMeasures(db, documentId);
  const blocks = await measureBlocks(
    db,
    documentId,
    plan.row.current_version,
    measures.map((m) => m.block_id),
  );
  const entries = new Map<string, Record<Voice, AssessmentDto | null>>();
  for (const a of await repo.listPeriodAssessments(db, periodId)) {
    const slot = entries.get(a.measure_id) ?? { government: null, nhri: null };
    slot[a.voice] = toAssessmentDto(a);
    entries.set(a.measure_id, slot);
  }
  const rows = measures.map((m) => {
    const block = blocks.get(m.block_id) as NonNullable<ReturnType<typeof blocks.get>>;
    const slot = entries.get(m.id);
    return {
      block,
      measureId: m.id,
      blockId: m.block_id,
      label: block.label,
      text: block.text,
      responsible: m.responsible,
      government: slot?.government ?? null,
      nhri: slot?.nhri ?? null,
    };
  });
  return { period: toPeriodDto(period), rows: byDocumentOrder(rows).map(({ block: _block, ...row }) => row) };
}

/** Every entry ever saved for a measure in a period, both voices, oldest first (the current ones marked). */
export async function assessmentHistory(db: Db, actor: Actor | null, measureId: string, periodId: string) {
  const { measure } = await loadMeasure(db, actor, measureId);
  await loadPeriod(db, measure.document_id, periodId);
  const current = (await repo.listMeasureAssessments(db, [measureId])).filter((a) => a.period_id === periodId);
  const revisions = await repo.listRevisions(
    db,
    current.map((a) => a.id),
  );
  const voiceOf = new Map(current.map((a) => [a.id, a.voice]));
  const iso = (d: Date) => new Date(d).toISOString();
  const old = revisions.map((r) => ({
    voice: voiceOf.get(r.assessment_id) as Voice,
    revision: r.revision,
    status: r.status,
    progress: r.progress,
    evidence: r.evidence,
    impact: r.impact,
    impactRating: r.impact_rating,
    organization: { id: r.organization_id, name: r.organization_name },
    savedAt: iso(r.saved_at),
    current: false,
  }));
  const now = current.map((a) => ({
    voice: a.voice,
    revision: a.revision,
    status: a.status,
    progress: a.progress,
    evidence: a.evidence,
    impact: a.impact,
    impactRating: a.impact_rating,
    organization: { id: a.organization_id, name: a.organization_name },
    savedAt: iso(a.updated_at),
    current: true,
  }));
  return [...old, ...now].sort((a, b) => a.voice.localeCompare(b.voice) || a.revision - b.revision);
}
