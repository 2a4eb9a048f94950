/**
 * The full list of article labels of every corpus text, as read in the texts (not just the
 * count, the first and the last): a wrong ordinal anywhere (the fourteenth article read as the
 * fourth) fails. Each file is imported as Markdown and, stripped of every marker, as plain text.
 */
import { describe, expect, it } from 'vitest';
import { importSource } from '../../../server/documents/import/index.ts';
import { corpusMarkdownFiles, readCorpus, stripMarkdownMarkers } from '../../helpers/corpus.ts';

/** Arabic ordinals of "المادة …" (feminine), as the Saudi texts write them, first to thirty-third. */
const ORDINALS = [
  'الأولى', 'الثانية', 'الثالثة', 'الرابعة', 'الخامسة', 'السادسة', 'السابعة', 'الثامنة', 'التاسعة', 'العاشرة',
  'الحادية عشرة', 'الثانية عشرة', 'الثالثة عشرة', 'الرابعة عشرة', 'الخامسة عشرة', 'السادسة عشرة', 'السابعة عشرة', 'الثامنة عشرة', 'التاسعة عشرة', 'العشرون',
  'الحادية والعشرون', 'الثانية والعشرون', 'الثالثة والعشرون', 'الرابعة والعشرون', 'الخامسة والعشرون', 'السادسة والعشرون', 'السابعة والعشرون', 'الثامنة والعشرون', 'التاسعة والعشرون', 'الثلاثون',
  'الحادية والثلاثون', 'الثانية والثلاثون', 'الثالثة والثلاثون',
].map((o) => `المادة ${o}`);
const numbered = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`);

const LABELS: Record<string, string[]> = {
  'ilo-forced-labour-protocol-2014.ar.md': numbered('المادة', 12),
  'nl-sr-art273f.v2012-05-08.md': ['Artikel 273f'],
  'nl-sr-art273f.v2013-07-01.md': ['Artikel 273f'],
  'nl-sr-art273f.v2014-01-20.md': ['Artikel 273f'],
  'palermo-protocol.en.md': numbered('Article', 20),
  'palermo-protocol.nl.md': numbered('Artikel', 20),
  'sa-anti-trafficking-law-2009.ar.md': ORDINALS.slice(0, 17),
  'sa-domestic-workers-regulation-2023.ar.md': ORDINALS.slice(0, 33),
  // The amendments name only the articles they change, some several times (art. 5 thrice).
  'sa-hrc-organization.amendments.ar.md': [1, 3, 4, 5, 5, 5, 10, 15, 15, 18].map((n) => ORDINALS[n - 1]),
  'sa-hrc-organization.v2005-original.ar.md': ORDINALS.slice(0, 19),
  'sa-hrc-organization.v2016-consolidated.ar.md': ORDINALS.slice(0, 19),
  'sa-hrc-organization.v2023-consolidated.ar.md': ORDINALS.slice(0, 19),
};

describe('article labels of every corpus text', () => {
  it('covers every Markdown text of the corpus', () => {
    const texts = corpusMarkdownFiles().filter((n) => !n.startsWith('comments/') && n !== 'SOURCES.md');
    expect(Object.keys(LABELS).sort()).toEqual(texts);
  });

  it.each(Object.entries(LABELS))('%s: exactly these article labels, in order', async (name, labels) => {
    const articles = (await importSource({ format: 'markdown', content: readCorpus(name) })).filter((b) => b.kind === 'article');
    expect(articles.map((b) => b.label)).toEqual(labels);
  });

  it.each(Object.entries(LABELS))('%s: the same labels from the plain text without Markdown markers', async (name, labels) => {
    const articles = (await importSource({ format: 'text', content: stripMarkdownMarkers(readCorpus(name)) })).filter((b) => b.kind === 'article');
    expect(articles.map((b) => b.label)).toEqual(labels);
  });
});
