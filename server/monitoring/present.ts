/**
 * Row → DTO mappers at the boundary, and the one place that says where a measure's line is:
 * on the current version (label, text, position), or gone — then with its last known text.
 */
import type { Block, BlockKind } from '../../shared/documents.ts';
import type { AssessmentDto, LatestEntryDto, MeasureDto, PeriodDto, Voice } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import * as repo from './monitoring.repository.ts';

export type MeasureBlockDto = MeasureDto['block'];

const iso = (d: Date | string) => new Date(d).toISOString();

export function toPeriodDto(row: repo.PeriodRow): PeriodDto {
  return {
    id: row.id,
    documentId: row.document_id,
    label: row.label,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    createdAt: iso(row.created_at),
  };
}

export function toAssessmentDto(row: repo.AssessmentRow): AssessmentDto {
  return {
    id: row.id,
    measureId: row.measure_id,
    periodId: row.period_id,
    voice: row.voice,
    status: row.status,
    progress: row.progress,
    evidence: row.evidence,
    impact: row.impact,
    impactRating: row.impact_rating,
    organization: { id: row.organization_id, name: row.organization_name },
    revision: row.revision,
    updatedAt: iso(row.updated_at),
  };
}

export function toMeasureDto(row: repo.MeasureRow, block: MeasureBlockDto, latest: MeasureDto['latest']): MeasureDto {
  return {
    id: row.id,
    documentId: row.document_id,
    blockId: row.block_id,
    block,
    responsible: row.responsible,
    indicator: row.indicator,
    baseline: row.baseline,
    target: row.target,
    deadline: row.deadline,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    latest,
  };
}

export const NO_ASSESSMENT: MeasureDto['latest'] = { government: null, nhri: null };

/** How deep a kind of block sits: a scope ends at the next block of the same or a higher level. */
export const BLOCK_LEVEL: Record<BlockKind, number> = { title: 0, part: 1, chapter: 2, section: 3, article: 4, paragraph: 5, point: 6, text: 7 };

/**
 * For each block, the label of the nearest labelled block above it in the hierarchy (a point's
 * article, an article's chapter): what tells "(a)" of Article 1 from "(a)" of Article 2.
 */
export function parentLabels(blocks: readonly Pick<Block, 'id' | 'kind' | 'label'>[]): Map<string, string | null> {
  const open: (string | null)[] = [];
  const result = new Map<string, string | null>();
  for (const b of blocks) {
    const level = BLOCK_LEVEL[b.kind];
    open.length = Math.min(open.length, level);
    let parent: string | null = null;
    for (let i = level - 1; i >= 0 && parent === null; i--) parent = open[i]?.trim() || null;
    result.set(b.id, parent);
    while (open.length < level) open.push(null);
    open[level] = b.label;
  }
  return result;
}

/** Where each measure's line is: the current version, or its last known version. */
export async function measureBlocks(db: Db, documentId: string, currentVersion: number, blockIds: string[]): Promise<Map<string, MeasureBlockDto>> {
  const { blocks } = await versionBlocks(db, documentId, currentVersion);
  const current = new Map<string, Block>(blocks.map((b) => [b.id, b]));
  const parents = parentLabels(blocks);
  const result = new Map<string, MeasureBlockDto>();
  const gone: string[] = [];
  for (const id of blockIds) {
    const b = current.get(id);
    if (b) {
      const parentLabel = parents.get(id) ?? null;
      result.set(id, { kind: b.kind, label: b.label, text: b.text, path: b.path, parentLabel, inCurrentVersion: true, version: currentVersion, ordinal: b.ordinal });
    }
    else gone.push(id);
  }
  for (const b of await repo.lastKnownBlocks(db, documentId, gone)) {
    result.set(b.block_id, { kind: b.kind, label: b.label, text: b.text, path: b.path, parentLabel: null, inCurrentVersion: false, version: b.version_number, ordinal: null });
  }
  return result;
}

/**
 * Each measure's most recent entry per voice, by reporting order of the periods (`periods` in
 * that order); a measure without any entry is absent from the map.
 */
export function latestPerVoice(assessments: repo.AssessmentRow[], periods: repo.PeriodRow[]): Map<string, MeasureDto['latest']> {
  const order = new Map(periods.map((p, i) => [p.id, i]));
  const label = new Map(periods.map((p) => [p.id, p.label]));
  const best = new Map<string, Record<Voice, repo.AssessmentRow | null>>();
  for (const a of assessments) {
    const slot = best.get(a.measure_id) ?? { government: null, nhri: null };
    const held = slot[a.voice];
    if (!held || (order.get(a.period_id) ?? -1) > (order.get(held.period_id) ?? -1)) slot[a.voice] = a;
    best.set(a.measure_id, slot);
  }
  const entry = (a: repo.AssessmentRow | null): LatestEntryDto | null => (a ? { ...toAssessmentDto(a), periodLabel: label.get(a.period_id) ?? '' } : null);
  return new Map([...best].map(([id, slot]) => [id, { government: entry(slot.government), nhri: entry(slot.nhri) }]));
}

/** Document order: by position in the current version; lines gone from it come last. */
export function byDocumentOrder<T extends { block: MeasureBlockDto }>(items: T[]): T[] {
  return items.sort((a, b) => (a.block.ordinal ?? Number.MAX_SAFE_INTEGER) - (b.block.ordinal ?? Number.MAX_SAFE_INTEGER));
}
