/**
 * SQL for measures, reporting periods, assessments and their revisions. Functions take `db | trx`
 * first; calendar dates are selected as 'YYYY-MM-DD' text (see monitoring.table.ts).
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Voice } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import type { AssessmentRevisionTable, AssessmentTable, MeasureTable, ReportingPeriodTable } from './monitoring.table.ts';

const INSERT_CHUNK = 1000;
const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

function selectMeasures(db: Db) {
  return db
    .selectFrom('measure')
    .select([
      'measure.id',
      'measure.document_id',
      'measure.block_id',
      'measure.responsible',
      'measure.indicator',
      'measure.baseline',
      'measure.target',
      'measure.created_at',
      'measure.updated_at',
    ])
    .select(sql<string | null>`to_char(measure.deadline, 'YYYY-MM-DD')`.as('deadline'));
}
export type MeasureRow = Awaited<ReturnType<ReturnType<typeof selectMeasures>['executeTakeFirstOrThrow']>>;

export function findMeasure(db: Db, id: string): Promise<MeasureRow | undefined> {
  return selectMeasures(db).where('measure.id', '=', id).executeTakeFirst();
}

/** Locks the measure row: saves of its assessments and edits run one at a time. */
export async function lockMeasure(db: Db, id: string): Promise<void> {
  await db.selectFrom('measure').select('id').where('id', '=', id).forUpdate().execute();
}

export function listMeasures(db: Db, documentId: string): Promise<MeasureRow[]> {
  return selectMeasures(db).where('measure.document_id', '=', documentId).orderBy('measure.created_at').orderBy('measure.id').execute();
}

export async function measuredBlockIds(db: Db, documentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('measure').select('block_id').where('document_id', '=', documentId).execute();
  return new Set(rows.map((r) => r.block_id));
}

/** Inserts measures, skipping lines that already are one (a concurrent designation); returns the ids inserted. */
export async function insertMeasures(db: Db, rows: Insertable<MeasureTable>[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const done = await db
      .insertInto('measure')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.constraint('measure_block_unique').doNothing())
      .returning('id')
      .execute();
    for (const r of done) inserted.add(r.id);
  }
  return inserted;
}

export async function updateMeasure(db: Db, id: string, patch: Updateable<MeasureTable>): Promise<void> {
  await db
    .updateTable('measure')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** For lines gone from the current version: the last version that had each, with its text. */
export function lastKnownBlocks(db: Db, documentId: string, blockIds: string[]) {
  if (!blockIds.length) return Promise.resolve([]);
  return db
    .selectFrom('block')
    .select(['block_id', 'version_number', 'kind', 'label', 'path', 'text'])
    .distinctOn('block_id')
    .where('document_id', '=', documentId)
    .where('block_id', 'in', blockIds)
    .orderBy('block_id')
    .orderBy('version_number', 'desc')
    .execute();
}

function selectPeriods(db: Db) {
  return db
    .selectFrom('reporting_period')
    .select(['id', 'document_id', 'label', 'status', 'created_at', 'closed_at', 'created_by'])
    .select([day('starts_on').as('starts_on'), day('ends_on').as('ends_on')]);
}
export type PeriodRow = Awaited<ReturnType<ReturnType<typeof selectPeriods>['executeTakeFirstOrThrow']>>;

export function findPeriod(db: Db, id: string, lock: 'share' | 'update' | null = null): Promise<PeriodRow | undefined> {
  const q = selectPeriods(db).where('id', '=', id);
  return (lock === 'update' ? q.forUpdate() : lock === 'share' ? q.forShare() : q).executeTakeFirst();
}

/** In reporting order: by first day, then last day, then creation. */
export function listPeriods(db: Db, documentId: string): Promise<PeriodRow[]> {
  return selectPeriods(db).where('document_id', '=', documentId).orderBy('starts_on').orderBy('ends_on').orderBy('created_at').execute();
}

export async function insertPeriod(db: Db, row: Insertable<ReportingPeriodTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('reporting_period')
    .values(row)
    .onConflict((oc) => oc.constraint('reporting_period_label_unique').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!inserted;
}

export async function closePeriod(db: Db, id: string, accountId: string): Promise<void> {
  await db.updateTable('reporting_period').set({ status: 'closed', closed_by: accountId, closed_at: new Date() }).where('id', '=', id).execute();
}

function selectAssessments(db: Db) {
  return db
    .selectFrom('assessment')
    .innerJoin('organization', 'organization.id', 'assessment.organization_id')
    .selectAll('assessment')
    .select('organization.name as organization_name');
}
export type AssessmentRow = Awaited<ReturnType<ReturnType<typeof selectAssessments>['executeTakeFirstOrThrow']>>;

export function findAssessment(db: Db, measureId: string, periodId: string, voice: Voice): Promise<AssessmentRow | undefined> {
  return selectAssessments(db).where('measure_id', '=', measureId).where('period_id', '=', periodId).where('voice', '=', voice).executeTakeFirst();
}

/** Every entry of a plan (both voices, all periods): the measure list and the dashboard trend. */
export function listDocumentAssessments(db: Db, documentId: string): Promise<AssessmentRow[]> {
  return selectAssessments(db)
    .where('assessment.period_id', 'in', (eb) => eb.selectFrom('reporting_period').select('id').where('document_id', '=', documentId))
    .execute();
}

export function listPeriodAssessments(db: Db, periodId: string): Promise<AssessmentRow[]> {
  return selectAssessments(db).where('assessment.period_id', '=', periodId).execute();
}

export function listMeasureAssessments(db: Db, measureIds: string[]): Promise<AssessmentRow[]> {
  if (!measureIds.length) return Promise.resolve([]);
  return selectAssessments(db).where('assessment.measure_id', 'in', measureIds).execute();
}

export async function insertAssessment(db: Db, row: Insertable<AssessmentTable>): Promise<void> {
  await db.insertInto('assessment').values(row).execute();
}

export async function updateAssessment(db: Db, id: string, patch: Updateable<AssessmentTable>): Promise<void> {
  await db
    .updateTable('assessment')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function insertRevision(db: Db, row: Insertable<AssessmentRevisionTable>): Promise<void> {
  await db.insertInto('assessment_revision').values(row).execute();
}

export function listRevisions(db: Db, assessmentIds: string[]) {
  if (!assessmentIds.length) return Promise.resolve([]);
  return db
    .selectFrom('assessment_revision')
    .innerJoin('organization', 'organization.id', 'assessment_revision.organization_id')
    .selectAll('assessment_revision')
    .select('organization.name as organization_name')
    .where('assessment_id', 'in', assessmentIds)
    .orderBy('revision')
    .execute();
}

/**
 * Measures past their deadline on action plans owned by `ownerOrgIds`, or on any action plan
 * when `anyPlan` (NHRI members); the policy then keeps the plans the reader may read.
 */
export function overdueCandidates(db: Db, today: string, scope: { ownerOrgIds: string[]; anyPlan: boolean }, limit = 5000) {
  let q = selectMeasures(db).innerJoin('document', 'document.id', 'measure.document_id').where('document.kind', '=', 'action_plan').where('measure.deadline', '<', today);
  if (!scope.anyPlan) q = q.where('document.organization_id', 'in', scope.ownerOrgIds.length ? scope.ownerOrgIds : ['-']);
  return q.orderBy('measure.deadline').limit(limit).execute();
}

/** The `measure.updated` audit entries of one measure, oldest first. */
export function listMeasureEdits(db: Db, measureId: string) {
  return db
    .selectFrom('audit_entry')
    .select(['at', 'detail'])
    .where('object_type', '=', 'measure')
    .where('object_id', '=', measureId)
    .where('action', '=', 'measure.updated')
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The line of a block in every published version that has it, oldest first. */
export function lineVersions(db: Db, documentId: string, blockId: string) {
  return db
    .selectFrom('block')
    .innerJoin('version', (join) => join.onRef('version.document_id', '=', 'block.document_id').onRef('version.number', '=', 'block.version_number'))
    .select(['block.version_number', 'block.label', 'block.text', 'version.published_at'])
    .where('block.document_id', '=', documentId)
    .where('block.block_id', '=', blockId)
    .orderBy('block.version_number')
    .execute();
}
