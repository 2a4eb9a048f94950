/** Catalogue keys for the monitoring enumerations and small display rules (unit-tested). */
import type { BlockKind } from '../../../../shared/documents.ts';
import type { AssessmentStatus, ImpactRating, Voice } from '../../../../shared/monitoring.ts';
import type { MessageKey } from '../../i18n/index.ts';

export const STATUS_KEY: Record<AssessmentStatus | 'not_assessed', MessageKey> = {
  not_started: 'monitoring.status.not_started',
  in_progress: 'monitoring.status.in_progress',
  completed: 'monitoring.status.completed',
  delayed: 'monitoring.status.delayed',
  discontinued: 'monitoring.status.discontinued',
  not_assessed: 'monitoring.status.not_assessed',
};

export const VOICE_KEY: Record<Voice, MessageKey> = { government: 'monitoring.voice.government', nhri: 'monitoring.voice.nhri' };

export const RATING_KEY: Record<ImpactRating, MessageKey> = {
  positive: 'monitoring.rating.positive',
  neutral: 'monitoring.rating.neutral',
  negative: 'monitoring.rating.negative',
  unknown: 'monitoring.rating.unknown',
};

export const KIND_KEY: Record<BlockKind, MessageKey> = {
  title: 'monitoring.kind.title',
  part: 'monitoring.kind.part',
  chapter: 'monitoring.kind.chapter',
  section: 'monitoring.kind.section',
  article: 'monitoring.kind.article',
  paragraph: 'monitoring.kind.paragraph',
  point: 'monitoring.kind.point',
  text: 'monitoring.kind.text',
};

/** Badge tone for a status: the word carries the meaning, the colour only repeats it. */
export function statusTone(status: AssessmentStatus | null | undefined): 'neutral' | 'success' | 'warning' {
  if (status === 'completed') return 'success';
  if (status === 'delayed' || status === 'discontinued') return 'warning';
  return 'neutral';
}

/** How to say a progress gap (government − NHRI): which message and how many points. */
export function gapMessage(progressGap: number): { key: MessageKey; points: number } {
  if (progressGap > 0) return { key: 'monitoring.gap.higher', points: progressGap };
  if (progressGap < 0) return { key: 'monitoring.gap.lower', points: -progressGap };
  return { key: 'monitoring.gap.same', points: 0 };
}

/** A short name for a measure: its label ("(a)", "Article 3"), else the start of its text. */
export function measureName(label: string | null, text: string, max = 60): string {
  if (label?.trim()) return label.trim();
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/**
 * A name that tells measures apart where labels repeat ("(a)" under each article): the heading
 * the line sits under, its label, and the start of its text — "Article 2 (a) — Open two…".
 */
export function measureTitle(m: { label: string | null; text: string; parentLabel?: string | null }, max = 48): string {
  const label = m.label?.trim() ?? '';
  const head = [m.parentLabel?.trim() ?? '', label].filter(Boolean).join(' ');
  let body = m.text.replace(/\s+/g, ' ').trim();
  if (label && body.startsWith(label)) body = body.slice(label.length).replace(/^[\s.:\-–—]+/, '');
  if (!body) return head;
  const excerpt = body.length > max ? `${body.slice(0, max - 1).trimEnd()}…` : body;
  return head ? `${head} — ${excerpt}` : excerpt;
}

/** Disagreements worth reading first: major ones, then by the size of the progress gap. */
export function sortDisagreements<T extends { major: boolean; progressGap: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.major) - Number(a.major) || Math.abs(b.progressGap) - Math.abs(a.progressGap));
}

/** Whole number 0–100 from a form field, or null. */
export function parseProgress(text: string): number | null {
  // Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits count as well.
  const trimmed = text.trim().replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 100 ? value : null;
}
