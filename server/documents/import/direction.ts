/**
 * Base direction of a line by the first-strong-character rule (Unicode bidi P2/P3, as HTML's
 * dir="auto" does), so an Arabic line that opens with "1-" or "(أ)" is still right to left.
 */
import type { Direction } from '../../../shared/common.ts';

/** First letter of the text; digits, punctuation and marks are neutral or weak and are skipped. */
const FIRST_LETTER = /\p{L}/u;
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;

export function directionOf(text: string): Direction {
  const letter = FIRST_LETTER.exec(text);
  if (!letter) return 'auto';
  return RIGHT_TO_LEFT.test(letter[0]) ? 'rtl' : 'ltr';
}
