/**
 * Our Akoma Ntoso export compared with a real AKN 3.0 sample, the EU Commission proposal
 * COM(2013) 619 in corpus/akn: which elements an article, paragraph, list, intro and point may
 * hold, in which order (num, then heading, then the rest), and the eId scheme (every eId inside
 * an article extends its parent's: art_2__list_1__point_a). Checked on the Palermo Protocol,
 * whose articles have a caption line of their own and points introduced by a sentence.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toAkomaNtoso } from '../../../server/documents/export/akn.ts';
import { importSource } from '../../../server/documents/import/index.ts';
import type { Block } from '../../../shared/documents.ts';
import { readCorpus } from '../../helpers/corpus.ts';

interface Elem {
  tag: string;
  eId?: string;
  children: Elem[];
}

const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', preserveOrder: true, trimValues: true });

function toElems(nodes: Record<string, unknown>[]): Elem[] {
  return nodes.flatMap((node) => {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag === '#text') return [];
    const attrs = node[':@'] as Record<string, string> | undefined;
    return [{ tag, eId: attrs?.['@_eId'], children: toElems(node[tag] as Record<string, unknown>[]) }];
  });
}
function parse(xml: string): Elem[] {
  return toElems(ordered.parse(xml));
}
function all(elems: Elem[], tag: string): Elem[] {
  return elems.flatMap((e) => [...(e.tag === tag ? [e] : []), ...all(e.children, tag)]);
}
const childTags = (e: Elem) => e.children.map((c) => c.tag);

/** The structural elements whose shape we compare. */
const SHAPED = ['article', 'paragraph', 'list', 'intro', 'point'];
/** Elements whose eId, inside an article, extends the nearest ancestor's. */
const SCOPED = new Set(['paragraph', 'list', 'intro', 'point', 'heading', 'content', 'subparagraph', 'alinea']);

/** For each shaped tag, every child tag it holds anywhere in `roots`. */
function grammar(roots: Elem[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const tag of SHAPED) out.set(tag, new Set(all(roots, tag).flatMap(childTags)));
  return out;
}

/** eIds under `article` that do not extend their nearest ancestor's eId. */
function strayEIds(article: Elem): string[] {
  const stray: string[] = [];
  const visit = (e: Elem, parentEId: string) => {
    for (const c of e.children) {
      if (c.eId && SCOPED.has(c.tag) && !c.eId.startsWith(`${parentEId}__`)) stray.push(`${c.tag} ${c.eId} under ${parentEId}`);
      visit(c, c.eId && SCOPED.has(c.tag) ? c.eId : parentEId);
    }
  };
  visit(article, article.eId ?? '');
  return stray;
}

/** num first, heading right after it (or first): the order of the sample. */
function orderProblems(elems: Elem[]): string[] {
  return elems.flatMap((e) => {
    const tags = childTags(e);
    const problems: string[] = [];
    if (tags.includes('num') && tags[0] !== 'num') problems.push(`${e.eId}: num not first`);
    const h = tags.indexOf('heading');
    if (h > 0 && tags[h - 1] !== 'num') problems.push(`${e.eId}: heading not after num`);
    return problems;
  });
}

const sampleXml = readCorpus('akn/eu-com-2013-0619.akn3.xml');
const sample = parse(sampleXml);
const sampleArticles = all(sample, 'article');

async function exported(name: string, language: 'en' | 'ar'): Promise<{ xml: string; articles: Elem[] }> {
  const blocks: Block[] = (await importSource({ format: 'markdown', content: readCorpus(name) })).map((b, i) => ({ ...b, id: `b${i}`, ordinal: i }));
  const xml = toAkomaNtoso(
    { id: 'doc_1', title: 'Protocol', kind: 'law', language, organizationName: 'Ministry of Justice' },
    { number: 1, publishedAt: '2024-05-01T10:00:00Z', note: '' },
    blocks,
  );
  return { xml, articles: all(parse(xml), 'article') };
}

describe('the EU sample itself (what we compare with)', () => {
  it('has articles with num, heading, paragraphs and lists, and eIds that extend their parent', () => {
    expect(sampleArticles.length).toBeGreaterThanOrEqual(10);
    const art1 = sampleArticles[0];
    expect(childTags(art1)).toEqual(['num', 'heading', 'paragraph', 'paragraph']);
    expect(childTags(art1.children[2])).toEqual(['num', 'content']);
    const art2 = sampleArticles[1];
    expect(childTags(art2).slice(0, 3)).toEqual(['num', 'heading', 'list']);
    const list = art2.children[2];
    expect(list.eId).toBe('art_2__list_1');
    expect(childTags(list)[0]).toBe('intro');
    expect(list.children.filter((c) => c.tag === 'point').map((p) => p.eId)).toContain('art_2__list_1__point_a');
    for (const a of sampleArticles) expect(strayEIds(a)).toEqual([]);
  });
});

describe('Akoma Ntoso of the Palermo Protocol compared with the EU sample', () => {
  it('is well-formed XML with unique eIds', async () => {
    for (const [name, language] of [
      ['palermo-protocol.en.md', 'en'],
      ['palermo-protocol.nl.md', 'en'],
      ['sa-anti-trafficking-law-2009.ar.md', 'ar'],
    ] as const) {
      const { xml } = await exported(name, language);
      expect(XMLValidator.validate(xml)).toBe(true);
      const ids = [...xml.matchAll(/ eId="([^"]*)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('writes each article caption line as its <heading>, right after <num>, as the sample does', async () => {
    const { articles } = await exported('palermo-protocol.en.md', 'en');
    expect(articles).toHaveLength(20);
    for (const a of articles) expect(childTags(a).slice(0, 2)).toEqual(['num', 'heading']);
    expect(articles[0].children[1]).toEqual({ tag: 'heading', eId: 'chp_1__art_1__heading', children: [] });
    // No unnumbered paragraph is left standing for a caption.
    const art1Paragraphs = articles[0].children.filter((c) => c.tag === 'paragraph');
    expect(art1Paragraphs.map((p) => childTags(p))).toEqual([
      ['num', 'content'],
      ['num', 'content'],
      ['num', 'content'],
    ]);
    const { xml } = await exported('palermo-protocol.en.md', 'en');
    const headings = new XMLParser().parse(xml);
    expect(JSON.stringify(headings)).toContain('Relation with the United Nations Convention against Transnational Organized Crime');
  });

  it('puts points introduced by a sentence in a <list> with that <intro>, point eIds extending the list’s', async () => {
    const { articles } = await exported('palermo-protocol.en.md', 'en');
    const art2 = articles[1];
    expect(childTags(art2)).toEqual(['num', 'heading', 'list']);
    const list = art2.children[2];
    expect(list.eId).toBe('chp_1__art_2__list_1');
    expect(childTags(list)).toEqual(['intro', 'point', 'point', 'point']);
    expect(list.children.map((c) => c.eId)).toEqual([
      'chp_1__art_2__list_1__intro',
      'chp_1__art_2__list_1__point_a',
      'chp_1__art_2__list_1__point_b',
      'chp_1__art_2__list_1__point_c',
    ]);
    expect(childTags(list.children[1])).toEqual(['num', 'content']);
  });

  it('uses only child elements the sample uses for article, paragraph, list, intro and point, in its order', async () => {
    const allowed = grammar(sample);
    for (const [name, language] of [
      ['palermo-protocol.en.md', 'en'],
      ['sa-anti-trafficking-law-2009.ar.md', 'ar'],
      ['nl-sr-art273f.v2014-01-20.md', 'en'],
    ] as const) {
      const { articles } = await exported(name, language);
      const ours = grammar(articles);
      for (const tag of SHAPED) {
        const extra = [...(ours.get(tag) ?? [])].filter((child) => !allowed.get(tag)?.has(child));
        expect({ name, tag, extra }).toEqual({ name, tag, extra: [] });
      }
      const shaped = SHAPED.flatMap((tag) => all(articles, tag));
      expect(orderProblems(shaped)).toEqual([]);
    }
  });

  it('gives every element inside an article an eId that extends its parent’s, as the sample does', async () => {
    for (const [name, language] of [
      ['palermo-protocol.en.md', 'en'],
      ['sa-anti-trafficking-law-2009.ar.md', 'ar'],
      ['sa-domestic-workers-regulation-2023.ar.md', 'ar'],
      ['nl-sr-art273f.v2014-01-20.md', 'en'],
    ] as const) {
      const { articles } = await exported(name, language);
      expect(articles.flatMap(strayEIds)).toEqual([]);
    }
  });
});
