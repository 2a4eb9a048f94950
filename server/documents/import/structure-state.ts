/**
 * Where the importer stands while reading a draft top to bottom: the open part/chapter/section,
 * the open article and the stack of item markers inside it. Each line is placed under the right
 * parent and gets its eId here; detect-structure.ts decides what the line is.
 */
import type { BlockKind } from '../../../shared/documents.ts';
import type { LineInfo } from './detect-structure.ts';
import type { DivisionKind, Heading } from './headings.ts';
import type { Numbering, NumberStyle } from './numbering.ts';
import { joinPath, PathRegistry } from './paths.ts';

export interface Placed {
  kind: BlockKind;
  label: string | null;
  path: string;
}

interface Open {
  path: string;
  /** Heading level it was written at (Markdown/Word), or null when only its words made it one. */
  level: number | null;
}
interface Division extends Open {
  rank: number;
}
interface Item {
  style: NumberStyle;
  path: string;
  value: number | null;
}

const RANKS: Record<Exclude<DivisionKind, 'article'>, number> = { part: 0, chapter: 1, section: 2 };
/** Number-like markers head an article's first level of items; letters and the rest are points. */
const PARAGRAPH_STYLES = new Set<NumberStyle>(['adverb', 'number', 'number-paren', 'upper-roman']);

export class StructureState {
  private readonly paths = new PathRegistry();
  private divisions: Division[] = [];
  private article: Open | null = null;
  private items: Item[] = [];
  private started = false;

  title(): string {
    return this.paths.unique('title');
  }

  place(info: LineInfo, level: number): Placed {
    const numbering = info.numbering;
    if (info.heading) return this.openDivision(info.heading, level);
    // A lone "II", or "II. Protection of victims" between articles, is a division (UN treaties);
    // inside an article "I. – Le code …" numbers a paragraph (French laws).
    if (numbering?.style === 'upper-roman' && (numbering.alone || !this.article)) {
      const label = numbering.label;
      return this.openDivision({ kind: 'chapter', prefix: 'chp', num: numbering.num, label }, level);
    }
    if (numbering && this.accepts(numbering)) return this.placeItem(numbering);
    if (level > 0) this.closeUnder(level);
    if (this.article) return { kind: 'paragraph', label: null, path: this.paths.nextText(this.article.path) };
    return { kind: 'text', label: null, path: this.paths.nextText(this.parentPath()) };
  }

  private parentPath(): string {
    if (!this.started) return 'preface';
    return this.divisions.at(-1)?.path ?? '';
  }

  private openDivision(heading: Heading, level: number): Placed {
    this.started = true;
    this.items = [];
    this.article = null;
    const open = { level: level > 0 ? level : null };
    if (heading.kind === 'article') {
      const path = this.paths.unique(joinPath(this.parentPath(), `art_${heading.num}`));
      this.article = { ...open, path };
      return { kind: 'article', label: heading.label, path };
    }
    const rank = RANKS[heading.kind];
    this.divisions = this.divisions.filter((division) => division.rank < rank);
    const path = this.paths.unique(joinPath(this.parentPath(), `${heading.prefix}_${heading.num}`));
    this.divisions.push({ ...open, path, rank });
    return { kind: heading.kind, label: heading.label, path };
  }

  /** A heading with no structural words ends what was opened at its level or deeper. */
  private closeUnder(level: number): void {
    if (this.article?.level != null && this.article.level >= level) {
      this.article = null;
      this.items = [];
    }
    this.divisions = this.divisions.filter((division) => division.level == null || division.level < level);
  }

  /** "3 الجماعة …" counts as item 3 only when it continues 1, 2 … (else it is a sentence opening with a number). */
  private accepts(numbering: Numbering): boolean {
    if (!numbering.bare) return true;
    if (numbering.value === 1) return true;
    const previous = this.items.find((item) => item.style === 'number');
    return previous?.value != null && previous.value + 1 === numbering.value;
  }

  private placeItem(numbering: Numbering): Placed {
    const { style, value, num } = this.resolveRoman(numbering);
    const depth = this.items.findIndex((item) => item.style === style);
    if (depth >= 0) this.items = this.items.slice(0, depth);
    const parent = this.items.at(-1)?.path ?? this.article?.path ?? this.parentPath();
    const kind = this.items.length === 0 && PARAGRAPH_STYLES.has(style) ? 'paragraph' : 'point';
    const path = this.paths.unique(joinPath(parent, `${kind === 'paragraph' ? 'para' : 'point'}_${num}`));
    this.items.push({ style, path, value });
    return { kind, label: numbering.label, path };
  }

  /** "(i)" after "(h)" is the letter i; after "(c)", or opening a list, it is Roman one. */
  private resolveRoman(numbering: Numbering): Pick<Numbering, 'style' | 'value' | 'num'> {
    if (numbering.style !== 'roman') return numbering;
    const letters = this.items.find((item) => item.style === 'letter');
    const asLetter = numbering.token.length === 1 ? numbering.token.charCodeAt(0) - 96 : null;
    if (letters?.value != null && asLetter !== null && letters.value + 1 === asLetter) {
      return { style: 'letter', value: asLetter, num: numbering.num };
    }
    const romanOpen = this.items.some((item) => item.style === 'roman');
    if (romanOpen || numbering.token.length > 1 || numbering.token === 'i') return numbering;
    return { style: 'letter', value: asLetter, num: numbering.num };
  }
}
