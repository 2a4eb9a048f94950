/**
 * Comparison form of a text, used to match quotes across versions.
 *
 * The stored and displayed text is never changed: matching runs on the normalised form and the
 * offset map brings every match back to exact UTF-16 offsets in the original. No Node or DOM
 * imports: the client bundles this folder.
 */

export interface Normalized {
  /** The comparison form. */
  text: string;
  /** map[i] = UTF-16 offset in the original of normalised char i; map[text.length] = original length. */
  map: number[];
}

/** Harakat, superscript alef, tatweel, and invisible format marks that editors insert at random. */
const DROPPED = /[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/u;
const WHITESPACE = /\s/u;
const COMBINING = /\p{M}/u;

/** Letter variants that writers use interchangeably (hamza seats, alef maqsura, taa marbuta). */
const FOLD: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
  // Persian keyboards type these for Arabic yaa/kaf; folding them costs nothing and avoids misses.
  'ی': 'ي',
  'ک': 'ك',
};

function foldChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic digits
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Extended (Persian) digits
  return FOLD[ch] ?? ch.toLowerCase();
}

/**
 * End of the cluster starting at `start`: a code point plus the combining marks after it, so
 * that NFC, which may compose a base with its marks, runs on a unit whose start offset we know.
 */
function clusterEnd(text: string, start: number): number {
  let i = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    // No combining mark lies below U+0300: most text never reaches the regex.
    if (cp < 0x300 || !COMBINING.test(String.fromCodePoint(cp))) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

class Builder {
  text = '';
  readonly map: number[] = [];
  private lastWasSpace = false;

  /** Every char produced by a cluster maps to the cluster start, never inside a letter + mark. */
  push(units: string, start: number): void {
    this.text += units;
    for (let k = 0; k < units.length; k++) this.map.push(start);
    this.lastWasSpace = false;
  }

  /** A run of whitespace (even one interrupted by dropped marks) becomes one space. */
  space(start: number): void {
    if (!this.lastWasSpace) this.push(' ', start);
    this.lastWasSpace = true;
  }
}

function pushCluster(b: Builder, cluster: string, start: number): void {
  for (const ch of cluster.normalize('NFC')) {
    if (DROPPED.test(ch)) continue;
    if (WHITESPACE.test(ch)) b.space(start);
    else b.push(foldChar(ch), start);
  }
}

export function normalizeForMatch(text: string): Normalized {
  const b = new Builder();
  for (let start = 0; start < text.length; ) {
    const end = clusterEnd(text, start);
    const code = text.charCodeAt(start);
    // Fast path for a lone ASCII char (NFC and folding are trivial there).
    if (end === start + 1 && code < 0x80) {
      if (code === 32 || (code >= 9 && code <= 13)) b.space(start);
      else b.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[start], start);
    } else pushCluster(b, text.slice(start, end), start);
    start = end;
  }
  b.map.push(text.length);
  return { text: b.text, map: b.map };
}

/**
 * Original [start, end) of the normalised range [from, to). An end that falls inside the output
 * of one cluster (a case fold that grew, e.g. "İ") is pushed to the end of that cluster.
 */
export function originalRange(norm: Normalized, from: number, to: number): { start: number; end: number } {
  const start = norm.map[from];
  if (to <= from) return { start, end: start };
  let k = to;
  while (k < norm.text.length && norm.map[k] === norm.map[to - 1]) k++;
  return { start, end: norm.map[k] };
}

/** True when `offset` would cut a surrogate pair (an astral character) in two. */
export function isSurrogateSplit(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
