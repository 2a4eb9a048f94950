/**
 * The periodic report as Word: landscape A4, the plan's title and period, then three tables —
 * the summary (status counts of both voices), the overdue measures, the disagreements — and the
 * measures table (provision | responsible, indicator, target | government | NHRI | trend | open
 * comments: their number, then one line per thread the reader may see). Right to left for Arabic plans: section, tables and paragraphs; each cell's runs
 * follow their own script. Header rows repeat on every printed page.
 */
import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import type { PeriodicReportDto } from '../../shared/monitoring.ts';
import { cleanXmlText } from '../documents/export/akn.ts';
import { FONT, isRtl, makeSectionRtl, textRuns } from '../documents/export/docx.ts';
import { reportLabels } from './report-labels.ts';
import { disagreementRow, overdueRow, periodText, provisionText, summaryRows, targetLines, threadLines, trendLines, voiceLines } from './report-text.ts';

function builders(rtl: boolean) {
  const language = rtl ? 'ar' : 'en';
  const paragraph = (text: string, options: { bold?: boolean; italics?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}) =>
    new Paragraph({
      heading: options.heading,
      bidirectional: rtl || undefined,
      children: textRuns(text, isRtl('auto', text, language), { bold: options.bold, italics: options.italics }),
    });
  const cell = (text: string, width: number, bold = false) =>
    new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: text.split('\n').map((line) => paragraph(line, { bold })) });
  const table = (columns: string[], rows: string[][], widths?: number[]) => {
    const w = (i: number) => widths?.[i] ?? Math.floor(100 / columns.length);
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      visuallyRightToLeft: rtl || undefined,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c, w(i), true)) }),
        ...rows.map((r) => new TableRow({ children: columns.map((_, i) => cell(r[i] ?? '', w(i))) })),
      ],
    });
  };
  return { paragraph, table };
}

export async function toReportDocx(r: PeriodicReportDto): Promise<Buffer> {
  const l = reportLabels(r.document.language);
  const rtl = r.document.language === 'ar';
  const { paragraph, table } = builders(rtl);
  const heading = (text: string) => paragraph(text, { heading: HeadingLevel.HEADING_1 });
  const byId = new Map(r.measures.map((m) => [m.measureId, m]));
  const none = paragraph(l.none, { italics: true });

  const measureRows = r.measures.map((m) => [
    `${provisionText(m)}${m.inCurrentVersion ? '' : `\n(${l.lineGone})`}`,
    targetLines(l, m).join('\n'),
    voiceLines(l, m.government).join('\n'),
    voiceLines(l, m.nhri).join('\n'),
    trendLines(l, m).join('\n'),
    [String(m.openThreads), ...threadLines(l, m)].join('\n'),
  ]);
  const children = [
    paragraph(r.document.title, { heading: HeadingLevel.TITLE }),
    paragraph(l.report, { italics: true }),
    paragraph(`${l.period}: ${periodText(r.period)}`),
    paragraph(`${l.previousPeriod}: ${r.previousPeriod ? periodText(r.previousPeriod) : l.firstPeriod}`),
    ...(r.responsible ? [paragraph(`${l.filteredBy}: ${r.responsible}`)] : []),
    paragraph(`${l.version} ${r.document.version} · ${l.generatedOn} ${r.generatedAt.slice(0, 10)}`),
    heading(l.summary),
    table(['', l.government, l.nhri], summaryRows(l, r), [50, 25, 25]),
    paragraph(`${l.measureCount}: ${r.summary.measureCount} · ${l.disagreements}: ${r.summary.disagreements} · ${l.overdue}: ${r.summary.overdue}`),
    heading(l.overdue),
    r.overdue.length
      ? table(
          [l.provision, l.responsible, l.deadline, l.daysOverdue, l.government, l.nhri],
          r.overdue.map((o) => overdueRow(l, o)),
          [34, 18, 10, 8, 15, 15],
        )
      : none,
    heading(l.disagreements),
    r.disagreements.length
      ? table(
          [l.provision, l.responsible, l.government, l.nhri, l.progressGap],
          r.disagreements.map((d) => disagreementRow(l, d, provisionText(byId.get(d.measureId) ?? { label: d.label, text: '' }))),
          [38, 18, 17, 17, 10],
        )
      : paragraph(l.none, { italics: true }),
    heading(l.measures),
    table([l.provision, `${l.responsible} / ${l.indicator}`, l.government, l.nhri, l.trend, l.openThreads], measureRows, [20, 16, 18, 18, 10, 18]),
  ];
  const file = new Document({
    title: cleanXmlText(`${r.document.title} — ${r.period.label}`),
    subject: cleanXmlText(l.report),
    creator: 'Tashawur',
    lastModifiedBy: 'Tashawur',
    styles: { default: { document: { run: { font: FONT, ...(rtl ? { language: { bidirectional: 'ar-SA' } } : {}) } } } },
    sections: [
      {
        // docx swaps width and height for landscape: give the portrait A4 size.
        properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: 900, bottom: 900, left: 900, right: 900 } } },
        children,
      },
    ],
  });
  if (rtl) makeSectionRtl(file);
  return Packer.toBuffer(file);
}
