/**
 * A measure's history for anyone who may read the measure (the same rule as the measure list):
 * the edits of its fields, from the `measure.updated` audit entries (values only — never who
 * made them), and its line's text in every published version, so a reader sees when the
 * provision itself changed or left the plan. Assessment revisions have their own route.
 */
import { MEASURE_FIELDS, type MeasureField, type MeasureHistoryDto } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import * as repo from './monitoring.repository.ts';
import { loadMeasure } from './monitoring.service.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const asText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

type Detail = { previous?: Record<string, unknown>; next?: Record<string, unknown> };

function changesOf(detail: Detail): MeasureHistoryDto['edits'][number]['changes'] {
  const previous = detail.previous ?? {};
  const next = detail.next ?? {};
  return MEASURE_FIELDS.filter((field: MeasureField) => field in next || field in previous).map((field) => ({ field, from: asText(previous[field]), to: asText(next[field]) }));
}

/** The edits of a measure and its line per version (404 when the reader may not see the plan). */
export async function measureHistory(db: Db, actor: Actor | null, measureId: string): Promise<MeasureHistoryDto> {
  const { measure, plan } = await loadMeasure(db, actor, measureId);
  const edits = (await repo.listMeasureEdits(db, measureId)).map((e) => ({ at: iso(e.at), changes: changesOf(e.detail as Detail) })).filter((e) => e.changes.length > 0);
  const rows = await repo.lineVersions(db, measure.document_id, measure.block_id);
  const lines = rows.map((r, i) => ({
    version: r.version_number,
    publishedAt: iso(r.published_at),
    label: r.label,
    text: r.text,
    changed: i === 0 || rows[i - 1].text !== r.text || rows[i - 1].label !== r.label,
  }));
  const currentVersion = plan.row.current_version;
  return {
    measureId,
    blockId: measure.block_id,
    createdAt: iso(measure.created_at),
    inCurrentVersion: rows.at(-1)?.version_number === currentVersion,
    currentVersion,
    edits,
    lines,
  };
}
