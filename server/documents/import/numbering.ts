/**
 * Recognises the item marker that opens a line: "1.", "1-", "١ -", "(1)", "«1»", "1°", "a)", "(a)",
 * "a." (Dutch), "(i)", "أ-", "(أ)", "أولاً", and a lone Roman numeral ("II", "IV. Final provisions").
 * Which level an item sits at is decided later by detect-structure.ts, from the marker's style.
 */
import { type Folded, originalIndex } from './fold.ts';
import { abjadToLatin, parseArabicAdverb, romanValue } from './numbers.ts';

/** Marker families: items of one family are siblings; a new family nests under the current item. */
export type NumberStyle = 'adverb' | 'number' | 'number-paren' | 'degree' | 'letter' | 'upper-letter' | 'roman' | 'upper-roman';

export interface Numbering {
  style: NumberStyle;
  /** Marker as written ("1.", "(b)", "أ-", "أولاً"). */
  label: string;
  /** The marker's token in folded form: "b", "iv", "3", "ب". */
  token: string;
  /** Number for the eId, ASCII ("3", "b", "iv", "1-2"). */
  num: string;
  /** Position in its sequence (a=1, iv=4, ب=2), for sibling checks; null when unknown. */
  value: number | null;
  /** "1 الاتجار …": a number with no punctuation, trusted only when it continues a sequence. */
  bare: boolean;
  /** For upper-roman: the line is nothing but the numeral ("II"), i.e. a division of its own. */
  alone: boolean;
}

const NUMBER_MULTI = /^(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)/;
const NUMBER = /^(\d{1,3})(?:\s*[.)](?=\s|$)|\s*[-–—](?!\s*\d))/;
const NUMBER_PAREN = /^[(«]\s*(\d{1,3})\s*[)»]/;
const DEGREE = /^(\d{1,3})\s*°\.?(?=\s|$)/;
const BARE_NUMBER = /^(\d{1,2})(?=\s+[\u0621-\u064A])/;
const LETTER_PAREN = /^[(«]\s*([a-z]{1,6}|[A-Z]|[\u0621-\u064A])\s*[)»]/;
const LETTER_CLOSE = /^([a-z]{1,6}|[A-Z])\)/;
/** Several letters make a marker only as a Roman numeral (iv) or a doubled letter (aa, bb). */
const MULTI_LETTER_TOKEN = /^(?:[ivx]+|([a-z])\1+)$/;
const LETTER_DOT = /^([a-z])\.(?=\s)/;
const ARABIC_LETTER = /^([\u0621-\u064A])\s*[-–—).:]/;
const UPPER_ROMAN = /^([IVX]{1,6})(?:\s*[.:)–—-](?=\s|$)|(?=\s*$))/;
const ADVERB_WORDS = /^([\p{L}]+)(?:\s+([\p{L}]+))?/u;
const ADVERB_TAIL = /^(?:\s*$|\s*[:\-–—.)]|\s)/;

function letterValue(token: string): number | null {
  if (/^[a-z]$/.test(token)) return token.charCodeAt(0) - 96;
  if (/^[A-Z]$/.test(token)) return token.charCodeAt(0) - 64;
  if (/^([a-z])\1+$/.test(token)) return 26 * (token.length - 1) + token.charCodeAt(0) - 96; // aa, bb …
  const latin = abjadToLatin(token);
  return latin ? latin.charCodeAt(0) - 96 : null;
}

function letterNum(token: string): string {
  return abjadToLatin(token) ?? token;
}

interface Found {
  style: NumberStyle;
  token: string;
  num: string;
  value: number | null;
  end: number;
  bare?: boolean;
  alone?: boolean;
}

function numeric(text: string): Found | null {
  let m = NUMBER_MULTI.exec(text);
  if (m) return { style: 'number', token: m[1], num: m[1].replaceAll('.', '-'), value: null, end: m[0].length };
  m = DEGREE.exec(text);
  if (m) return { style: 'degree', token: m[1], num: m[1], value: Number(m[1]), end: m[0].length };
  m = NUMBER.exec(text);
  if (m) return { style: 'number', token: m[1], num: m[1], value: Number(m[1]), end: m[0].length };
  m = NUMBER_PAREN.exec(text);
  if (m) return { style: 'number-paren', token: m[1], num: m[1], value: Number(m[1]), end: m[0].length };
  m = BARE_NUMBER.exec(text);
  if (m) return { style: 'number', token: m[1], num: m[1], value: Number(m[1]), end: m[0].length, bare: true };
  return null;
}

function lettered(text: string): Found | null {
  const m = LETTER_PAREN.exec(text) ?? LETTER_CLOSE.exec(text) ?? LETTER_DOT.exec(text) ?? ARABIC_LETTER.exec(text);
  if (m && (m[1].length === 1 || MULTI_LETTER_TOKEN.test(m[1]))) {
    const token = m[1];
    // "(i)" may be a letter or a Roman numeral: 'roman' here, detect-structure decides from context.
    const style: NumberStyle = /^[ivx]+$/.test(token) && romanValue(token) !== null ? 'roman' : /^[A-Z]$/.test(token) ? 'upper-letter' : 'letter';
    const value = style === 'roman' ? romanValue(token) : letterValue(token);
    return { style, token, num: letterNum(token), value, end: m[0].length };
  }
  const roman = UPPER_ROMAN.exec(text);
  const romanNumber = roman ? romanValue(roman[1]) : null;
  if (roman && romanNumber !== null) {
    const alone = text.slice(roman[0].length).trim() === '';
    return { style: 'upper-roman', token: roman[1], num: String(romanNumber), value: romanNumber, end: roman[0].length, alone };
  }
  return null;
}

function adverb(text: string): Found | null {
  const words = ADVERB_WORDS.exec(text);
  if (!words) return null;
  const parsed = parseArabicAdverb([words[1], words[2] ?? '']);
  if (!parsed) return null;
  const end = parsed.words === 1 ? words[1].length : words[0].length;
  if (!ADVERB_TAIL.test(text.slice(end))) return null;
  return { style: 'adverb', token: String(parsed.value), num: String(parsed.value), value: parsed.value, end };
}

/** The item marker opening this line, or null. */
export function matchNumbering(original: string, folded: Folded): Numbering | null {
  const text = folded.text;
  const first = text.charCodeAt(0);
  // Cheap dispatch on the first char keeps 20,000-line imports fast.
  let found: Found | null;
  if (first >= 48 && first <= 57) found = numeric(text);
  else if (first === 40 || first === 171) found = numeric(text) ?? lettered(text); // ( or «
  else found = lettered(text) ?? (first >= 0x0600 ? adverb(text) : null);
  if (!found) return null;
  const label = original
    .slice(0, originalIndex(folded, found.end))
    .replace(/[\s:]+$/u, '')
    .trim();
  return {
    style: found.style,
    label,
    token: found.token,
    num: found.num,
    value: found.value,
    bare: found.bare ?? false,
    alone: found.alone ?? false,
  };
}
