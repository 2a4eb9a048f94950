/** Files of one version of a document: Akoma Ntoso XML, Markdown and Word. */
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { readableVersion } from './documents.service.ts';
import { toAkomaNtoso } from './export/akn.ts';
import { attachmentDisposition } from './export/content-type.ts';
import { toDocx } from './export/docx.ts';
import { toMarkdown } from './export/markdown.ts';

export type VersionFormat = 'akn' | 'md' | 'docx';

export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  disposition: string;
}

export async function exportVersion(db: Db, actor: Actor | null, id: string, number: number, format: VersionFormat): Promise<ExportFile> {
  const { row, version, blocks } = await readableVersion(db, actor, id, number);
  const doc = { id: row.id, title: row.title, kind: row.kind, language: row.language, organizationName: row.organization_name };
  const base = `${row.title}-v${number}`;
  switch (format) {
    case 'akn':
      return { body: toAkomaNtoso(doc, { number, publishedAt: version.publishedAt, note: version.note }, blocks), contentType: 'application/akn+xml; charset=utf-8', disposition: attachmentDisposition(`${base}.akn.xml`) };
    case 'md':
      return { body: toMarkdown(row.title, blocks), contentType: 'text/markdown; charset=utf-8', disposition: attachmentDisposition(`${base}.md`) };
    case 'docx':
      return {
        body: await toDocx({ title: row.title, language: row.language }, { number, publishedAt: version.publishedAt, note: version.note }, blocks),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        disposition: attachmentDisposition(`${base}.docx`),
      };
  }
}
