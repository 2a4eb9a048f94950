/**
 * The monitoring rules, as pure functions (unit-tested without a database):
 *
 * - Effective status: a voice's entry for a period, or else that voice's most recent entry of an
 *   earlier period (a measure reported completed in H1 stays completed in H2 until someone says
 *   otherwise). Counts by status use only the period's own entries; overdue uses effective ones.
 * - Disagreement: both voices assessed the measure in the period and their statuses differ.
 *   It is `major` when exactly one of them says completed (the classic "government completed,
 *   NHRI delayed"). Progress alone never makes a disagreement; the gap is reported for sorting.
 * - Overdue: the measure has a deadline strictly before the reference date, and neither voice's
 *   effective status is `completed` (discontinued measures count: they were not delivered). The
 *   reference date of a period is the earlier of today (UTC) and the period's last day, so a past
 *   period's report judges by its own end and the current period never flags a deadline that has
 *   not come yet; reminders use today.
 * - Responsible bodies: a measure's `responsible` may name several bodies separated by "|" or
 *   ";"; the filter matches any of them (case and Unicode form insensitive).
 */
import type { AssessmentStatus, StatusCounts, Voice } from '../../shared/monitoring.ts';
import { ASSESSMENT_STATUSES } from '../../shared/monitoring.ts';

export interface VoiceEntry {
  status: AssessmentStatus;
  progress: number;
}

export type VoicePair<T> = Record<Voice, T | null>;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's calendar date in UTC, 'YYYY-MM-DD'. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A real calendar date in 'YYYY-MM-DD' form (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date a period's overdue list is judged at: the earlier of today and its last day. */
export function referenceDate(periodEndsOn: string, today: string): string {
  return periodEndsOn < today ? periodEndsOn : today;
}

export function isOverdue(deadline: string | null, effective: VoicePair<VoiceEntry>, asOf: string): boolean {
  if (!deadline || deadline >= asOf) return false;
  return effective.government?.status !== 'completed' && effective.nhri?.status !== 'completed';
}

export function isDisagreement(own: VoicePair<VoiceEntry>): boolean {
  return !!own.government && !!own.nhri && own.government.status !== own.nhri.status;
}

export function isMajorDisagreement(own: VoicePair<VoiceEntry>): boolean {
  return isDisagreement(own) && (own.government?.status === 'completed') !== (own.nhri?.status === 'completed');
}

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** The bodies named in a `responsible` field, as written (trimmed). */
export function responsibleBodies(responsible: string): string[] {
  return responsible
    .split(/[|;\n]/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

export function matchesResponsible(responsible: string, filter: string | null | undefined): boolean {
  if (!filter) return true;
  const wanted = normalise(filter);
  return normalise(responsible) === wanted || responsibleBodies(responsible).some((b) => normalise(b) === wanted);
}

/** Distinct bodies over many measures, sorted for a filter list (first spelling wins). */
export function distinctBodies(responsibles: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const r of responsibles) for (const b of responsibleBodies(r)) if (!seen.has(normalise(b))) seen.set(normalise(b), b);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export function emptyCounts(): StatusCounts {
  return { not_started: 0, in_progress: 0, completed: 0, delayed: 0, discontinued: 0, not_assessed: 0 };
}

/** Counts of one voice's own entries over the measures (missing entries count as not_assessed). */
export function countStatuses(entries: Iterable<VoiceEntry | null>): StatusCounts {
  const counts = emptyCounts();
  for (const e of entries) {
    if (e && (ASSESSMENT_STATUSES as readonly string[]).includes(e.status)) counts[e.status]++;
    else counts.not_assessed++;
  }
  return counts;
}

/** Average progress over the entries present (one decimal), or null when there are none. */
export function averageProgress(entries: Iterable<VoiceEntry | null>): { average: number | null; assessed: number } {
  let sum = 0;
  let n = 0;
  for (const e of entries) {
    if (e) {
      sum += e.progress;
      n++;
    }
  }
  return { average: n ? Math.round((sum / n) * 10) / 10 : null, assessed: n };
}

/** What changed for one voice since the previous period. */
export function trendOf(previous: VoiceEntry | null, current: VoiceEntry | null) {
  if (!previous || !current) return { progressDelta: null, previousStatus: previous?.status ?? null, statusChanged: false };
  return { progressDelta: current.progress - previous.progress, previousStatus: previous.status, statusChanged: previous.status !== current.status };
}
