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

/**
 * Characters that look like Latin letters (Cyrillic, Greek, Armenian, look-alike digits), after
 * NFKC has already folded full-width and mathematical forms. A small subset of Unicode's
 * confusables.txt (UTS #39), chosen for the scripts the platform's users write.
 */
const CONFUSABLE: Record<string, string> = {
  'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
  'ѕ': 's', 'і': 'i', 'ї': 'i', 'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'һ': 'h', 'ɡ': 'g', 'ɑ': 'a', 'ı': 'i',
  'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ω': 'w',
  'օ': 'o', 'ս': 'u', 'զ': 'q',
  '0': 'o', '1': 'l', '|': 'l', '$': 's', '@': 'a',
  // Arabic letters written in several interchangeable forms (hamza seats, Persian kaf and yeh).
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ئ': 'ي', 'ة': 'ه', 'ک': 'ك', 'ؤ': 'و',
};
const MULTI = [[/rn/g, 'm'], [/vv/g, 'w'], [/cl/g, 'd']] as const;

/**
 * The "skeleton" of a name (UTS #39 style): two names with the same skeleton look alike to a
 * reader. NFKC folds compatibility forms; case, diacritics, tatweel, invisible and direction
 * characters, spacing and punctuation are dropped; look-alike letters map to one.
 */
export function nameSkeleton(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  s = s.replace(/[\u0640\p{Cf}]/gu, '');
  s = [...s].map((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x0660 && code <= 0x0669) return CONFUSABLE[String(code - 0x0660)] ?? String(code - 0x0660);
    if (code >= 0x06f0 && code <= 0x06f9) return CONFUSABLE[String(code - 0x06f0)] ?? String(code - 0x06f0);
    return CONFUSABLE[ch] ?? ch;
  }).join('');
  s = s.replace(/[^\p{L}\p{N}]/gu, '');
  // Capital I and small l are the same stroke in most sans-serif fonts; case is gone by now, so
  // every i joins them.
  s = s.replace(/i/g, 'l');
  for (const [from, to] of MULTI) s = s.replace(from, to);
  return s;
}

/** Names nobody may take, because they would pass for the platform itself. */
const RESERVED = ['Tashawur', 'تشاور', 'Administrator', 'Admin', 'Platform administrator', 'Moderator', 'Moderation', 'System'].map(nameSkeleton);

export function isReservedName(name: string): boolean {
  return RESERVED.includes(nameSkeleton(name));
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * The demo's accounts live under this domain, and its admin address is made a platform admin
 * whenever the demo is on: nobody may register an address there, or a later start with the demo
 * switched on would make a stranger an admin.
 */
export const DEMO_EMAIL_DOMAIN = 'demo.tashawur.example';

export function isDemoEmail(email: string): boolean {
  return email.endsWith(`@${DEMO_EMAIL_DOMAIN}`);
}
