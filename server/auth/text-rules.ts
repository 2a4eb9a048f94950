/**
 * Rules for names people and organisations display: no direction overrides or invisible
 * characters that could make one name pass for another (Trojan Source, CVE-2021-42574 class).
 * Comment bodies keep such characters byte for byte; they are isolated when rendered.
 */
import { AppError } from '../http/errors.ts';

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u180E]/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export function cleanDisplayName(raw: string, field: string): string {
  const name = raw.normalize('NFC').trim();
  if (BIDI_CONTROLS.test(name)) throw new AppError('invalid_character', 400, `The ${field} contains direction-control characters; remove them.`);
  if (INVISIBLE.test(name) || CONTROL.test(name)) throw new AppError('invalid_character', 400, `The ${field} contains invisible or control characters; remove them.`);
  if (name.replace(/[\s\u200C\u200D]/g, '').length === 0) throw new AppError('invalid_input', 400, `The ${field} is empty.`);
  return name;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}
