/**
 * The comment-response report ("matrix"): one row per thread the reader may see, in document
 * order, built from the same presenter as the thread list — so an export never shows more than
 * the screen. JSON, CSV (UTF-8 with BOM, formula cells neutralised) and Word.
 */
import type { ReportRow, ThreadDto } from '../../shared/threads.ts';
import type { Db } from '../db/database.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { attachmentDisposition } from '../documents/export/content-type.ts';
import { toCsv } from '../documents/export/csv.ts';
import { toDocxTable } from '../documents/export/docx-table.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { effectiveStatus } from '../policy/documents.ts';
import { type ThreadReportLabels, threadReportLabels } from './report-labels.ts';
import { listThreads } from './threads.service.ts';

/** What a file cell must translate: the marks the JSON row carries as codes. */
interface RowMarks {
  comment?: 'withdrawn' | 'hidden';
  anonymous?: true;
  /** Lines (1-based, on the applied version) of the blocks where an accepted comment was applied. */
  appliedLines?: number[];
}

function who(t: ThreadDto): string {
  const a = t.author;
  if (a.name && a.organization) return `${a.name} (${a.organization.name})`;
  return a.name ?? a.organization?.name ?? 'Anonymous';
}

/** Line numbers of the applied blocks on the version they were applied in. */
async function appliedLines(db: Db, documentId: string, t: ThreadDto): Promise<number[] | undefined> {
  const d = t.disposition;
  if (!d?.appliedVersion || !d.appliedBlockIds.length) return undefined;
  const { blocks } = await versionBlocks(db, documentId, d.appliedVersion);
  const ordinal = new Map(blocks.map((b) => [b.id, b.ordinal + 1]));
  return d.appliedBlockIds.flatMap((id) => ordinal.get(id) ?? []).sort((a, b) => a - b);
}

export async function reportRows(db: Db, actor: Actor | null, documentId: string) {
  const { row, facts } = await loadReadableDocument(db, actor, documentId);
  if (!actor && effectiveStatus(facts) !== 'reported') {
    throw new AppError('not_signed_in', 401, 'The comment-response report is public once published; sign in to see it before then.');
  }
  const threads = await listThreads(db, actor, documentId, {});
  const { blocks } = await versionBlocks(db, documentId, row.current_version);
  const byId = new Map(blocks.map((b) => [b.id, b]));
  // The nearest article (or other labelled unit) at or before the line.
  const reference = (blockId: string) => {
    const b = byId.get(blockId);
    if (!b) return '';
    for (let i = b.ordinal; i >= 0; i--) {
      if (blocks[i].kind === 'article' && blocks[i].label) return b.label && i !== b.ordinal ? `${blocks[i].label} ${b.label}` : (blocks[i].label as string);
    }
    return b.label ?? '';
  };
  const marks = new Map<string, RowMarks>();
  for (const t of threads) {
    const first = t.comments[0];
    marks.set(t.id, {
      ...(first && first.body === undefined ? { comment: first.withdrawn ? 'withdrawn' : 'hidden' } : {}),
      ...(!t.author.name && !t.author.organization ? { anonymous: true } : {}),
      ...(t.disposition?.appliedVersion ? { appliedLines: await appliedLines(db, documentId, t) } : {}),
    } as RowMarks);
  }
  const rows: ReportRow[] = threads.map((t) => ({
    threadId: t.id,
    reference: reference(t.anchor.start.blockId),
    line: (byId.get(t.anchor.start.blockId)?.ordinal ?? -1) + 1,
    quote: t.quote,
    comment: t.comments[0]?.body ?? (t.comments[0]?.withdrawn ? '[withdrawn]' : '[hidden]'),
    replies: Math.max(0, t.comments.length - 1),
    who: who(t),
    kind: t.kind,
    visibility: t.visibility,
    endorsements: t.endorsements.map((e) => e.name),
    disposition: t.disposition?.value ?? null,
    rationale: t.disposition?.rationale ?? null,
    appliedIn: t.disposition?.appliedVersion ?? null,
    status: t.status,
  }));
  return { document: row, rows, marks };
}

function columns(l: ThreadReportLabels): string[] {
  const c = l.columns;
  return [c.reference, c.line, c.quote, c.comment, c.replies, c.who, c.kind, c.visibility, c.endorsedBy, c.disposition, c.rationale, c.appliedIn, c.status];
}

/** One row of a file, in the document's language (the JSON keeps the codes). */
function cells(r: ReportRow, l: ThreadReportLabels, marks: RowMarks = {}): string[] {
  const comment = marks.comment ? l[marks.comment] : r.comment;
  const applied = r.appliedIn ? (marks.appliedLines?.length ? l.appliedLines(r.appliedIn, marks.appliedLines) : String(r.appliedIn)) : '';
  return [
    r.reference,
    String(r.line),
    r.quote,
    comment,
    String(r.replies),
    marks.anonymous ? l.anonymous : r.who,
    l.kinds[r.kind],
    l.visibilities[r.visibility],
    r.endorsements.join('; '),
    r.disposition ? l.dispositions[r.disposition] : '',
    r.rationale ?? '',
    applied,
    l.statuses[r.status],
  ];
}

export async function reportFile(db: Db, actor: Actor | null, documentId: string, format: 'json' | 'csv' | 'docx') {
  const { document, rows, marks } = await reportRows(db, actor, documentId);
  const base = `${document.title}-comment-response`;
  const labels = threadReportLabels(document.language);
  const table = () => rows.map((r) => cells(r, labels, marks.get(r.threadId)));
  if (format === 'csv') {
    return { body: toCsv(columns(labels), table()), contentType: 'text/csv; charset=utf-8', disposition: attachmentDisposition(`${base}.csv`) };
  }
  if (format === 'docx') {
    const body = await toDocxTable({ title: document.title, subtitle: labels.subtitle, rtl: document.language === 'ar', columns: columns(labels), rows: table() });
    return { body, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', disposition: attachmentDisposition(`${base}.docx`) };
  }
  return { body: JSON.stringify({ documentId, title: document.title, version: document.current_version, rows }), contentType: 'application/json; charset=utf-8', disposition: null };
}
