/**
 * Exports of one version (Akoma Ntoso, Markdown, Word) and the report helpers (CSV, Word table,
 * Content-Disposition). Every file is opened again the way a consumer would: XML parsed, .docx
 * unzipped, CSV parsed back.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toAkomaNtoso } from '../../../server/documents/export/akn.ts';
import { asciiFilename, attachmentDisposition, CONTENT_TYPES } from '../../../server/documents/export/content-type.ts';
import { toCsv } from '../../../server/documents/export/csv.ts';
import { toDocx } from '../../../server/documents/export/docx.ts';
import { toDocxTable } from '../../../server/documents/export/docx-table.ts';
import { toMarkdown } from '../../../server/documents/export/markdown.ts';
import { importSource } from '../../../server/documents/import/index.ts';
import type { Block, ParsedBlock } from '../../../shared/documents.ts';
import { corpusMarkdownFiles, readCorpus } from '../../helpers/corpus.ts';

let ordinal = 0;
function block(kind: Block['kind'], label: string | null, path: string, text: string, dir: Block['dir'] = 'ltr'): Block {
  ordinal += 1;
  return { id: `b${ordinal}`, ordinal, kind, label, path, text, dir };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const HOSTILE = 'Hostile </p><script>alert("x")</script> & \u0001\u0008\u000B tail';

const english: Block[] = [
  block('title', null, 'preface__title_1', 'Draft Law on Combating Trafficking in Persons'),
  block('text', null, 'preface__p_1', 'The Parliament has adopted the following law:'),
  block('part', 'Part I', 'part_1', 'Part I – General provisions'),
  block('chapter', 'Chapter 1', 'part_1__chp_1', 'Chapter 1: Definitions'),
  block('article', 'Article 1', 'art_1', 'Article 1'),
  block('paragraph', '1.', 'art_1__para_1', '1. In this Law:'),
  block('point', '(a)', 'art_1__para_1__point_a', '(a) "child" means a person under 18 & <not> older;'),
  block('point', '(b)', 'art_1__para_1__point_b', '(b) "victim" means any natural person.'),
  block('paragraph', '2.', 'art_1__para_2', `2. ${HOSTILE}`),
  block('article', 'Article 2', 'art_2', 'Article 2 – Scope'),
  block('text', null, 'art_2__p_1', 'This Law applies to everyone.'),
  block('chapter', 'Chapter 2', 'part_1__chp_2', 'Chapter 2: Final provisions'),
  // A repeated path (an amendment file repeating an article): the eId must still be unique.
  block('article', 'Article 3', 'art_1', 'Article 3'),
  block('paragraph', null, 'art_3__p_1', 'This Law enters into force on publication.'),
];

const arabic: Block[] = [
  block('title', null, 'preface__title_1', 'مشروع نظام مكافحة جرائم الاتجار بالأشخاص', 'rtl'),
  block('chapter', 'الفصل الأول', 'chp_1', 'الفصل الأول: أحكام عامة', 'rtl'),
  block('article', 'المادة الأولى', 'chp_1__art_1', 'المادة الأولى', 'rtl'),
  block('paragraph', '١ -', 'chp_1__art_1__para_1', '١ - يقصد بالمصطلحات الآتية المعاني المبينة أمامها:', 'rtl'),
  block('point', 'أ-', 'chp_1__art_1__para_1__point_a', 'أ- الطفل: من لم يجاوز الثامنة عشرة من عمره.', 'rtl'),
  block('point', 'ب-', 'chp_1__art_1__para_1__point_b', 'ب- الضحية: كل شخص طبيعي.', 'auto'),
  block('article', 'المادة الثانية', 'chp_1__art_2', 'المادة الثانية: النطاق', 'rtl'),
  block('paragraph', null, 'chp_1__art_2__p_1', 'يطبق هذا النظام على الجميع.', 'auto'),
  block('paragraph', null, 'chp_1__art_2__p_2', 'English wording quoted in an Arabic law.', 'auto'),
];

const lawDoc = { id: 'doc_1', title: 'Draft Law on Combating Trafficking', kind: 'law' as const, language: 'en' as const, organizationName: 'Ministry "of" Justice & <Co>' };
const version = { number: 2, publishedAt: '2024-05-01T10:00:00Z', note: 'Second round & changes' };

// ---- helpers to read the exports back ----

type XmlNode = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: true });

/** Every element named `tag` anywhere under `node`, in document order. */
function findAll(node: unknown, tag: string): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === tag) for (const one of Array.isArray(child) ? child : [child]) found.push(typeof one === 'object' && one ? (one as XmlNode) : { '#text': one });
      visit(child);
    }
  };
  visit(node);
  return found;
}
const textOf = (value: unknown): string => (typeof value === 'object' && value ? String((value as XmlNode)['#text'] ?? '') : String(value ?? ''));
const allEIds = (xml: string) => [...xml.matchAll(/ eId="([^"]*)"/g)].map((m) => m[1]);

async function docxXml(buffer: Buffer, part = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file(part);
  if (!file) throw new Error(`${part} missing`);
  return file.async('string');
}
/** The <w:p> elements of document.xml whose text contains `needle`. */
function paragraphsWith(xml: string, needle: string): string[] {
  return (xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? []).filter((p) => p.includes(needle));
}

/** A strict RFC 4180 reader, to prove the CSV parses back into the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      // A quoted field ends at a quote that is not the first of a doubled pair.
      let end = i + 1;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      cell += text.slice(i + 1, end).replaceAll('""', '"');
      i = end + 1;
    } else if (text[i] === ',') {
      row.push(cell);
      cell = '';
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
    } else {
      cell += text[i];
      i += 1;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('Akoma Ntoso export', () => {
  const xml = toAkomaNtoso(lawDoc, version, english);
  const parsed = parser.parse(xml);

  it('is well-formed XML in the AKN 3.0 namespace, a draft law being a bill', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parsed.akomaNtoso['@_xmlns']).toBe('http://docs.oasis-open.org/legaldocml/ns/akn/3.0');
    expect(parsed.akomaNtoso.bill['@_name']).toBe('law');
    expect(parsed.akomaNtoso.bill.body).toBeDefined();
  });

  it('identifies work, expression and manifestation with ISO 639-2 language and the version number', () => {
    const identification = parsed.akomaNtoso.bill.meta.identification;
    expect(identification['@_source']).toBe('#tashawur');
    const expression = identification.FRBRExpression;
    expect(expression.FRBRlanguage['@_language']).toBe('eng');
    expect(expression.FRBRversionNumber['@_value']).toBe('2');
    expect(expression.FRBRdate['@_date']).toBe('2024-05-01');
    for (const level of ['FRBRWork', 'FRBRExpression', 'FRBRManifestation']) {
      for (const field of ['FRBRthis', 'FRBRuri', 'FRBRdate', 'FRBRauthor']) expect(identification[level][field], `${level}/${field}`).toBeDefined();
    }
    expect(identification.FRBRWork.FRBRuri['@_value']).toContain('doc_1');
    // Given the document's creation date, the work is the same across versions; the expression is per version.
    const stable = { ...lawDoc, createdAt: '2024-01-01T00:00:00Z' };
    const a = parser.parse(toAkomaNtoso(stable, version, english)).akomaNtoso.bill.meta.identification;
    const b = parser.parse(toAkomaNtoso(stable, { ...version, number: 3 }, english)).akomaNtoso.bill.meta.identification;
    expect(a.FRBRWork.FRBRuri['@_value']).toBe(b.FRBRWork.FRBRuri['@_value']);
    expect(a.FRBRExpression.FRBRuri['@_value']).not.toBe(b.FRBRExpression.FRBRuri['@_value']);
    expect(toAkomaNtoso({ ...lawDoc, language: 'ar' }, version, arabic)).toContain('language="ara"');
    expect(toAkomaNtoso({ ...lawDoc, language: 'fr' }, version, english)).toContain('language="fra"');
  });

  it('puts the title and the leading text in the preface, with xml:lang', () => {
    const preface = parsed.akomaNtoso.bill.preface;
    expect(preface['@_xml:lang']).toBe('en');
    expect(textOf(preface.longTitle.p.docTitle)).toBe('Draft Law on Combating Trafficking in Persons');
    expect(textOf(preface.p)).toBe('The Parliament has adopted the following law:');
    expect(parsed.akomaNtoso.bill.body['@_xml:lang']).toBe('en');
  });

  it('nests part > chapter > article > paragraph > point, with num, heading and content', () => {
    const part = parsed.akomaNtoso.bill.body.part;
    expect(textOf(part.num)).toBe('Part I');
    expect(textOf(part.heading)).toBe('General provisions');
    const chapters = findAll(part, 'chapter');
    expect(chapters.map((c) => textOf(c.num))).toEqual(['Chapter 1', 'Chapter 2']);
    const articles = findAll(parsed, 'article');
    expect(articles.map((a) => textOf(a.num))).toEqual(['Article 1', 'Article 2', 'Article 3']);
    expect(articles.map((a) => (a.heading === undefined ? null : textOf(a.heading)))).toEqual([null, 'Scope', null]);
    // Article 3 lives in chapter 2, not chapter 1.
    expect(findAll(chapters[1], 'article').map((a) => textOf(a.num))).toEqual(['Article 3']);

    const [para1, para2] = findAll(articles[0], 'paragraph');
    expect(textOf(para1.num)).toBe('1.');
    const list = para1.list as XmlNode;
    expect(textOf((list.intro as XmlNode).p)).toBe('In this Law:');
    const points = findAll(list, 'point');
    expect(points.map((p) => textOf(p.num))).toEqual(['(a)', '(b)']);
    expect(textOf(((points[0].content as XmlNode).p))).toBe('"child" means a person under 18 & <not> older;');
    expect(para2['@_eId']).toBe('art_1__para_2');
    // Unnumbered text of an article is an unnumbered paragraph with content.
    const scope = findAll(articles[1], 'paragraph')[0];
    expect(scope.num).toBeUndefined();
    expect(textOf((scope.content as XmlNode).p)).toBe('This Law applies to everyone.');
  });

  it('keeps every eId unique, using the block path and suffixing repeats', () => {
    const ids = allEIds(xml);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('art_1');
    expect(ids).toContain('art_1_2');
    // A point's eId extends its list's, as in the EU sample (art_2__list_1__point_a).
    expect(ids).toContain('art_1__para_1__list_1__point_a');
    // Paths that are not valid ids (spaces, quotes) are cleaned, not emitted raw.
    const odd = toAkomaNtoso(lawDoc, version, [block('article', 'Article 9', 'art 9"><x', 'Article 9')]);
    expect(XMLValidator.validate(odd)).toBe(true);
    expect(allEIds(odd)).toContain('art_9_x');
  });

  it('escapes hostile text and drops characters XML cannot carry', () => {
    const para2 = findAll(parsed, 'paragraph').find((p) => p['@_eId'] === 'art_1__para_2') as XmlNode;
    expect(textOf((para2.content as XmlNode).p)).toBe('Hostile </p><script>alert("x")</script> &  tail');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(CONTROL);
    expect(parsed.akomaNtoso.bill.meta.references.TLCOrganization[1]['@_showAs']).toBe('Ministry "of" Justice & <Co>');
    expect(textOf(findAll(parsed, 'note')[0].p)).toBe('Second round & changes');
    // A lone surrogate (half an emoji pasted from a broken editor) is not XML either.
    const broken = toAkomaNtoso(lawDoc, version, [block('paragraph', null, 'p_1', 'half \uD83D emoji \uDE00 and whole \uD83D\uDE00')]);
    expect(XMLValidator.validate(broken)).toBe(true);
    expect(broken).toContain('whole \uD83D\uDE00');
    expect(broken).not.toMatch(/\uD83D(?!\uDE00)/);
  });

  it('writes an action plan as doc name="actionPlan" with a mainBody', () => {
    const plan = toAkomaNtoso({ ...lawDoc, kind: 'action_plan', language: 'ar' }, { ...version, number: 1 }, arabic);
    expect(XMLValidator.validate(plan)).toBe(true);
    const root = parser.parse(plan).akomaNtoso;
    expect(root.bill).toBeUndefined();
    expect(root.doc['@_name']).toBe('actionPlan');
    expect(root.doc['@_contains']).toBe('originalVersion');
    expect(root.doc.mainBody['@_xml:lang']).toBe('ar');
    const article = findAll(root.doc.mainBody, 'article');
    expect(article.map((a) => textOf(a.num))).toEqual(['المادة الأولى', 'المادة الثانية']);
    expect(textOf(article[1].heading)).toBe('النطاق');
    expect(textOf(findAll(root, 'chapter')[0].heading)).toBe('أحكام عامة');
  });

  it('keeps a decree before the first article in the preface, numbered lines as they are written', () => {
    const blocks = [
      block('title', null, 'title', 'نظام مكافحة جرائم الاتجار بالأشخاص', 'rtl'),
      block('text', null, 'preface__p_1', 'رسمنا بما هو آت:', 'rtl'),
      block('paragraph', 'أولاً', 'preface__para_1', 'أولاً : الموافقة على النظام.', 'rtl'),
      block('point', '١ -', 'preface__para_1__point_1', '١ - متابعة أوضاع الضحايا.', 'rtl'),
      block('article', 'المادة الأولى', 'art_1', 'المادة الأولى', 'rtl'),
      block('paragraph', null, 'art_1__p_1', 'يحظر الاتجار بالأشخاص.', 'rtl'),
    ];
    const xml = toAkomaNtoso({ ...lawDoc, language: 'ar' }, version, blocks);
    expect(XMLValidator.validate(xml)).toBe(true);
    const bill = parser.parse(xml).akomaNtoso.bill;
    expect((bill.preface.p as XmlNode[]).map((p) => [p['@_eId'], textOf(p)])).toEqual([
      ['preface__p_1', 'رسمنا بما هو آت:'],
      ['preface__para_1', 'أولاً : الموافقة على النظام.'],
      ['preface__para_1__point_1', '١ - متابعة أوضاع الضحايا.'],
    ]);
    expect(findAll(bill.body, 'paragraph').map((p) => p['@_eId'])).toEqual(['art_1__p_1']);
  });

  it('puts the measures of a plan without divisions in the body', () => {
    const blocks = [
      block('title', null, 'title', 'National action plan'),
      block('text', null, 'preface__p_1', 'The Government commits to:'),
      block('paragraph', '1.', 'para_1', '1. Train labour inspectors.'),
      block('point', 'a)', 'para_1__point_a', 'a) in every region;'),
      block('paragraph', '2.', 'para_2', '2. Open shelters.'),
    ];
    const xml = toAkomaNtoso({ ...lawDoc, kind: 'action_plan' }, version, blocks);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = parser.parse(xml).akomaNtoso.doc;
    expect(textOf(doc.preface.p)).toBe('The Government commits to:');
    const measures = findAll(doc.mainBody, 'paragraph');
    expect(measures.map((m) => textOf(m.num))).toEqual(['1.', '2.']);
    expect(findAll(measures[0], 'point').map((p) => textOf(p.num))).toEqual(['a)']);
  });

  it('closes an article at a text line outside it (an annex heading), by its path', () => {
    const blocks = [
      block('chapter', 'Chapter 1', 'chp_1', 'Chapter 1'),
      block('article', 'Article 1', 'chp_1__art_1', 'Article 1'),
      block('paragraph', null, 'chp_1__art_1__p_1', 'Inside the article.'),
      block('text', null, 'chp_1__p_1', 'Annex: competent authorities'),
    ];
    const chapter = parser.parse(toAkomaNtoso(lawDoc, version, blocks)).akomaNtoso.bill.body.chapter;
    expect(findAll(chapter.article, 'paragraph').map((p) => p['@_eId'])).toEqual(['chp_1__art_1__p_1']);
    expect(chapter.paragraph['@_eId']).toBe('chp_1__p_1');
  });

  it('is still valid with no blocks at all (body needs one element)', () => {
    const empty = toAkomaNtoso(lawDoc, version, []);
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(textOf(parser.parse(empty).akomaNtoso.bill.preface.longTitle.p.docTitle)).toBe(lawDoc.title);
  });
});

describe('Markdown export', () => {
  it('uses # for the title, ## for divisions, ### for articles and plain lines between blank lines', () => {
    const md = toMarkdown('ignored because blocks carry a title', english);
    const lines = md.trimEnd().split('\n\n');
    expect(lines).toHaveLength(english.length);
    expect(lines[0]).toBe('# Draft Law on Combating Trafficking in Persons');
    expect(lines[2]).toBe('## Part I – General provisions');
    expect(lines[3]).toBe('## Chapter 1: Definitions');
    expect(lines[4]).toBe('### Article 1');
    expect(lines[5]).toBe('1. In this Law:'); // the label stays as written
    expect(lines[6]).toBe('(a) "child" means a person under 18 & \\<not> older;'); // raw HTML escaped
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3}/);
  });

  it('adds the document title only when no block is a title', () => {
    const md = toMarkdown('Plan national', [block('paragraph', '1.', 'p_1', '1. Mesure')]);
    expect(md).toBe('# Plan national\n\n1. Mesure\n');
  });

  it('escapes body lines that Markdown would read as structure, and only those', () => {
    const cases: [string, string][] = [
      ['# not a heading', '\\# not a heading'],
      ['> not a quote', '\\> not a quote'],
      ['- not a bullet', '\\- not a bullet'],
      ['* not a bullet', '\\* not a bullet'],
      ['+ not a bullet', '\\+ not a bullet'],
      ['---', '\\---'],
      ['```js', '\\`\\`\\`js'],
      ['<div onclick=x>', '\\<div onclick=x>'],
      ['| a | b |', '\\| a | b |'],
      ['1. a numbered paragraph', '1. a numbered paragraph'],
      ['#hashtag is text', '#hashtag is text'],
      ['-5 degrees', '-5 degrees'],
      ['أ- بند', 'أ- بند'],
    ];
    const blocks = cases.map(([text], i) => block('paragraph', null, `p_${i}`, text));
    const lines = toMarkdown('T', blocks).trimEnd().split('\n\n').slice(1);
    expect(lines).toEqual(cases.map(([, expected]) => expected));
  });

  it('escapes inline markup that would change the words, and leaves ordinary text alone', () => {
    const cases: [string, string][] = [
      ['*emphasis* and _this_ but snake_case', '\\*emphasis\\* and \\_this\\_ but snake_case'],
      ['[link](http://x) and [...] omitted', '\\[link](http://x) and [...] omitted'],
      ['a <b>tag</b> <!-- hidden -->', 'a \\<b>tag\\</b> \\<\\!-- hidden -->'],
      ['~~struck~~ `code`', '\\~\\~struck\\~\\~ \\`code\\`'],
      ['C:\\path\\*.txt ends with \\', 'C:\\path\\\\\\*.txt ends with \\\\'],
      ['5 < 6 and a_b', '5 < 6 and a_b'],
    ];
    const blocks = cases.map(([text], i) => block('paragraph', null, `p_${i}`, text));
    expect(toMarkdown('T', blocks).trimEnd().split('\n\n').slice(1)).toEqual(cases.map(([, expected]) => expected));
  });

  it('writes a text line that follows an article as a heading, so it does not fall into the article', () => {
    const md = toMarkdown('T', [
      block('article', 'Article 9', 'art_9', 'Article 9'),
      block('paragraph', null, 'art_9__p_1', 'Body of article 9.'),
      block('text', null, 'p_1', 'Annex: list of authorities'),
      block('text', null, 'p_2', 'Ministry of Interior'),
    ]);
    expect(md).toBe('# T\n\n### Article 9\n\nBody of article 9.\n\n### Annex: list of authorities\n\nMinistry of Interior\n');
  });

  it('keeps one block per line: inner newlines, leading indentation and control characters go', () => {
    const md = toMarkdown('T', [block('paragraph', null, 'p_1', '    first\nsecond\r\nthird\u0007'), block('article', 'Article 5', 'art_5', 'Article 5 #')]);
    expect(md).toBe('# T\n\nfirst second third\n\n### Article 5 \\#\n');
  });

  it('writes Arabic headings and lines unchanged', () => {
    const lines = toMarkdown('عنوان', arabic).trimEnd().split('\n\n');
    expect(lines[0]).toBe('# مشروع نظام مكافحة جرائم الاتجار بالأشخاص');
    expect(lines[1]).toBe('## الفصل الأول: أحكام عامة');
    expect(lines[2]).toBe('### المادة الأولى');
    expect(lines[4]).toBe('أ- الطفل: من لم يجاوز الثامنة عشرة من عمره.');
  });
});

describe('exports of the real corpus', () => {
  const files = corpusMarkdownFiles().filter((name) => !name.startsWith('comments/') && name !== 'SOURCES.md');
  const asBlocks = (parsed: ParsedBlock[]): Block[] => parsed.map((b, i) => ({ ...b, id: `b${i}`, ordinal: i }));
  const shape = (blocks: ParsedBlock[]) => blocks.map((b) => ({ kind: b.kind, label: b.label, text: b.text, path: b.path }));

  it('has texts to test against', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('Markdown of %s re-imports to the same kinds, labels, texts and paths', async (name) => {
    const original = await importSource({ format: 'markdown', content: readCorpus(name) });
    const markdown = toMarkdown('unused: the text has its title', asBlocks(original));
    const again = await importSource({ format: 'markdown', content: markdown });
    expect(shape(again)).toEqual(shape(original));
  });

  it.each(files)('Akoma Ntoso of %s is well-formed with unique eIds and one article per article block', async (name) => {
    const blocks = asBlocks(await importSource({ format: 'markdown', content: readCorpus(name) }));
    const language = name.includes('.ar.') ? 'ar' : 'en';
    const xml = toAkomaNtoso({ ...lawDoc, language }, version, blocks);
    expect(XMLValidator.validate(xml)).toBe(true);
    const ids = allEIds(xml);
    expect(new Set(ids).size).toBe(ids.length);
    const parsedXml = parser.parse(xml);
    expect(findAll(parsedXml, 'article')).toHaveLength(blocks.filter((b) => b.kind === 'article').length);
    // No block is lost: every block path appears as an eId, a point's under its list; a caption
    // line is its division's <heading>, a line introducing points its list's <intro>.
    const clean = (path: string) => path.replace(/[^\p{L}\p{N}_.~-]+/gu, '_');
    const framing = new Set([...findAll(parsedXml, 'heading').map(textOf), ...findAll(parsedXml, 'intro').map((i) => textOf(i.p))]);
    for (const b of blocks) {
      const underList = b.kind === 'point' && ids.some((id) => id.endsWith(`__${clean(b.path).split('__').at(-1)}`) && /__list_\d+__/.test(id));
      expect(ids.includes(clean(b.path)) || underList || framing.has(b.text.trim()), b.path).toBe(true);
    }
  });

  it('hostile and inline-markup lines survive Markdown and the importer unchanged', async () => {
    const texts = [
      '*emphasis* and _this_ but snake_case',
      '[link](http://x) a <b>tag</b> <!-- c --> back\\slash \\* ~~strike~~ end\\',
      '- not a bullet',
      '| a | b |',
      '# not a heading',
      '> not a quote',
      '---',
      '```js',
      HOSTILE.replace(new RegExp(CONTROL, 'g'), ''),
    ];
    const blocks = [block('title', null, 'title', 'Law `one`'), block('article', 'Article 1', 'art_1', 'Article 1'), ...texts.map((t, i) => block('paragraph', null, `art_1__p_${i + 1}`, t))];
    const again = await importSource({ format: 'markdown', content: toMarkdown('T', blocks) });
    expect(shape(again)).toEqual(shape(blocks));
  });
});

describe('Word export of a version', () => {
  it('sets document properties and heading styles, with the text of every block', async () => {
    const buffer = await toDocx({ title: 'Draft Law', language: 'en' }, version, english);
    const xml = await docxXml(buffer);
    expect(XMLValidator.validate(xml)).toBe(true);
    const core = await docxXml(buffer, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Draft Law</dc:title>');
    expect(core).toContain('<dc:creator>Tashawur</dc:creator>');
    expect(paragraphsWith(xml, 'Draft Law on Combating Trafficking in Persons')[0]).toContain('w:val="Title"');
    expect(paragraphsWith(xml, 'Part I – General provisions')[0]).toContain('w:val="Heading1"');
    expect(paragraphsWith(xml, 'Chapter 1: Definitions')[0]).toContain('w:val="Heading2"');
    expect(paragraphsWith(xml, 'Article 2 – Scope')[0]).toContain('w:val="Heading3"');
    expect(paragraphsWith(xml, 'In this Law:')[0]).not.toContain('w:pStyle');
    expect(xml).toContain('Version 2 · 2024-05-01 · Second round &amp; changes');
    // A left-to-right document has no right-to-left marks anywhere.
    expect(xml).not.toContain('<w:bidi');
    expect(xml).not.toContain('<w:rtl');
    // Hostile text is escaped and control characters are gone (Word refuses such files).
    expect(xml).toContain('Hostile &lt;/p&gt;&lt;script&gt;');
    expect(xml).not.toMatch(CONTROL);
  });

  it('marks Arabic paragraphs bidi and their runs rtl, the section rtl, with a complex-script font', async () => {
    const buffer = await toDocx({ title: 'مشروع', language: 'ar' }, version, arabic);
    const xml = await docxXml(buffer);
    expect(XMLValidator.validate(xml)).toBe(true);
    for (const text of ['الفصل الأول: أحكام عامة', 'أ- الطفل', 'ب- الضحية', 'يطبق هذا النظام']) {
      const [p] = paragraphsWith(xml, text);
      expect(p, text).toContain('<w:bidi/>');
      expect(p, text).toContain('<w:rtl/>');
      expect(p, text).toMatch(/<w:rFonts [^>]*w:cs="Arial"/);
    }
    // An English line in an Arabic law keeps its own direction.
    const [english] = paragraphsWith(xml, 'English wording quoted');
    expect(english).not.toContain('<w:bidi/>');
    expect(english).not.toContain('<w:rtl/>');
    const section = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(xml)?.[0] ?? '';
    expect(section).toMatch(/<w:bidi\/>\s*<w:docGrid/);
    expect(xml).toContain('الإصدار 2');
  });

  it('adds the document title when the blocks have none', async () => {
    const xml = await docxXml(await toDocx({ title: 'Plan national', language: 'fr' }, { ...version, note: '' }, [block('paragraph', '1.', 'p_1', '1. Mesure')]));
    expect(paragraphsWith(xml, 'Plan national')[0]).toContain('w:val="Title"');
    expect(xml).toContain('Version 2 · 2024-05-01<');
  });
});

describe('CSV', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const buffer = toCsv(['a', 'b'], [['1', '2']]);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buffer.toString('utf8')).toBe('\uFEFFa,b\r\n1,2\r\n');
  });

  it('quotes commas, quotes and line breaks and doubles quotes, parsing back to the same cells', () => {
    const rows = [['a,b', 'say "no"', 'line1\nline2', 'cr\r\nlf', ' padded ', 'plain']];
    const text = toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], rows).toString('utf8');
    expect(text).toContain('"a,b","say ""no""","line1\nline2"');
    expect(parseCsv(text.slice(1))).toEqual([['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], ...rows]);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil","x")'],
    ['+', '+cmd|\' /C calc\'!A0'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
    ['blanks then =', '  =1+1'],
  ])('neutralises a cell starting with %s', (_name, cell) => {
    const [, row] = parseCsv(toCsv(['c'], [[cell]]).toString('utf8').slice(1));
    expect(row).toEqual([`'${cell}`]);
  });

  it('leaves harmless cells, numbers and nulls alone and pads short rows', () => {
    const text = toCsv(['a', 'b', 'c', 'd'], [['x=1', -3, null], ['', 4.5, 'a-b', "'quoted"]]).toString('utf8');
    expect(parseCsv(text.slice(1))).toEqual([
      ['a', 'b', 'c', 'd'],
      ['x=1', '-3', '', ''],
      ['', '4.5', 'a-b', "'quoted"],
    ]);
  });

  it('round-trips Arabic text', () => {
    const arabicCell = 'رفض جزئي: «المادة الثالثة»، الفقرة ٢';
    const buffer = toCsv(['المرجع', 'التعليق'], [['المادة 3', arabicCell]]);
    expect(parseCsv(buffer.toString('utf8').slice(1))).toEqual([['المرجع', 'التعليق'], ['المادة 3', arabicCell]]);
  });
});

describe('Word table report', () => {
  const columns = ['Reference', 'Comment', 'Disposition'];
  const rows = [
    ['Article 1', 'Too broad & vague', 'accepted'],
    ['Article 2', 'Add <definitions>', 'rejected'],
    ['Article 3', '=cmd', 'noted'],
  ];

  it('is a landscape document with a title and one table of N+1 rows whose header repeats', async () => {
    const buffer = await toDocxTable({ title: 'Comment-response matrix', subtitle: 'Version 2', rtl: false, columns, rows });
    const xml = await docxXml(buffer);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml.match(/<w:tbl>/g)).toHaveLength(1);
    const tableRows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(tableRows).toHaveLength(rows.length + 1);
    expect(tableRows[0]).toContain('<w:tblHeader/>');
    expect(tableRows[1]).not.toContain('<w:tblHeader');
    expect(tableRows[0]).toContain('Disposition');
    expect(tableRows[2]).toContain('Add &lt;definitions&gt;');
    const size = /<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="landscape"/.exec(xml);
    expect(Number(size?.[1])).toBeGreaterThan(Number(size?.[2]));
    expect(paragraphsWith(xml, 'Comment-response matrix')[0]).toContain('w:val="Title"');
    expect(xml).toContain('Version 2');
    expect(xml).not.toContain('<w:bidiVisual');
    expect(await docxXml(buffer, 'docProps/core.xml')).toContain('<dc:title>Comment-response matrix</dc:title>');
  });

  it('runs right to left when asked: visual RTL table, bidi paragraphs, rtl section', async () => {
    const xml = await docxXml(
      await toDocxTable({ title: 'مصفوفة الردود', rtl: true, columns: ['المرجع', 'التعليق'], rows: [['المادة 1', 'واسع جدا'], ['المادة 2', 'English comment']] }),
    );
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml.match(/<w:tr>/g)).toHaveLength(3);
    expect(paragraphsWith(xml, 'واسع جدا')[0]).toContain('<w:bidi/>');
    expect(paragraphsWith(xml, 'واسع جدا')[0]).toContain('<w:rtl/>');
    // A Latin-script cell is placed in the RTL table but its run stays left to right.
    expect(paragraphsWith(xml, 'English comment')[0]).not.toContain('<w:rtl/>');
    expect(/<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(xml)?.[0]).toContain('<w:bidi/>');
  });

  it('fills missing cells so every row has one cell per column', async () => {
    const xml = await docxXml(await toDocxTable({ title: 'T', rtl: false, columns, rows: [['only one']] }));
    const lastRow = (xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [])[1];
    expect(lastRow.match(/<w:tc>/g)).toHaveLength(3);
  });
});

describe('Content-Disposition and content types', () => {
  it('gives an ASCII fallback and the exact UTF-8 name for an Arabic title', () => {
    const name = 'مشروع نظام "الاتجار" v2.docx';
    const header = attachmentDisposition(name);
    const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(header);
    expect(m).not.toBeNull();
    expect(m?.[1]).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(m?.[1]).toBe('v2.docx');
    expect(decodeURIComponent(m?.[2] ?? '')).toBe('مشروع نظام الاتجار v2.docx');
    expect(m?.[2]).toMatch(/^[A-Za-z0-9%!#$&+.^_`|~-]+$/); // RFC 8187 attr-chars only
  });

  it('cannot be used to inject headers or paths', () => {
    const header = attachmentDisposition('../../etc/passwd\r\nSet-Cookie: x=1";.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
    expect(asciiFilename('../../etc/passwd')).not.toContain('/');
    expect(asciiFilename('Rapport été (final).csv')).toBe('Rapport_ete_final.csv');
    expect(asciiFilename('تقرير.csv')).toBe('download.csv');
    // ' ( ) are not RFC 8187 attr-chars although encodeURIComponent keeps them; * is not allowed in file names.
    expect(attachmentDisposition("it's (1)!*.md")).toContain("filename*=UTF-8''it%27s%20%281%29!%20.md");
    expect(() => attachmentDisposition('half \uD83D surrogate.md')).not.toThrow();
  });

  it('declares the export content types', () => {
    expect(CONTENT_TYPES.akn).toBe('application/akn+xml; charset=utf-8');
    expect(CONTENT_TYPES.docx).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(CONTENT_TYPES.csv).toMatch(/^text\/csv; charset=utf-8/);
  });
});
