/**
 * Numbers as legal texts write them: Roman numerals, French "premier", Arabic ordinal words
 * ("الحادية والعشرون") and Arabic letters used as item markers. Everything here works on the
 * folded form produced by fold.ts (Western digits, no harakat, alef/yaa/taa marbuta folded).
 * detect-structure turns these values into the Western-digit numbers of Akoma Ntoso eIds.
 */

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
/** Lowercase Roman numerals 1–39: the only ones used for items, and free of c/d/l/m letters. */
const SMALL_ROMAN = /^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$/;
const ROMAN = /^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

export function isSmallRoman(token: string): boolean {
  return SMALL_ROMAN.test(token);
}

/** Value of a Roman numeral up to 399 (case-insensitive), or null when it is not one. */
export function romanValue(token: string): number | null {
  const lower = token.toLowerCase();
  if (!ROMAN.test(lower)) return null;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const value = ROMAN_VALUES[lower[i]];
    const next = ROMAN_VALUES[lower[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Ordinal units, both genders, without the article (folded: ة→ه, ى→ي, أ→ا). */
const UNITS: Record<string, number> = {
  اولي: 1, اول: 1, حاديه: 1, حادي: 1,
  ثانيه: 2, ثاني: 2, ثالثه: 3, ثالث: 3, رابعه: 4, رابع: 4, خامسه: 5, خامس: 5,
  سادسه: 6, سادس: 6, سابعه: 7, سابع: 7, ثامنه: 8, ثامن: 8, تاسعه: 9, تاسع: 9,
  عاشره: 10, عاشر: 10,
};
/** Tens in the nominative (ون) and oblique (ين) forms; "المادة (السبعين)" uses the latter. */
const TENS: Record<string, number> = {
  عشرون: 20, عشرين: 20, ثلاثون: 30, ثلاثين: 30, اربعون: 40, اربعين: 40, خمسون: 50, خمسين: 50,
  ستون: 60, ستين: 60, سبعون: 70, سبعين: 70, ثمانون: 80, ثمانين: 80, تسعون: 90, تسعين: 90,
  مائه: 100, مئه: 100, ميه: 100,
};
const TEEN_MARKERS = new Set(['عشر', 'عشره']);
/** Enumerating adverbs that number items: أولاً، ثانياً … */
const ADVERBS: Record<string, number> = {
  اولا: 1, ثانيا: 2, ثالثا: 3, رابعا: 4, خامسا: 5, سادسا: 6, سابعا: 7, ثامنا: 8, تاسعا: 9, عاشرا: 10,
};

function withoutArticle(word: string): string {
  return word.startsWith('ال') && word.length > 3 ? word.slice(2) : word;
}

export interface ParsedOrdinal {
  value: number;
  /** How many of the given words the ordinal used. */
  words: number;
}

/**
 * Reads an Arabic ordinal from the start of `words` (folded, punctuation already split off):
 * "الأولى", "الحادية عشرة", "الحادية والعشرون", "الحادية بعد المائة", "العشرين".
 */
export function parseArabicOrdinal(words: readonly string[]): ParsedOrdinal | null {
  const first = withoutArticle(words[0] ?? '');
  const unit = UNITS[first];
  let value: number;
  let used = 1;
  if (unit !== undefined) {
    value = unit;
    const second = words[1] ?? '';
    if (unit < 10 && TEEN_MARKERS.has(second)) {
      value += 10;
      used = 2;
    } else if (second.startsWith('و') && TENS[withoutArticle(second.slice(1))] !== undefined) {
      value += TENS[withoutArticle(second.slice(1))];
      used = 2;
    } else if (second === 'و' && TENS[withoutArticle(words[2] ?? '')] !== undefined) {
      value += TENS[withoutArticle(words[2])];
      used = 3;
    }
  } else if (TENS[first] !== undefined) {
    value = TENS[first];
  } else {
    return null;
  }
  if (value < 100 && words[used] === 'بعد' && TENS[withoutArticle(words[used + 1] ?? '')] === 100) {
    value += 100;
    used += 2;
  }
  return { value, words: used };
}

/** "أولا" (folded "أولاً") → 1; also "حادي عشر" style compounds → 11…19. */
export function parseArabicAdverb(words: readonly string[]): ParsedOrdinal | null {
  const first = words[0] ?? '';
  if (ADVERBS[first] !== undefined) return { value: ADVERBS[first], words: 1 };
  const unit = UNITS[withoutArticle(first)];
  if (unit !== undefined && unit < 10 && TEEN_MARKERS.has(words[1] ?? '')) return { value: unit + 10, words: 2 };
  return null;
}

/** Arabic letters in abjad order (أبجد هوز حطي كلمن سعفص قرشت ثخذ ضظغ), the order of Saudi and Gulf items. */
const ABJAD = 'ابجدهوزحطيكلمنسعفصقرشتثخذضظغ';

/** Position-preserving Latin letter for an Arabic item letter (ب → b), so eIds stay ASCII. */
export function abjadToLatin(letter: string): string | null {
  const index = ABJAD.indexOf(letter);
  if (index < 0) return null;
  return index < 26 ? String.fromCharCode(97 + index) : `z${index - 25}`;
}

/** French and English words that stand for "1" in headings: "Article premier", "Titre Ier". */
export function wordNumber(token: string): number | null {
  const lower = token.toLowerCase();
  if (lower === 'premier' || lower === 'première' || lower === 'premiere' || lower === 'unique') return 1;
  if (lower === 'ier' || lower === 'ire') return 1;
  return null;
}
