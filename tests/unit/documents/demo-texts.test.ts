/**
 * The demo of `npm start` is written for the project: no line of a demo text appears in the
 * shared corpus of real texts (Markdown, JSON lines, CSV, AKN), and each demo text imports into
 * the structure it was written with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_LAW_AR, DEMO_LAW_EN, DEMO_PLAN_AR, DEMO_PLAN_EN, DEMO_THREADS } from '../../../server/demo/texts.ts';
import { importSource } from '../../../server/documents/import/index.ts';
import { corpusPath } from '../../helpers/corpus.ts';

/** Whitespace collapsed, NFC, lower case: a copied line is found whatever its spacing. */
const normal = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();

function corpusTexts(folder = ''): string[] {
  return readdirSync(corpusPath(folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}${entry.name}`;
    if (entry.isDirectory()) return corpusTexts(`${relative}/`);
    const raw = readFileSync(corpusPath(relative), 'utf8');
    // JSON may escape letters (\u0627…): compare with the decoded strings too.
    const decoded = relative.endsWith('.jsonl')
      ? raw.split('\n').filter(Boolean).map((line) => JSON.stringify(JSON.parse(line)))
      : relative.endsWith('.json')
        ? [JSON.stringify(JSON.parse(raw))]
        : [];
    return [raw, ...decoded].map(normal);
  });
}

const DEMOS = { DEMO_LAW_AR, DEMO_LAW_EN, DEMO_PLAN_AR, DEMO_PLAN_EN } as const;

describe('the demo texts', () => {
  const corpus = corpusTexts();

  it('reads the whole corpus to compare with', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
  });

  it.each(Object.entries(DEMOS))('no line of %s longer than 30 characters appears in the corpus', (_name, text) => {
    const lines = text.split('\n').map(normal).filter((l) => l.length > 30);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((line) => corpus.some((c) => c.includes(line)))).toEqual([]);
  });

  it('no comment of the demo threads appears in the corpus', () => {
    const bodies = DEMO_THREADS.map((t) => normal(t.body)).filter((b) => b.length > 30);
    expect(bodies.filter((b) => corpus.some((c) => c.includes(b)))).toEqual([]);
  });

  it('the English demo law imports into its 3 chapters and 8 articles, with points and numbered paragraphs', async () => {
    const blocks = await importSource({ format: 'text', content: DEMO_LAW_EN }, 'en');
    expect(blocks[0]).toMatchObject({ kind: 'title', dir: 'ltr' });
    expect(blocks.filter((b) => b.kind === 'chapter').map((b) => b.label)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(blocks.filter((b) => b.kind === 'article').map((b) => b.label)).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4', 'Article 5', 'Article 6', 'Article 7', 'Article 8']);
    expect(blocks.filter((b) => b.kind === 'point').map((b) => b.label)).toEqual(['(a)', '(b)', '(c)']);
    expect(blocks.filter((b) => b.kind === 'paragraph' && b.label).map((b) => b.label)).toEqual(['1.', '2.', '3.']);
  });
});
