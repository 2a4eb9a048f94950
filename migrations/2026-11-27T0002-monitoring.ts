/**
 * Monitoring action plans: measures (a block designated as a measure, followed across versions
 * by its block id), reporting periods, the two voices' assessments per measure and period, and
 * every earlier entry of an assessment as a revision. Frozen: later changes go into new migrations.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('measure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('responsible', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('baseline', 'text')
    .addColumn('target', 'text')
    .addColumn('deadline', 'date')
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // One measure per line of a plan.
    .addUniqueConstraint('measure_block_unique', ['document_id', 'block_id'])
    .execute();
  await db.schema.createIndex('measure_deadline_idx').on('measure').column('deadline').execute();

  await db.schema
    .createTable('reporting_period')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('closed_by', 'text', (c) => c.references('account.id'))
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('reporting_period_label_unique', ['document_id', 'label'])
    .addCheckConstraint('reporting_period_dates_check', sql`starts_on <= ends_on`)
    .execute();

  await db.schema
    .createTable('assessment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('measure_id', 'text', (c) => c.notNull().references('measure.id'))
    .addColumn('period_id', 'text', (c) => c.notNull().references('reporting_period.id'))
    .addColumn('voice', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('impact_rating', 'text')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('assessment_voice_unique', ['measure_id', 'period_id', 'voice'])
    .addCheckConstraint('assessment_progress_check', sql`progress between 0 and 100`)
    .execute();
  await db.schema.createIndex('assessment_period_idx').on('assessment').column('period_id').execute();

  // Each save moves the entry it replaces here, untouched.
  await db.schema
    .createTable('assessment_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessment.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('impact_rating', 'text')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('replaced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('assessment_revision_unique', ['assessment_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['assessment_revision', 'assessment', 'reporting_period', 'measure']) {
    await db.schema.dropTable(table).execute();
  }
}
