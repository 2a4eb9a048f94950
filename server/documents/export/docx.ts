/**
 * One version of a document as Word .docx. Structure lines get Word's heading styles (so the
 * navigation pane and a table of contents work); every other line is a plain paragraph.
 *
 * Right to left is decided per line, not per document: an Arabic law quoting an English term, or
 * a French plan with an Arabic annex, must each read in their own direction. Word needs both the
 * paragraph flag (bidi: order and alignment) and the run flag (rtl: shaping, digits, punctuation).
 */
import { Document, HeadingLevel, Packer, Paragraph, type SectionProperties, TextRun } from 'docx';
import type { Block } from '../../../shared/documents.ts';
import { cleanXmlText } from './akn.ts';

type Language = 'ar' | 'en' | 'fr';
type HeadingStyle = (typeof HeadingLevel)[keyof typeof HeadingLevel];

/** Arial has Arabic glyphs on Windows and macOS; `cs` is the font Word uses for complex scripts. */
export const FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'Arial' } as const;

const FIRST_LETTER = /\p{L}/u;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** A line's direction: as stored, or for `auto` by its first letter (HTML's dir=auto rule). */
export function isRtl(dir: Block['dir'], text: string, language: Language): boolean {
  if (dir !== 'auto') return dir === 'rtl';
  const letter = FIRST_LETTER.exec(text);
  return letter ? RTL_LETTER.test(letter[0]) : language === 'ar';
}

/** Runs for one line: control characters dropped (they make document.xml unreadable), newlines kept as breaks. */
export function textRuns(text: string, rtl: boolean, extra: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return cleanXmlText(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, rightToLeft: rtl || undefined, font: FONT, ...extra }));
}

/**
 * Marks the section right to left (`<w:bidi/>` in sectPr: page numbers, columns and gutter on the
 * Arabic side). docx 9 has no option for it, so the serialised section gets the element inserted at
 * its schema position (before w:docGrid); Word rejects out-of-order sectPr children.
 */
export function makeSectionRtl(doc: Document): void {
  const section: SectionProperties | undefined = doc.Document.View.Body.getSectionPropertiesFor();
  if (!section) return;
  const original = section.prepForXml.bind(section);
  section.prepForXml = (context) => {
    const xml = original(context);
    const children = (xml as { 'w:sectPr'?: object[] } | undefined)?.['w:sectPr'];
    if (Array.isArray(children)) {
      const grid = children.findIndex((child) => 'w:docGrid' in child);
      children.splice(grid === -1 ? children.length : grid, 0, { 'w:bidi': {} });
    }
    return xml;
  };
}

/** Heading levels follow the divisions the document actually has: a law without parts starts at Heading 1. */
function headingLevels(blocks: Block[]): Map<Block['kind'], HeadingStyle> {
  const levels: HeadingStyle[] = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  const present = (['part', 'chapter', 'section', 'article'] as const).filter((kind) => blocks.some((b) => b.kind === kind));
  const map = new Map<Block['kind'], HeadingStyle>(present.map((kind, i) => [kind, levels[i]]));
  map.set('title', HeadingLevel.TITLE);
  return map;
}

const VERSION_LABEL: Record<Language, string> = { ar: 'الإصدار', en: 'Version', fr: 'Version' };

export async function toDocx(
  doc: { title: string; language: Language },
  version: { number: number; publishedAt: string; note: string },
  blocks: Block[],
): Promise<Buffer> {
  const docRtl = doc.language === 'ar';
  const levels = headingLevels(blocks);
  const line = (text: string, rtl: boolean, heading?: HeadingStyle, italics?: boolean) =>
    new Paragraph({ heading, bidirectional: rtl || undefined, children: textRuns(text, rtl, italics ? { italics } : {}) });

  const body = blocks.map((b) => line(b.text, isRtl(b.dir, b.text, doc.language), levels.get(b.kind)));
  // Which version this is goes right under the (first) title line.
  const versionPara = line(versionLine(doc.language, version), docRtl, undefined, true);
  const titleAt = blocks.findIndex((b) => b.kind === 'title');
  const children =
    titleAt === -1
      ? [line(doc.title, isRtl('auto', doc.title, doc.language), HeadingLevel.TITLE), versionPara, ...body]
      : [...body.slice(0, titleAt + 1), versionPara, ...body.slice(titleAt + 1)];

  const file = new Document({
    title: cleanXmlText(doc.title),
    creator: 'Tashawur',
    lastModifiedBy: 'Tashawur',
    description: cleanXmlText(versionLine('en', version)),
    revision: version.number,
    styles: {
      default: {
        // Arabic proofing and shaping language for complex-script runs of an Arabic document.
        document: { run: { font: FONT, ...(docRtl ? { language: { bidirectional: 'ar-SA' } } : {}) } },
      },
    },
    sections: [{ children }],
  });
  if (docRtl) makeSectionRtl(file);
  return Packer.toBuffer(file);
}

function versionLine(language: Language, version: { number: number; publishedAt: string; note: string }): string {
  const date = version.publishedAt.slice(0, 10);
  const note = version.note.trim();
  return `${VERSION_LABEL[language]} ${version.number} · ${date}${note ? ` · ${note}` : ''}`;
}
