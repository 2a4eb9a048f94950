/**
 * The importer against the real texts of the shared corpus. Article counts were read off each text
 * by hand (see the notes per file); preambles and decrees cite articles ("بناءً على المادة (السبعين)")
 * and those citations must not count.
 */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { importSource } from '../../../server/documents/import/index.ts';
import type { ParsedBlock } from '../../../shared/documents.ts';
import { corpusMarkdownFiles, readCorpus, stripMarkdownMarkers } from '../../helpers/corpus.ts';

function importMarkdown(name: string): Promise<ParsedBlock[]> {
  return importSource({ format: 'markdown', content: readCorpus(name) });
}

function articles(blocks: ParsedBlock[]): ParsedBlock[] {
  return blocks.filter((block) => block.kind === 'article');
}

function labels(blocks: ParsedBlock[]): (string | null)[] {
  return blocks.map((block) => block.label);
}

/** Blocks directly under `parent` (one eId segment deeper). */
function childrenOf(blocks: ParsedBlock[], parent: string, kind: ParsedBlock['kind']): ParsedBlock[] {
  return blocks.filter((block) => block.kind === kind && block.path.startsWith(`${parent}__`) && !block.path.slice(parent.length + 2).includes('__'));
}

interface Expected {
  count: number;
  first: string;
  last: string;
  /** A few articles in the middle: path → label. */
  middle: Record<string, string>;
}

/** Counted by reading each text (headings "### Article N", "## المادة …"). */
const ARTICLES: Record<string, Expected> = {
  'palermo-protocol.en.md': { count: 20, first: 'Article 1', last: 'Article 20', middle: { chp_2__art_6: 'Article 6', chp_3__art_13: 'Article 13', chp_4__art_14: 'Article 14' } },
  'palermo-protocol.nl.md': { count: 20, first: 'Artikel 1', last: 'Artikel 20', middle: { chp_2__art_6: 'Artikel 6', chp_3__art_13: 'Artikel 13', chp_4__art_14: 'Artikel 14' } },
  'sa-anti-trafficking-law-2009.ar.md': { count: 17, first: 'المادة الأولى', last: 'المادة السابعة عشرة', middle: { art_8: 'المادة الثامنة', art_11: 'المادة الحادية عشرة', art_12: 'المادة الثانية عشرة' } },
  'ilo-forced-labour-protocol-2014.ar.md': { count: 12, first: 'المادة 1', last: 'المادة 12', middle: { art_2: 'المادة 2', art_7: 'المادة 7', art_10: 'المادة 10' } },
  'sa-domestic-workers-regulation-2023.ar.md': { count: 33, first: 'المادة الأولى', last: 'المادة الثالثة والثلاثون', middle: { art_11: 'المادة الحادية عشرة', art_20: 'المادة العشرون', art_21: 'المادة الحادية والعشرون', art_29: 'المادة التاسعة والعشرون', art_30: 'المادة الثلاثون' } },
  'nl-sr-art273f.v2012-05-08.md': { count: 1, first: 'Artikel 273f', last: 'Artikel 273f', middle: { art_273f: 'Artikel 273f' } },
  'nl-sr-art273f.v2013-07-01.md': { count: 1, first: 'Artikel 273f', last: 'Artikel 273f', middle: { art_273f: 'Artikel 273f' } },
  'nl-sr-art273f.v2014-01-20.md': { count: 1, first: 'Artikel 273f', last: 'Artikel 273f', middle: { art_273f: 'Artikel 273f' } },
  'sa-hrc-organization.v2005-original.ar.md': { count: 19, first: 'المادة الأولى', last: 'المادة التاسعة عشرة', middle: { art_10: 'المادة العاشرة', art_11: 'المادة الحادية عشرة', art_17: 'المادة السابعة عشرة' } },
  'sa-hrc-organization.v2016-consolidated.ar.md': { count: 19, first: 'المادة الأولى', last: 'المادة التاسعة عشرة', middle: { art_10: 'المادة العاشرة', art_15: 'المادة الخامسة عشرة', art_18: 'المادة الثامنة عشرة' } },
  'sa-hrc-organization.v2023-consolidated.ar.md': { count: 19, first: 'المادة الأولى', last: 'المادة التاسعة عشرة', middle: { art_10: 'المادة العاشرة', art_15: 'المادة الخامسة عشرة', art_18: 'المادة الثامنة عشرة' } },
  // Amendment notes, one heading per note: Arts 1, 3, 4, 5 (three notes), 10, 15 (two notes), 18.
  'sa-hrc-organization.amendments.ar.md': { count: 10, first: 'المادة الأولى', last: 'المادة الثامنة عشرة', middle: { art_5: 'المادة الخامسة', art_5_2: 'المادة الخامسة', art_5_3: 'المادة الخامسة', art_15_2: 'المادة الخامسة عشرة' } },
  // An NGO's notes on a French bill, one "## Article …" section per article commented on.
  'comments/fr-regardscitoyens-pjlnum-cmp-recommendations-2016.md': { count: 8, first: 'Article 1er ter', last: 'Article 46 bis', middle: { art_4ter: 'Article 4 ter', art_12bisA: 'Article 12 bis A', art_12bisB: 'Article 12 bis B' } },
};

describe('every Markdown file of the corpus', () => {
  const files = corpusMarkdownFiles();

  it('covers every text whose articles were counted', () => {
    for (const name of Object.keys(ARTICLES)) expect(files).toContain(name);
  });

  it.each(files)('imports %s into clean blocks with unique paths', async (name) => {
    const blocks = await importMarkdown(name);
    expect(blocks.length).toBeGreaterThan(0);
    expect(new Set(blocks.map((block) => block.path)).size).toBe(blocks.length);
    for (const block of blocks) {
      expect(block.text).not.toBe('');
      expect(block.text).toBe(block.text.trim());
      expect(block.text).toBe(block.text.normalize('NFC'));
      expect(block.text).not.toMatch(/^(#|>|- |\*\*)/);
    }
  });

  it.each(files)('finds the same articles in %s with every Markdown marker stripped, read as plain text', async (name) => {
    const markdown = articles(await importMarkdown(name));
    const plain = articles(await importSource({ format: 'text', content: stripMarkdownMarkers(readCorpus(name)) }));
    expect(plain.map((block) => [block.label, block.path, block.text])).toEqual(markdown.map((block) => [block.label, block.path, block.text]));
  });
});

describe.each(Object.entries(ARTICLES))('articles of %s', (name, expected) => {
  it(`detects exactly its ${expected.count} article heading(s) with their labels`, async () => {
    const found = articles(await importMarkdown(name));
    expect(found).toHaveLength(expected.count);
    expect(found[0].label).toBe(expected.first);
    expect(found.at(-1)?.label).toBe(expected.last);
    for (const [path, label] of Object.entries(expected.middle)) {
      expect(found.find((block) => block.path === path)?.label).toBe(label);
    }
    const rtl = name.endsWith('.ar.md');
    for (const block of found) expect(block.dir).toBe(rtl ? 'rtl' : 'ltr');
  });
});

describe('the Palermo Protocol', () => {
  it('detects the 20 articles in four chapters I–IV', async () => {
    const blocks = await importMarkdown('palermo-protocol.en.md');
    expect(labels(blocks.filter((block) => block.kind === 'chapter'))).toEqual(['I', 'II', 'III', 'IV']);
    expect(childrenOf(blocks, 'chp_1', 'article').map((block) => block.path)).toEqual(['chp_1__art_1', 'chp_1__art_2', 'chp_1__art_3', 'chp_1__art_4', 'chp_1__art_5']);
    expect(childrenOf(blocks, 'chp_4', 'article')).toHaveLength(7);
    expect(blocks[0]).toMatchObject({ kind: 'title', path: 'title' });
  });

  it('keeps paragraphs citing "article 5 of this Protocol" inside their article', async () => {
    const blocks = await importMarkdown('palermo-protocol.en.md');
    const citation = blocks.find((block) => block.text.startsWith('3. The offences established in accordance with article 5'));
    expect(citation).toMatchObject({ kind: 'paragraph', label: '3.', path: 'chp_1__art_1__para_3' });
  });

  it('numbers lettered points under their paragraph', async () => {
    const blocks = await importMarkdown('palermo-protocol.en.md');
    expect(labels(childrenOf(blocks, 'chp_1__art_3', 'point'))).toEqual(['a)', 'b)', 'c)', 'd)']);
    expect(labels(childrenOf(blocks, 'chp_2__art_6__para_3', 'point'))).toEqual(['a)', 'b)', 'c)', 'd)']);
  });

  it('gives the English and the Dutch text the same eIds line for line', async () => {
    const english = await importMarkdown('palermo-protocol.en.md');
    const dutch = await importMarkdown('palermo-protocol.nl.md');
    expect(dutch.map((block) => `${block.kind} ${block.path}`)).toEqual(english.map((block) => `${block.kind} ${block.path}`));
  });
});

describe('the Saudi anti-trafficking law', () => {
  it('does not count the articles cited by the royal decree', async () => {
    const blocks = await importMarkdown('sa-anti-trafficking-law-2009.ar.md');
    const citations = blocks.filter((block) => block.text.includes('بناءً على المادة'));
    expect(citations).toHaveLength(3);
    for (const block of citations) expect(block).toMatchObject({ kind: 'text', label: null });
    expect(citations[0].path).toMatch(/^preface__p_\d+$/);
  });

  it('numbers the items of article 1, with points أ–د under item 2', async () => {
    const blocks = await importMarkdown('sa-anti-trafficking-law-2009.ar.md');
    expect(labels(childrenOf(blocks, 'art_1', 'paragraph').filter((block) => block.label))).toEqual(['1', '2', '3', '4']);
    expect(childrenOf(blocks, 'art_1__para_2', 'point').map((block) => block.path)).toEqual([
      'art_1__para_2__point_a',
      'art_1__para_2__point_b',
      'art_1__para_2__point_c',
      'art_1__para_2__point_d',
    ]);
    expect(labels(childrenOf(blocks, 'art_4', 'paragraph').filter((block) => block.label))).toEqual(['1', '2', '3-', '4', '5', '6', '7', '8', '9']);
  });
});

describe('the ILO protocol and the domestic workers regulation', () => {
  it('nests the «1» «2» items of article 2 under point (ج)', async () => {
    const blocks = await importMarkdown('ilo-forced-labour-protocol-2014.ar.md');
    expect(labels(childrenOf(blocks, 'art_2', 'point'))).toEqual(['(أ)', '(ب)', '(ج)', '(د)', '(هـ)', '(و)']);
    expect(labels(childrenOf(blocks, 'art_2__point_c', 'point'))).toEqual(['«1»', '«2»']);
  });

  it('keeps the 14 chapter headings as text between the articles of the domestic workers regulation', async () => {
    const blocks = await importMarkdown('sa-domestic-workers-regulation-2023.ar.md');
    const headings = blocks.filter((block) => block.kind === 'text');
    expect(headings).toHaveLength(14);
    expect(headings[1]).toMatchObject({ text: 'عقد العمل المنزلي', path: 'p_1' });
    expect(labels(childrenOf(blocks, 'art_8', 'point'))).toEqual(['أ-', 'ب-', 'ج-', 'د-', 'هـ-', 'و-', 'ز-', 'ح-', 'ط-']);
  });
});

describe('the Dutch article 273f in three versions', () => {
  const versions: [string, number, number, number][] = [
    ['nl-sr-art273f.v2012-05-08.md', 6, 9, 2],
    ['nl-sr-art273f.v2013-07-01.md', 6, 9, 2],
    ['nl-sr-art273f.v2014-01-20.md', 7, 9, 3],
  ];
  it.each(versions)('%s has %i numbered paragraphs, %i points under 1 and %i under 3', async (name, paragraphs, pointsOfFirst, pointsOfThird) => {
    const blocks = await importMarkdown(name);
    expect(labels(childrenOf(blocks, 'art_273f', 'paragraph'))).toEqual(Array.from({ length: paragraphs }, (_, i) => `${i + 1}.`));
    expect(childrenOf(blocks, 'art_273f__para_1', 'point')).toHaveLength(pointsOfFirst);
    expect(childrenOf(blocks, 'art_273f__para_3', 'point')).toHaveLength(pointsOfThird);
    expect(blocks.find((block) => block.text.includes('Artikel 251'))).toMatchObject({ kind: 'paragraph', path: `art_273f__para_${paragraphs}` });
  });
});

describe('the Saudi Human Rights Commission statute', () => {
  it('shows the item inserted into article 4 in 2023 (أ–د became أ–ه)', async () => {
    const before = await importMarkdown('sa-hrc-organization.v2016-consolidated.ar.md');
    const after = await importMarkdown('sa-hrc-organization.v2023-consolidated.ar.md');
    expect(childrenOf(before, 'art_4', 'point').map((block) => block.path.slice(-1))).toEqual(['a', 'b', 'c', 'd']);
    expect(childrenOf(after, 'art_4', 'point').map((block) => block.path.slice(-1))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('numbers the 18 powers of the board in article 5 and the 6 departments of article 11', async () => {
    const blocks = await importMarkdown('sa-hrc-organization.v2005-original.ar.md');
    expect(childrenOf(blocks, 'art_5', 'paragraph').filter((block) => block.label)).toHaveLength(18);
    expect(labels(childrenOf(blocks, 'art_11', 'point'))).toEqual(['أ-', 'ب-', 'ج-', 'د-', 'ه-', 'و-']);
  });
});

async function docxBase64(lines: { text: string; heading: number }[]): Promise<string> {
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];
  const paragraphs = lines.map(({ text, heading }) => new Paragraph({ text, bidirectional: true, ...(heading > 0 ? { heading: levels[heading - 1] } : {}) }));
  const document = new Document({ sections: [{ children: paragraphs }] });
  return (await Packer.toBuffer(document)).toString('base64');
}

function comparable(blocks: ParsedBlock[]): string[][] {
  return blocks.map((block) => [block.kind, block.label ?? '', block.path, block.text, block.dir]);
}

describe('a Word version of the Saudi anti-trafficking law', () => {
  const markdown = readCorpus('sa-anti-trafficking-law-2009.ar.md');

  it('imports to the same blocks as the same lines pasted as text', async () => {
    const plain = stripMarkdownMarkers(markdown);
    const lines = plain.split('\n').filter((line) => line.trim() !== '');
    const fromWord = await importSource({ format: 'docx', content: await docxBase64(lines.map((text) => ({ text, heading: 0 }))) }, 'ar');
    const fromText = await importSource({ format: 'text', content: plain }, 'ar');
    expect(articles(fromWord)).toHaveLength(17);
    expect(comparable(fromWord)).toEqual(comparable(fromText));
  });

  it('imports with heading styles to the same blocks as the Markdown', async () => {
    const lines = markdown
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const hashes = /^(#+)\s+/.exec(line);
        return hashes ? { text: line.slice(hashes[0].length), heading: hashes[1].length } : { text: line, heading: 0 };
      });
    const fromWord = await importSource({ format: 'docx', content: await docxBase64(lines) }, 'ar');
    expect(comparable(fromWord)).toEqual(comparable(await importMarkdown('sa-anti-trafficking-law-2009.ar.md')));
  });
});
