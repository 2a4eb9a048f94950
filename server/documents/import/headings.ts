/**
 * Recognises a division heading at the start of a line — Part/Titre/Deel/الباب, Chapter/Chapitre/
 * Hoofdstuk/الفصل, Section/Afdeling/القسم, Article/Art./Artikel/المادة — and refuses the same words
 * when they open a sentence that merely cites a provision ("Article 5 of this Protocol …",
 * "المادة (السبعين) من النظام …"). Used by detect-structure.ts; patterns run on the folded line.
 */
import { type Folded, originalIndex } from './fold.ts';
import { parseArabicOrdinal, romanValue, wordNumber } from './numbers.ts';

export type DivisionKind = 'part' | 'chapter' | 'section' | 'article';

export interface Heading {
  kind: DivisionKind;
  /** Akoma Ntoso eId prefix: part, title, chp, sec, subsec, art. */
  prefix: string;
  /** Number for the eId, Western digits ("3", "273f", "12bisA"). */
  num: string;
  /** Label as written ("Article 3", "المادة الثالثة"). */
  label: string;
}

const LATIN_KEYWORD =
  /^(artikel|article|artículo|articolo|art\.|art(?=\s+\d)|partie|part|deel|titre|title|titel|chapitre|chapter|hoofdstuk|capítulo|sous-section|section|afdeling|paragraaf)(?![\p{L}])\s*/iu;
const LATIN_DIVISIONS: Record<string, [DivisionKind, string]> = {
  part: ['part', 'part'], partie: ['part', 'part'], deel: ['part', 'part'],
  title: ['part', 'title'], titre: ['part', 'title'], titel: ['part', 'title'],
  chapter: ['chapter', 'chp'], chapitre: ['chapter', 'chp'], hoofdstuk: ['chapter', 'chp'], capítulo: ['chapter', 'chp'],
  section: ['section', 'sec'], afdeling: ['section', 'sec'], paragraaf: ['section', 'sec'], 'sous-section': ['section', 'subsec'],
};
/** "5", "1er", "273f", "L. 311-6", "12.3"; then Roman numerals; then words for one. */
const LATIN_DIGITS = /(?:([LRDA])\.?\s?(?=\d))?(\d{1,4})(er|re|st|nd|rd|th|bis|ter|quater|[a-z])?((?:[.-]\d{1,4}[a-z]?)*)(?![\p{L}\p{N}])/uy;
const ORDINAL_ENDINGS = new Set(['er', 're', 'st', 'nd', 'rd', 'th']);
const LATIN_ROMAN = /([IVXLC]{1,8})(er|re)?(?![\p{L}\p{N}])/uy;
const LATIN_WORD = /(premier|première|premiere|unique|Premier|PREMIER|UNIQUE)(?![\p{L}])/uy;
const LATIN_LETTER = /([A-Z])(?![\p{L}\p{N}])/uy;
const LATIN_SUFFIX = /\s+(bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies)(?![\p{L}])(?:\s+([A-Z])(?![\p{L}\p{N}]))?/uy;
/** What may follow a real heading: nothing, a separator, or a capitalised caption — not "of this Protocol". */
const LATIN_TAIL = /^(?:\s*$|\s*[.:–—\-(]|\s+[\p{Lu}\p{Lt}\p{N}"“«'‘[(\p{Script=Arabic}])/u;

const ARABIC_KEYWORD = /^(الماده|ماده|الباب|الفصل|القسم|الفرع|الجزء)(?![\p{L}])\s*(?:رقم\s*)?/u;
const ARABIC_DIVISIONS: Record<string, [DivisionKind, string]> = {
  الماده: ['article', 'art'], ماده: ['article', 'art'], الباب: ['part', 'part'], الجزء: ['part', 'part'],
  الفصل: ['chapter', 'chp'], القسم: ['section', 'sec'], الفرع: ['section', 'sec'],
};
const ARABIC_BRACKETED = /[(«[]\s*([^)»\]]{1,40}?)\s*[)»\]]/uy;
const ARABIC_DIGITS = /(\d{1,4})(?![\p{L}\p{N}])/uy;
const ARABIC_WORD = /\s*([\p{L}]+)/uy;
const ARABIC_BIS = /\s+مكرر[اه]?(?![\p{L}])/uy;
const ARABIC_TAIL_OK = /^(?:\s*$|\s*[:：\-–—.)(،؛])/u;
/** Words that make "المادة الثالثة …" a citation, not a heading. */
const CITATION_WORDS = new Set(['من', 'في', 'عن', 'الي', 'علي', 'بعد', 'قبل', 'اعلاه', 'ادناه', 'المذكوره', 'السابقه', 'المشار', 'التي', 'الذي', 'و', 'او', 'وفق', 'وفقا', 'بموجب']);

const HEADING_INITIALS = new Set(['a', 'p', 'd', 't', 'c', 'h', 's', 'ا', 'م']);

interface NumberToken {
  num: string;
  end: number;
}

function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function latinNumber(text: string, at: number, kind: DivisionKind): NumberToken | null {
  let token: NumberToken | null = null;
  const digits = stickyMatch(LATIN_DIGITS, text, at);
  if (digits) {
    const suffix = ORDINAL_ENDINGS.has(digits[3] ?? '') ? '' : (digits[3] ?? ''); // "1er" is article 1, "273f" is not 273
    token = { num: `${digits[1] ?? ''}${digits[2]}${suffix}${(digits[4] ?? '').replaceAll('.', '-')}`, end: at + digits[0].length };
  }
  const roman = token ? null : stickyMatch(LATIN_ROMAN, text, at);
  const romanNumber = roman ? romanValue(roman[1]) : null;
  if (roman && romanNumber !== null) token = { num: String(romanNumber), end: at + roman[0].length };
  const word = token ? null : stickyMatch(LATIN_WORD, text, at);
  if (word) token = { num: String(wordNumber(word[1])), end: at + word[0].length };
  const letter = token || kind === 'article' ? null : stickyMatch(LATIN_LETTER, text, at);
  if (letter) token = { num: letter[1].toLowerCase(), end: at + letter[0].length };
  if (!token) return null;
  for (let suffix = stickyMatch(LATIN_SUFFIX, text, token.end); suffix; suffix = stickyMatch(LATIN_SUFFIX, text, token.end)) {
    token = { num: `${token.num}${suffix[1].toLowerCase()}${suffix[2] ?? ''}`, end: token.end + suffix[0].length };
  }
  return token;
}

function latinHeading(text: string): Omit<Heading, 'label'> & { end: number } | null {
  const keyword = LATIN_KEYWORD.exec(text);
  if (!keyword) return null;
  const word = keyword[1].toLowerCase();
  const [kind, prefix] = word.startsWith('art') ? (['article', 'art'] as const) : LATIN_DIVISIONS[word];
  const number = latinNumber(text, keyword[0].length, kind);
  if (!number || !LATIN_TAIL.test(text.slice(number.end))) return null;
  return { kind, prefix, num: number.num, end: number.end };
}

function arabicWords(text: string, at: number, limit: number): { words: string[]; ends: number[] } {
  const words: string[] = [];
  const ends: number[] = [];
  let position = at;
  while (words.length < limit) {
    const word = stickyMatch(ARABIC_WORD, text, position);
    if (!word) break;
    words.push(word[1]);
    position += word[0].length;
    ends.push(position);
  }
  return { words, ends };
}

/** Number after an Arabic keyword: "3", "(3)", "الثالثة", "(السبعين)", "الحادية والعشرون". */
function arabicNumber(text: string, at: number): NumberToken | null {
  const bracketed = stickyMatch(ARABIC_BRACKETED, text, at);
  if (bracketed) {
    const inner = bracketed[1];
    if (/^\d{1,4}$/.test(inner)) return { num: inner, end: at + bracketed[0].length };
    const { words } = arabicWords(inner, 0, 5);
    const ordinal = parseArabicOrdinal(words);
    return ordinal && ordinal.words === words.length ? { num: String(ordinal.value), end: at + bracketed[0].length } : null;
  }
  const digits = stickyMatch(ARABIC_DIGITS, text, at);
  if (digits) return { num: digits[1], end: at + digits[0].length };
  const { words, ends } = arabicWords(text, at, 5);
  const ordinal = parseArabicOrdinal(words);
  return ordinal ? { num: String(ordinal.value), end: ends[ordinal.words - 1] } : null;
}

function arabicHeading(text: string): Omit<Heading, 'label'> & { end: number } | null {
  const keyword = ARABIC_KEYWORD.exec(text);
  if (!keyword) return null;
  const number = arabicNumber(text, keyword[0].length);
  if (!number) return null;
  const bis = stickyMatch(ARABIC_BIS, text, number.end);
  const end = bis ? number.end + bis[0].length : number.end;
  const tail = text.slice(end);
  if (!ARABIC_TAIL_OK.test(tail)) {
    const next = /^\s+([\p{L}]+)/u.exec(tail);
    if (!next || CITATION_WORDS.has(next[1])) return null;
  }
  const [kind, prefix] = ARABIC_DIVISIONS[keyword[1]];
  return { kind, prefix, num: bis ? `${number.num}bis` : number.num, end };
}

/** The division heading that opens this line, or null (also null for a citation that opens a sentence). */
export function matchHeading(original: string, folded: Folded): Heading | null {
  // Every keyword starts with one of these letters; most lines are rejected on their first char.
  if (!HEADING_INITIALS.has(folded.text.charAt(0).toLowerCase())) return null;
  const found = latinHeading(folded.text) ?? arabicHeading(folded.text);
  if (!found) return null;
  const label = original.slice(0, originalIndex(folded, found.end)).trim();
  return { kind: found.kind, prefix: found.prefix, num: found.num, label };
}
