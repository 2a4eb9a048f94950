/**
 * Measures: designate a line of an action plan as a measure (one, or every block of a kind in a
 * scope), list them with where their line is and each voice's latest entry, and edit their
 * fields (the previous values go to the audit trail). A measure is tied to a block id, so it
 * survives new versions while its line does.
 */
import type { Kysely } from 'kysely';
import type { Block, BlockKind } from '../../shared/documents.ts';
import type { BulkMeasuresBody, CreateMeasureBody, MeasureDto, UpdateMeasureBody } from '../../shared/monitoring.ts';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { appendAudit } from '../events/audit.ts';
import { AppError } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { measureDecision } from '../policy/monitoring.ts';
import * as repo from './monitoring.repository.ts';
import { checkDate, cleanOptional, cleanText, enforce, loadMeasure, type Plan, requireActionPlan } from './monitoring.service.ts';
import { BLOCK_LEVEL, byDocumentOrder, latestPerVoice, measureBlocks, NO_ASSESSMENT, toMeasureDto } from './present.ts';

type Fields = Omit<CreateMeasureBody, 'blockId'>;

function measureValues(input: Fields) {
  return {
    responsible: cleanText(input.responsible, 'The responsible body'),
    indicator: cleanText(input.indicator, 'The indicator'),
    baseline: cleanOptional(input.baseline, 'The baseline'),
    target: cleanOptional(input.target, 'The target'),
    deadline: checkDate(input.deadline, 'The deadline'),
  };
}

async function loadWritablePlan(db: Db, actor: Actor | null, documentId: string): Promise<{ plan: Plan; blocks: Block[] }> {
  const plan = await loadReadableDocument(db, actor, documentId);
  enforce(measureDecision(actor, plan.facts), 'designate measures');
  requireActionPlan(plan);
  const { blocks } = await versionBlocks(db, documentId, plan.row.current_version);
  return { plan, blocks };
}

/** Measures with their line and each voice's latest entry, in document order. */
async function presentMeasures(db: Db, plan: Plan, rows: repo.MeasureRow[]): Promise<MeasureDto[]> {
  if (!rows.length) return [];
  const documentId = plan.row.id;
  const blocks = await measureBlocks(
    db,
    documentId,
    plan.row.current_version,
    rows.map((m) => m.block_id),
  );
  const periods = await repo.listPeriods(db, documentId);
  // A few measures: their own entries; many: the plan's (an IN list of 20,000 ids is no query).
  const assessments =
    rows.length <= 500
      ? await repo.listMeasureAssessments(
          db,
          rows.map((m) => m.id),
        )
      : await repo.listDocumentAssessments(db, documentId);
  const latest = latestPerVoice(assessments, periods);
  return byDocumentOrder(rows.map((m) => toMeasureDto(m, blocks.get(m.block_id) as MeasureDto['block'], latest.get(m.id) ?? NO_ASSESSMENT)));
}

async function presentNew(trx: Db, plan: Plan, ids: Set<string>): Promise<MeasureDto[]> {
  return presentMeasures(
    trx,
    plan,
    (await repo.listMeasures(trx, plan.row.id)).filter((m) => ids.has(m.id)),
  );
}

/** Designates one block of the current version as a measure (drafters; 409 if it already is one). */
export async function createMeasure(db: Kysely<Database>, actor: Actor | null, documentId: string, input: CreateMeasureBody, idem: IdempotencyKey | null) {
  const { plan, blocks } = await loadWritablePlan(db, actor, documentId);
  if (!blocks.some((b) => b.id === input.blockId)) throw new AppError('invalid_input', 422, 'blockId is not a line of the current version of this plan.');
  const values = measureValues(input);
  const author = actor as Actor;
  return runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const id = newId();
    const inserted = await repo.insertMeasures(trx, [{ id, document_id: documentId, block_id: input.blockId, created_by: author.accountId, ...values }]);
    if (!inserted.has(id)) throw new AppError('conflict', 409, 'This line is already a measure; edit that measure instead.');
    await appendAudit(trx, { actorId: author.accountId, action: 'measure.created', objectType: 'measure', objectId: id, documentId, organizationId: plan.row.organization_id });
    const [measure] = await presentNew(trx, plan, new Set([id]));
    return { measure };
  });
}

/** The blocks of a kind after `underBlockId` until the next block of the same or a higher level. */
export function blocksInScope(blocks: Block[], kind: BlockKind, underBlockId?: string): Block[] {
  if (!underBlockId) return blocks.filter((b) => b.kind === kind);
  const start = blocks.findIndex((b) => b.id === underBlockId);
  if (start === -1) throw new AppError('invalid_input', 422, 'underBlockId is not a line of the current version of this plan.');
  const level = BLOCK_LEVEL[blocks[start].kind];
  const scoped: Block[] = [];
  for (let i = start + 1; i < blocks.length && BLOCK_LEVEL[blocks[i].kind] > level; i++) if (blocks[i].kind === kind) scoped.push(blocks[i]);
  return scoped;
}

/** Every block of `blockKind` in the scope becomes a measure with the same fields; existing measures are skipped. */
export async function createMeasuresInBulk(db: Kysely<Database>, actor: Actor | null, documentId: string, input: BulkMeasuresBody, idem: IdempotencyKey | null) {
  const { plan, blocks } = await loadWritablePlan(db, actor, documentId);
  const scoped = blocksInScope(blocks, input.blockKind, input.underBlockId);
  if (!scoped.length) throw new AppError('invalid_input', 422, `There is no line of kind "${input.blockKind}" in that part of the plan.`);
  const values = measureValues(input);
  const author = actor as Actor;
  return runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const existing = await repo.measuredBlockIds(trx, documentId);
    const rows = scoped.filter((b) => !existing.has(b.id)).map((b) => ({ id: newId(), document_id: documentId, block_id: b.id, created_by: author.accountId, ...values }));
    const inserted = await repo.insertMeasures(trx, rows);
    await appendAudit(trx, {
      actorId: author.accountId,
      action: 'measures.designated',
      objectType: 'document',
      objectId: documentId,
      documentId,
      organizationId: plan.row.organization_id,
      detail: { blockKind: input.blockKind, underBlockId: input.underBlockId ?? null, count: inserted.size },
    });
    return { created: await presentNew(trx, plan, inserted), skippedExisting: scoped.length - inserted.size };
  });
}

/** The plan's measures in document order, each with its line and each voice's latest entry. */
export async function listMeasureDtos(db: Db, actor: Actor | null, documentId: string): Promise<MeasureDto[]> {
  const plan = await loadReadableDocument(db, actor, documentId);
  return presentMeasures(db, plan, await repo.listMeasures(db, documentId));
}

/** Edits a measure's fields (drafters); the values it replaces are kept in the audit entry. */
export async function updateMeasure(db: Kysely<Database>, actor: Actor | null, measureId: string, input: UpdateMeasureBody): Promise<MeasureDto> {
  return db.transaction().execute(async (trx) => {
    const { measure, plan } = await loadMeasure(trx, actor, measureId);
    enforce(measureDecision(actor, plan.facts), 'edit measures', 'measure');
    await repo.lockMeasure(trx, measureId);
    const current = (await repo.findMeasure(trx, measureId)) as repo.MeasureRow;
    const next: Partial<ReturnType<typeof measureValues>> = {};
    if (input.responsible !== undefined) next.responsible = cleanText(input.responsible, 'The responsible body');
    if (input.indicator !== undefined) next.indicator = cleanText(input.indicator, 'The indicator');
    if (input.baseline !== undefined) next.baseline = cleanOptional(input.baseline, 'The baseline');
    if (input.target !== undefined) next.target = cleanOptional(input.target, 'The target');
    if (input.deadline !== undefined) next.deadline = checkDate(input.deadline, 'The deadline');
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
    if (changed.length) {
      await repo.updateMeasure(trx, measureId, next);
      const previous = Object.fromEntries(changed.map((k) => [k, current[k]]));
      const values = Object.fromEntries(changed.map((k) => [k, next[k]]));
      await appendAudit(trx, {
        actorId: (actor as Actor).accountId,
        action: 'measure.updated',
        objectType: 'measure',
        objectId: measureId,
        documentId: measure.document_id,
        detail: { previous, next: values },
      });
    }
    const [dto] = await presentMeasures(trx, plan, [(await repo.findMeasure(trx, measureId)) as repo.MeasureRow]);
    return dto;
  });
}
