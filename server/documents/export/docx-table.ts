/**
 * A landscape Word document with a title and one table: the comment-response matrix and the
 * periodic monitoring report. Reports have many columns (reference, quote, comment, author,
 * disposition, rationale …), hence landscape; the header row repeats on every page so a printed
 * page 7 still says which column is which.
 */
import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { cleanXmlText } from './akn.ts';
import { FONT, isRtl, makeSectionRtl, textRuns } from './docx.ts';

export interface DocxTableOptions {
  title: string;
  subtitle?: string;
  /** The report's direction: table columns run right to left and every paragraph is bidi. */
  rtl: boolean;
  columns: string[];
  rows: string[][];
}

export async function toDocxTable(options: DocxTableOptions): Promise<Buffer> {
  const { rtl } = options;
  // A cell in the other script (an English quote in an Arabic report) still gets its own run direction.
  const cellParagraph = (text: string, bold = false) =>
    new Paragraph({ bidirectional: rtl || undefined, children: textRuns(text, isRtl('auto', text, rtl ? 'ar' : 'en'), { bold }) });
  const width = options.columns.length ? Math.floor(100 / options.columns.length) : 100;
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [cellParagraph(text, bold)], width: { size: width, type: WidthType.PERCENTAGE } });

  const header = new TableRow({ tableHeader: true, cantSplit: true, children: options.columns.map((c) => cell(c, true)) });
  const body = options.rows.map(
    (row) => new TableRow({ children: options.columns.map((_, i) => cell(row[i] ?? '')) }),
  );
  const table = new Table({
    rows: [header, ...body],
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: rtl || undefined,
  });

  // docx's default styles have Title but no Subtitle: the subtitle is an italic plain line.
  const title = new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: rtl || undefined, children: textRuns(options.title, rtl) });
  const subtitle = options.subtitle
    ? [new Paragraph({ bidirectional: rtl || undefined, children: textRuns(options.subtitle, rtl, { italics: true }) })]
    : [];
  const file = new Document({
    title: cleanXmlText(options.title),
    subject: options.subtitle ? cleanXmlText(options.subtitle) : undefined,
    creator: 'Tashawur',
    lastModifiedBy: 'Tashawur',
    styles: { default: { document: { run: { font: FONT, ...(rtl ? { language: { bidirectional: 'ar-SA' } } : {}) } } } },
    sections: [
      {
        // docx swaps width and height for landscape: give the portrait A4 size.
        properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        children: [title, ...subtitle, table],
      },
    ],
  });
  if (rtl) makeSectionRtl(file);
  return Packer.toBuffer(file);
}
