/**
 * Row types of measures, reporting periods, assessments and their revisions.
 * `date` columns (deadline, starts_on, ends_on) are read as 'YYYY-MM-DD' text: the repository
 * casts them in every select (pg would otherwise build a local-time Date and shift the day).
 */
import type { ColumnType } from 'kysely';
import type { AssessmentStatus, ImpactRating, PeriodStatus, Voice } from '../../shared/monitoring.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** A calendar date written as 'YYYY-MM-DD' and selected through `::text`. */
type CalendarDay = ColumnType<string, string, string>;

export interface MeasureTable {
  id: string;
  document_id: string;
  block_id: string;
  responsible: string;
  indicator: string;
  baseline: string | null;
  target: string | null;
  deadline: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ReportingPeriodTable {
  id: string;
  document_id: string;
  label: string;
  starts_on: CalendarDay;
  ends_on: CalendarDay;
  status: ColumnType<PeriodStatus, PeriodStatus | undefined, PeriodStatus>;
  created_by: string;
  created_at: CreatedAt;
  closed_by: string | null;
  closed_at: Date | null;
}

export interface AssessmentTable {
  id: string;
  measure_id: string;
  period_id: string;
  voice: Voice;
  status: AssessmentStatus;
  progress: number;
  evidence: string;
  impact: string;
  impact_rating: ImpactRating | null;
  organization_id: string;
  author_id: string;
  revision: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AssessmentRevisionTable {
  id: string;
  assessment_id: string;
  revision: number;
  status: AssessmentStatus;
  progress: number;
  evidence: string;
  impact: string;
  impact_rating: ImpactRating | null;
  organization_id: string;
  author_id: string;
  saved_at: Date;
  replaced_at: CreatedAt;
}

export interface MonitoringTables {
  measure: MeasureTable;
  reporting_period: ReportingPeriodTable;
  assessment: AssessmentTable;
  assessment_revision: AssessmentRevisionTable;
}
