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
import { listThreads } from './threads.service.ts';


function who(t: ThreadDto): string {
  const a = t.author;
  if (a.name && a.organization) return `${a.name} (${a.organization.name})`;
  return a.name ?? a.organization?.name ?? 'Anonymous';
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
  return { document: row, rows };
}

const COLUMNS = ['Reference', 'Line', 'Quoted text', 'Comment', 'Replies', 'Who', 'Kind', 'Visibility', 'Endorsed by', 'Disposition', 'Rationale', 'Applied in version', 'Status'];

function cells(r: ReportRow): string[] {
  return [r.reference, String(r.line), r.quote, r.comment, String(r.replies), r.who, r.kind, r.visibility, r.endorsements.join('; '), r.disposition ?? '', r.rationale ?? '', r.appliedIn ? String(r.appliedIn) : '', r.status];
}

export async function reportFile(db: Db, actor: Actor | null, documentId: string, format: 'json' | 'csv' | 'docx') {
  const { document, rows } = await reportRows(db, actor, documentId);
  const base = `${document.title}-comment-response`;
  if (format === 'csv') {
    return { body: toCsv(COLUMNS, rows.map(cells)), contentType: 'text/csv; charset=utf-8', disposition: attachmentDisposition(`${base}.csv`) };
  }
  if (format === 'docx') {
    const body = await toDocxTable({ title: document.title, subtitle: 'Comment-response report', rtl: document.language === 'ar', columns: COLUMNS, rows: rows.map(cells) });
    return { body, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', disposition: attachmentDisposition(`${base}.docx`) };
  }
  return { body: JSON.stringify({ documentId, title: document.title, version: document.current_version, rows }), contentType: 'application/json; charset=utf-8', disposition: null };
}
