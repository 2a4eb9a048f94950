/**
 * One version of a document as Akoma Ntoso 3.0 XML.
 *
 * Blocks are stored flat (one per line); AKN wants the hierarchy, so the body is rebuilt by rank:
 * part > chapter > section > article > paragraph > point. A draft law is a `<bill>` (AKN keeps
 * `<act>` for enacted law, and everything on Tashawur is a draft under consultation); an action plan
 * is a `<doc name="actionPlan">`. Pure: the same version always gives the same bytes.
 *
 * The shapes follow the EU sample in corpus/akn (eu-com-2013-0619): `<article>` holds `<num>`,
 * `<heading>` (its caption, also when the caption is a line of its own), then `<paragraph>`s or a
 * `<list>` whose `<intro>` is the line introducing the points; every eId extends its parent's
 * (`art_2__list_1__point_a`, `art_2__list_1__intro`, `art_2__heading`); other blocks keep their path as eId.
 */
import type { Block } from '../../../shared/documents.ts';

export interface AknDocument {
  id: string;
  title: string;
  kind: 'law' | 'action_plan';
  language: 'ar' | 'en' | 'fr';
  organizationName: string;
  /** First publication of the document; keeps the Work URI stable across versions. Defaults to the version date. */
  createdAt?: string;
  /** ISO 3166-1 alpha-2 jurisdiction for the FRBR URIs; `zz` (unknown) when the caller has none. */
  country?: string;
}

export interface AknVersion {
  number: number;
  publishedAt: string;
  note: string;
}

const NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
const ISO_639_2 = { ar: 'ara', en: 'eng', fr: 'fra' } as const;
const RANK: Record<Block['kind'], number> = { title: 0, part: 1, chapter: 2, section: 3, article: 4, paragraph: 5, text: 5, point: 6 };

/** An element with either text or children; serialised with indentation that never touches text. */
interface El {
  tag: string;
  attrs?: Record<string, string | undefined>;
  text?: string;
  children?: El[];
}
interface Node {
  block: Block;
  children: Node[];
}

// XML 1.0 forbids C0 controls (except tab/LF/CR), U+FFFE/FFFF and lone surrogates; C1 controls are
// legal but invisible garbage from copy-paste. CR is folded into LF (parsers would do it anyway).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export function cleanXmlText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(INVALID, '');
}
function esc(s: string, attr = false): string {
  const out = cleanXmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // In attributes, quotes end the value and raw tabs/newlines are normalised to spaces by parsers.
  return attr ? out.replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;') : out;
}

function serialize(el: El, depth: number): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(el.attrs ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v, true)}"`)
    .join('');
  if (el.children?.length) {
    return `${pad}<${el.tag}${attrs}>\n${el.children.map((c) => serialize(c, depth + 1)).join('')}${pad}</${el.tag}>\n`;
  }
  if (el.text) return `${pad}<${el.tag}${attrs}>${esc(el.text)}</${el.tag}>\n`;
  return `${pad}<${el.tag}${attrs}/>\n`;
}

/** eIds must be unique in the document: repeated or odd paths get a `_N` suffix, never dropped. */
class EIds {
  private readonly used = new Set<string>();
  take(raw: string): string {
    const base = raw.replace(/[^\p{L}\p{N}_.~-]+/gu, '_') || 'blk';
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

/** "Article 3 – Definitions" → num "Article 3", rest "Definitions"; text not starting with its label stays whole. */
function splitLabel(b: Block): { num: string | null; rest: string } {
  const text = b.text.trim();
  const label = b.label?.trim() || null;
  if (!label || !text.startsWith(label)) return { num: label, rest: text };
  const after = text.slice(label.length);
  // "1" must not eat the "1" of "10 days": a label ending in a letter/digit needs a boundary after it.
  if (/[\p{L}\p{N}]$/u.test(label) && /^[\p{L}\p{N}]/u.test(after)) return { num: label, rest: text };
  return { num: label, rest: after.replace(/^[\s:.)\-–—ـ]+/u, '') };
}

/** Whether `b`, met right after `parent`'s subtree, belongs inside it. */
function accepts(parent: Node, b: Block): boolean {
  const pk = parent.block.kind;
  const under = b.path.startsWith(`${parent.block.path}__`);
  if (pk === 'paragraph' || pk === 'text') return b.kind === 'point';
  // Points nest in points, and the importer's `text` lines sit in an article, only when the path
  // says so: a caption or annex heading after an article closes it (paths like chp_1__p_2).
  if (pk === 'point') return b.kind === 'point' && under;
  if (pk === 'article' && b.kind === 'text') return under;
  return RANK[b.kind] > RANK[pk];
}

/** Rebuilds the hierarchy from the flat, ordered blocks. */
function buildTree(blocks: Block[]): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const block of blocks) {
    while (stack.length && !accepts(stack[stack.length - 1], block)) stack.pop();
    const node: Node = { block, children: [] };
    (stack.length ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

/** `point_a` of `chp_1__art_2__point_a`: a point's own step, appended to its list's eId. */
function lastStep(path: string): string {
  return path.slice(path.lastIndexOf('__') + 2) || 'point';
}

/** An unnumbered line that only introduces points ("The purposes of this Protocol are:"). */
function introducesPoints(node: Node): boolean {
  const { kind, label } = node.block;
  return (kind === 'paragraph' || kind === 'text') && !label && node.children.length > 0;
}

/**
 * Runs of points become one `<list>`, as in the EU samples, with the line that introduces them as
 * its `<intro>`; points take eIds under their list. Everything else is a hierElement already.
 */
function renderChildren(children: Node[], owner: string, ids: EIds, intro?: string): El[] {
  const out: El[] = [];
  let list: El | null = null;
  let listEId = '';
  let lists = 0;
  const openList = (introText: string | undefined): El => {
    listEId = ids.take(`${owner}__list_${++lists}`);
    const opened: El = { tag: 'list', attrs: { eId: listEId }, children: [] };
    if (introText !== undefined) opened.children?.push({ tag: 'intro', attrs: { eId: ids.take(`${listEId}__intro`) }, children: [{ tag: 'p', text: introText }] });
    out.push(opened);
    return opened;
  };
  for (const child of children) {
    if (introducesPoints(child)) {
      const opened = openList(child.block.text.trim());
      for (const point of child.children) opened.children?.push(renderNode(point, ids, listEId));
      list = null;
      continue;
    }
    if (child.block.kind !== 'point') {
      list = null;
      out.push(renderNode(child, ids));
      continue;
    }
    list ??= openList(out.length === 0 ? intro : undefined);
    list.children?.push(renderNode(child, ids, listEId));
  }
  return out;
}

const END_OF_SENTENCE = /[.:;,،؛?!؟…]$/u;

/**
 * A division's caption on its own line ("Statement of purpose" under "Article 2"): the first line
 * inside a division that has no heading of its own, unnumbered, short, not a sentence, with more
 * lines after it. Written as the division's `<heading>`, as the EU sample does.
 */
function captionOf(node: Node, heading: string): Node | null {
  const [first, ...others] = node.children;
  if (heading || !first || others.length === 0 || first.children.length) return null;
  const { kind, label, text } = first.block;
  const line = text.trim();
  const plain = (kind === 'paragraph' || kind === 'text') && !label;
  return plain && line.length > 0 && line.length <= 160 && !END_OF_SENTENCE.test(line) ? first : null;
}

function renderNode(node: Node, ids: EIds, list?: string): El {
  const { block } = node;
  const { num, rest } = splitLabel(block);
  // Points take their eId under their list (art_2__list_1__point_a); other blocks keep their path.
  const eId = ids.take(block.kind === 'point' && list ? `${list}__${lastStep(block.path)}` : block.path);
  if (block.kind === 'paragraph' || block.kind === 'text' || block.kind === 'point') {
    // AKN's hierarchy is either <content> or sub-elements, so a paragraph with points carries its
    // own words as the list's <intro>.
    const body = node.children.length ? renderChildren(node.children, eId, ids, rest) : [{ tag: 'content', children: [{ tag: 'p', text: rest }] }];
    return { tag: block.kind === 'point' ? 'point' : 'paragraph', attrs: { eId }, children: [...(num ? [{ tag: 'num', text: num }] : []), ...body] };
  }
  // A title line met after the preface (a decree followed by its law) opens a generic container.
  const isTitle = block.kind === 'title';
  const head: El[] = [];
  if (num && !isTitle) head.push({ tag: 'num', text: num });
  const heading = isTitle ? block.text.trim() : rest;
  const caption = isTitle ? null : captionOf(node, heading);
  if (heading) head.push({ tag: 'heading', text: heading });
  if (caption) head.push({ tag: 'heading', attrs: { eId: ids.take(`${eId}__heading`) }, text: caption.block.text.trim() });
  const children = caption ? node.children.slice(1) : node.children;
  // An empty division still needs content to be valid.
  const body = children.length ? renderChildren(children, eId, ids) : [{ tag: 'content', children: [{ tag: 'p' }] }];
  return { tag: isTitle ? 'hcontainer' : block.kind, attrs: isTitle ? { name: 'title', eId } : { eId }, children: [...head, ...body] };
}

function isoDate(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${instant}`);
  return date.toISOString().slice(0, 10);
}

function identification(doc: AknDocument, version: AknVersion): El {
  const lang = ISO_639_2[doc.language];
  const country = (doc.country ?? 'zz').toLowerCase().replace(/[^a-z]/g, '') || 'zz';
  const type = doc.kind === 'law' ? 'bill' : 'doc/actionPlan';
  const workDate = isoDate(doc.createdAt ?? version.publishedAt);
  const work = `/akn/${country}/${type}/${workDate}/${encodeURIComponent(doc.id)}`;
  const expression = `${work}/${lang}@v${version.number}`;
  const versionDate = isoDate(version.publishedAt);
  const frbr = (uriThis: string, uri: string, date: string, dateName: string, author: string, role: string, extra: El[] = []): El[] => [
    { tag: 'FRBRthis', attrs: { value: uriThis } },
    { tag: 'FRBRuri', attrs: { value: uri } },
    { tag: 'FRBRdate', attrs: { date, name: dateName } },
    { tag: 'FRBRauthor', attrs: { href: author, as: role } },
    ...extra,
  ];
  return {
    tag: 'identification',
    attrs: { source: '#tashawur' },
    children: [
      { tag: 'FRBRWork', children: frbr(`${work}/!main`, work, workDate, 'creation', '#owner', '#author', [{ tag: 'FRBRcountry', attrs: { value: country } }]) },
      {
        tag: 'FRBRExpression',
        children: frbr(`${expression}/!main`, expression, versionDate, 'publication', '#owner', '#author', [
          { tag: 'FRBRversionNumber', attrs: { value: String(version.number) } },
          { tag: 'FRBRlanguage', attrs: { language: lang } },
        ]),
      },
      { tag: 'FRBRManifestation', children: frbr(`${expression}/!main.xml`, `${expression}.akn`, versionDate, 'generation', '#tashawur', '#editor') },
    ],
  };
}

function meta(doc: AknDocument, version: AknVersion, ids: EIds): El {
  const org = (eId: string, name: string): El => ({ tag: 'TLCOrganization', attrs: { eId: ids.take(eId), href: `/ontology/organization/${encodeURIComponent(name)}`, showAs: name } });
  const role = (eId: string, showAs: string): El => ({ tag: 'TLCRole', attrs: { eId: ids.take(eId), href: `/ontology/role/${eId}`, showAs } });
  const children: El[] = [
    identification(doc, version),
    { tag: 'references', attrs: { source: '#tashawur' }, children: [org('tashawur', 'Tashawur'), org('owner', doc.organizationName), role('author', 'Author'), role('editor', 'Editor')] },
  ];
  if (version.note.trim()) {
    children.push({ tag: 'notes', attrs: { source: '#tashawur' }, children: [{ tag: 'note', attrs: { eId: ids.take('note_version') }, children: [{ tag: 'p', text: version.note }] }] });
  }
  return { tag: 'meta', children };
}

const DIVISIONS = new Set<Block['kind']>(['part', 'chapter', 'section', 'article']);

/**
 * How many leading blocks form the preface: everything before the first division, as the importer
 * sees it (a royal decree with its own numbered items before the law's first article). A text with
 * no divisions at all (an action plan of numbered measures) keeps only its title and leading text
 * there, so its measures still make the body.
 */
function prefaceLength(blocks: Block[]): number {
  const firstDivision = blocks.findIndex((b) => DIVISIONS.has(b.kind));
  if (firstDivision >= 0) return firstDivision;
  let n = 0;
  while (n < blocks.length && (blocks[n].kind === 'title' || blocks[n].kind === 'text')) n++;
  return n;
}

export function toAkomaNtoso(doc: AknDocument, version: AknVersion, blocks: Block[]): string {
  const ids = new EIds();
  const metaEl = meta(doc, version, ids); // reserves the TLC eIds first, so a block path cannot steal them
  const prefaceBlocks = blocks.slice(0, prefaceLength(blocks));
  const firstTitle = prefaceBlocks.find((b) => b.kind === 'title');
  const preface: El[] = [
    { tag: 'longTitle', attrs: { eId: ids.take(firstTitle ? firstTitle.path : 'preface__longTitle') }, children: [{ tag: 'p', children: [{ tag: 'docTitle', text: firstTitle?.text.trim() ?? doc.title }] }] },
    // The preface takes no hierarchy: a numbered line there is a <p> with its number in the text.
    ...prefaceBlocks.filter((b) => b !== firstTitle).map((b): El => ({ tag: 'p', attrs: { eId: ids.take(b.path) }, text: b.text.trim() })),
  ];
  let body = renderChildren(buildTree(blocks.slice(prefaceBlocks.length)), 'body', ids);
  // <body> must hold at least one element.
  if (!body.length) body = [{ tag: 'hcontainer', attrs: { name: 'empty', eId: ids.take('body__empty') }, children: [{ tag: 'content', children: [{ tag: 'p' }] }] }];
  const isLaw = doc.kind === 'law';
  const root: El = {
    tag: 'akomaNtoso',
    attrs: { xmlns: NS },
    children: [
      {
        tag: isLaw ? 'bill' : 'doc',
        attrs: { name: isLaw ? 'law' : 'actionPlan', contains: version.number === 1 ? 'originalVersion' : 'singleVersion' },
        // bill/doc take no xml:lang in the schema; preface and body do.
        children: [
          metaEl,
          { tag: 'preface', attrs: { 'xml:lang': doc.language }, children: preface },
          { tag: isLaw ? 'body' : 'mainBody', attrs: { 'xml:lang': doc.language }, children: body },
        ],
      },
    ],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, 0)}`;
}
