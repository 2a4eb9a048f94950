/** Monitoring action plans (API.md "Monitoring action plans"): one function per endpoint. */
import type { Static } from 'typebox';
import type {
  AssessmentBody,
  AssessmentDto,
  BulkMeasuresBody,
  BulkMeasuresResult,
  CreateMeasureBody,
  CreatePeriodBody,
  DashboardDto,
  AssessmentRevision,
  MeasureDto,
  MeasureHistoryDto,
  Notifications,
  PeriodAssessments,
  PeriodDto,
  UpdateMeasureBody,
} from '../../../shared/monitoring.ts';
import { apiPath, http, type RequestOptions } from './http.ts';

export type PeriodAssessmentsDto = Static<typeof PeriodAssessments>;
export type BulkMeasuresResultDto = Static<typeof BulkMeasuresResult>;
export type NotificationsDto = Static<typeof Notifications>;
export type ReportFormat = 'json' | 'html' | 'docx';
export type AssessmentRevisionDto = Static<typeof AssessmentRevision>;

export function listMeasures(documentId: string): Promise<MeasureDto[]> {
  return http.get<MeasureDto[]>(apiPath`/documents/${documentId}/measures`);
}

export async function createMeasure(documentId: string, body: CreateMeasureBody, options?: RequestOptions): Promise<MeasureDto> {
  return (await http.post<{ measure: MeasureDto }>(apiPath`/documents/${documentId}/measures`, body, options)).measure;
}

export function createMeasuresInBulk(documentId: string, body: BulkMeasuresBody, options?: RequestOptions): Promise<BulkMeasuresResultDto> {
  return http.post<BulkMeasuresResultDto>(apiPath`/documents/${documentId}/measures/bulk`, body, options);
}

export function listPeriods(documentId: string): Promise<PeriodDto[]> {
  return http.get<PeriodDto[]>(apiPath`/documents/${documentId}/periods`);
}

export async function createPeriod(documentId: string, body: CreatePeriodBody, options?: RequestOptions): Promise<PeriodDto> {
  return (await http.post<{ period: PeriodDto }>(apiPath`/documents/${documentId}/periods`, body, options)).period;
}

export async function closePeriod(periodId: string): Promise<PeriodDto> {
  return (await http.post<{ period: PeriodDto }>(apiPath`/periods/${periodId}/close`)).period;
}

export async function saveAssessment(measureId: string, periodId: string, body: AssessmentBody): Promise<AssessmentDto> {
  return (await http.put<{ assessment: AssessmentDto }>(apiPath`/measures/${measureId}/assessments/${periodId}`, body)).assessment;
}

export function getPeriodAssessments(documentId: string, periodId: string): Promise<PeriodAssessmentsDto> {
  return http.get<PeriodAssessmentsDto>(apiPath`/documents/${documentId}/periods/${periodId}/assessments`);
}

function responsibleQuery(responsible: string | null | undefined): string {
  return responsible ? `responsible=${encodeURIComponent(responsible)}` : '';
}

export function getDashboard(documentId: string, periodId: string, responsible?: string | null): Promise<DashboardDto> {
  const query = responsibleQuery(responsible);
  return http.get<DashboardDto>(apiPath`/documents/${documentId}/periods/${periodId}/dashboard` + (query ? `?${query}` : ''));
}

/** The address of the periodic report, for a link (the browser downloads or shows it). */
export function periodicReportUrl(documentId: string, periodId: string, format: ReportFormat, responsible?: string | null): string {
  const query = [`format=${format}`, responsibleQuery(responsible)].filter(Boolean).join('&');
  return `/api${apiPath`/documents/${documentId}/periods/${periodId}/report`}?${query}`;
}

export function getNotifications(): Promise<NotificationsDto> {
  return http.get<NotificationsDto>('/me/notifications');
}

export async function updateMeasure(measureId: string, body: UpdateMeasureBody): Promise<MeasureDto> {
  return (await http.patch<{ measure: MeasureDto }>(apiPath`/measures/${measureId}`, body)).measure;
}

/** The edits of a measure's fields and its line's text in every version. */
export function getMeasureHistory(measureId: string): Promise<MeasureHistoryDto> {
  return http.get<MeasureHistoryDto>(apiPath`/measures/${measureId}/history`);
}

/** Every saved entry of both voices for a measure in a period, oldest first. */
export function getAssessmentHistory(measureId: string, periodId: string): Promise<AssessmentRevisionDto[]> {
  return http.get<AssessmentRevisionDto[]>(apiPath`/measures/${measureId}/assessments/${periodId}/history`);
}
