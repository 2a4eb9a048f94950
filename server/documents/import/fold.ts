/**
 * Matching form of a line, so one set of precompiled patterns reads every way a drafter types a
 * heading: Arabic-Indic digits become Western ones, harakat and kashida disappear, and the
 * hamza/alef-maqsura/taa-marbuta variants fold ("المادّة الأولى" and "الماده الاولي" match alike).
 * `origin` maps each folded index back to the original text, so labels are cut "as written".
 */

export interface Folded {
  text: string;
  /** origin[i] = index in the original of folded char i; origin[text.length] = original length. */
  origin: number[] | null;
}

/** Lines without Arabic script or format marks are already in matching form (the common fast path). */
const NEEDS_FOLDING = /[\u0600-\u06FF\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const LETTERS: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه' };

/** Harakat, Quranic marks and invisible direction/joiner marks: they never change which heading it is. */
function isDropped(code: number): boolean {
  return (
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06ed) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function isArabicLetter(code: number): boolean {
  return (code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3);
}

function foldChar(ch: string, previous: number): string {
  const code = ch.charCodeAt(0);
  if (code < 0x0600) return ch;
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(code - 0x0660 + 48);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(code - 0x06f0 + 48);
  // Tatweel after a letter is kashida (dropped); standing alone ("أ ـ النص") it is a dash.
  if (code === 0x0640) return isArabicLetter(previous) ? '' : '-';
  if (isDropped(code)) return '';
  return LETTERS[ch] ?? ch;
}

export function fold(text: string): Folded {
  if (!NEEDS_FOLDING.test(text)) return { text, origin: null };
  const origin: number[] = [];
  let out = '';
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const folded = foldChar(text[i], previous);
    if (folded !== '') {
      out += folded;
      origin.push(i);
      previous = text.charCodeAt(i);
    }
  }
  origin.push(text.length);
  return { text: out, origin };
}

/**
 * Original index of folded index `end`. Harakat dropped after the last kept char ("أولاً") sit
 * before the next kept char, so they stay inside the cut.
 */
export function originalIndex(folded: Folded, end: number): number {
  return folded.origin ? folded.origin[end] : end;
}
