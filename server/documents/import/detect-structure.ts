/**
 * Legal structure of a draft, line by line: which line is the title, a part, chapter, section or
 * article heading, a numbered paragraph or point, or plain text — in English, French, Dutch and
 * Arabic — with an Akoma Ntoso-style eId per block. The words decide: a Markdown or Word heading
 * level only picks the title and tells a caption from a chapter name, so the same law typed
 * without any Markdown gives the same articles. Patterns live in headings.ts and numbering.ts.
 */
import type { ParsedBlock } from '../../../shared/documents.ts';
import { LIMITS } from '../../../shared/common.ts';
import { directionOf } from './direction.ts';
import { fold } from './fold.ts';
import { type Heading, matchHeading } from './headings.ts';
import { markdownLines } from './markdown-lines.ts';
import { matchNumbering, type Numbering } from './numbering.ts';
import { StructureState } from './structure-state.ts';

/** One line of the source: its text and, for Markdown or Word, its heading level (0 = body text). */
export interface SourceLine {
  text: string;
  heading: number;
}

export interface LineInfo {
  heading: Heading | null;
  numbering: Numbering | null;
}

/** Whitespace and invisible marks (BOM, ZWNJ, direction marks) at the edges carry no meaning. */
const EDGES = /^[\s\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+|[\s\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]+$/g;
/** Headings and item markers sit in the first few words; folding only those keeps long lines cheap. */
const MATCH_WINDOW = 160;
const SENTENCE_END = /[.,;:،؛]$/;

export function classifyLine(text: string): LineInfo {
  const window = text.length > MATCH_WINDOW ? text.slice(0, MATCH_WINDOW) : text;
  const folded = fold(window);
  const heading = matchHeading(window, folded);
  return { heading, numbering: heading ? null : matchNumbering(window, folded) };
}

/**
 * The title: the first Markdown/Word heading if it comes before any structure and names none;
 * otherwise the first line when it reads like a title (short, not a sentence).
 */
function findTitle(lines: readonly SourceLine[], infos: readonly LineInfo[]): number {
  for (let i = 0; i < lines.length; i++) {
    if (infos[i].heading || infos[i].numbering) break;
    if (lines[i].heading > 0) return i;
  }
  if (lines.length === 0 || infos[0].heading || infos[0].numbering) return -1;
  const first = lines[0].text;
  return first.length <= LIMITS.titleLength && !SENTENCE_END.test(first) ? 0 : -1;
}

/** Blocks for lines whose heading levels are known (Markdown, Word); empty lines are skipped. */
export function detectLines(source: readonly SourceLine[]): ParsedBlock[] {
  const lines: SourceLine[] = [];
  for (const line of source) {
    const text = line.text.replace(EDGES, '');
    if (text !== '') lines.push({ text, heading: line.heading });
  }
  const infos = lines.map((line) => classifyLine(line.text));
  const titleIndex = findTitle(lines, infos);
  const state = new StructureState();
  return lines.map((line, i) => {
    const placed =
      i === titleIndex ? { kind: 'title' as const, label: null, path: state.title() } : state.place(infos[i], line.heading);
    return { ...placed, text: line.text, dir: directionOf(line.text) };
  });
}

/**
 * One block per non-empty line. With `markdown`, lines may carry Markdown (headings, quotes,
 * lists, emphasis): the markers are dropped from the stored text and heading levels are used.
 */
export function detectStructure(lines: string[], options: { markdown: boolean }): ParsedBlock[] {
  const source = options.markdown ? markdownLines(lines) : lines.map((text) => ({ text, heading: 0 }));
  return detectLines(source);
}
