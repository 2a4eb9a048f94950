/**
 * Interface language, direction, messages and number/date formatting.
 *
 * - `language()` is a Solid signal: every `t()` call made inside JSX re-runs when it changes.
 * - `setLanguage()` remembers the choice in localStorage and sets `<html lang dir>`, so the
 *   whole layout (written with logical CSS properties) flips between RTL and LTR.
 * - Numbers and dates always go through Intl with the current locale; Arabic uses Western
 *   digits by default (`ar-u-nu-latn`) and Arabic-Indic digits when the user prefers them.
 */
import { createSignal } from 'solid-js';
import { ar } from './ar.ts';
import type { Catalogue, Digits, Language, MessageKey, PluralFamily } from './catalogue.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export type { Digits, Language, MessageKey, PluralFamily };

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { ar, en, fr };

/** Language names are written in their own language, whatever the interface language. */
export const LANGUAGES: ReadonlyArray<{ code: Language; autonym: string }> = [
  { code: 'ar', autonym: 'العربية' },
  { code: 'en', autonym: 'English' },
  { code: 'fr', autonym: 'Français' },
];

/** The product name is the same in every language, so it lives here and not in the catalogues. */
export const PRODUCT_NAME = { arabic: 'تشاور', latin: 'Tashawur' } as const;

const STORAGE_KEYS = { language: 'tashawur.language', digits: 'tashawur.digits' } as const;
const DEFAULT_LANGUAGE: Language = 'ar';

// Unicode "first strong isolate" and "pop directional isolate": a name in one script inside a
// sentence in another (an Arabic organisation name in an English message) keeps its own order.
const FSI = '\u2068';
const PDI = '\u2069';

function isLanguage(value: unknown): value is Language {
  return value === 'ar' || value === 'en' || value === 'fr';
}

// localStorage throws in some private-browsing modes and sandboxed frames; preferences then
// simply last for the page's life.
function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function writeStored(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* see readStored */
  }
}

function initialLanguage(): Language {
  const saved = readStored(STORAGE_KEYS.language);
  if (isLanguage(saved)) return saved;
  const preferred = globalThis.navigator?.languages ?? [];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

function initialDigits(): Digits {
  return readStored(STORAGE_KEYS.digits) === 'arab' ? 'arab' : 'latn';
}

const [language, setLanguageSignal] = createSignal<Language>(initialLanguage());
const [digits, setDigitsSignal] = createSignal<Digits>(initialDigits());

export { digits, language };

export function direction(lang: Language = language()): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

function applyToDocument(): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  root.lang = language();
  root.dir = direction();
}

export function setLanguage(lang: Language): void {
  setLanguageSignal(lang);
  writeStored(STORAGE_KEYS.language, lang);
  applyToDocument();
}

export function setDigits(value: Digits): void {
  setDigitsSignal(value);
  writeStored(STORAGE_KEYS.digits, value);
}

applyToDocument();

/** BCP 47 locale for Intl: the interface language plus the numbering-system preference. */
export function locale(): string {
  const lang = language();
  if (lang === 'ar') return `ar-u-nu-${digits()}`;
  // en-GB and fr-FR write dates day first, as most of the platform's users do.
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  const loc = locale();
  return cached(numberFormats, `${loc}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(loc, options)).format(value);
}

/** Formats an ISO 8601 instant (as the API sends them) or a Date; a long date by default. */
export function formatDate(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const loc = locale();
  return cached(dateFormats, `${loc}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(loc, options)).format(date);
}

export function formatDateTime(value: string | Date): string {
  return formatDate(value, { dateStyle: 'long', timeStyle: 'short' });
}

export type MessageParams = Readonly<Record<string, string | number>>;

function lookup(key: string): string | undefined {
  const table = CATALOGUES[language()] as Readonly<Record<string, string>>;
  return table[key] ?? (en as Readonly<Record<string, string>>)[key];
}

function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : `${FSI}${value}${PDI}`;
  });
}

/** The message for `key` in the current language, with `{placeholders}` filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  return interpolate(lookup(key) ?? key, params);
}

/**
 * A plural message: `tp('org.members.count', 3)` picks `org.members.count.few` in Arabic,
 * `.other` in English; `{count}` is filled in with the formatted number.
 */
export function tp(family: PluralFamily, count: number, params?: MessageParams): string {
  const lang = language();
  const category = cached(pluralRules, lang, () => new Intl.PluralRules(lang)).select(count);
  const template = lookup(`${family}.${category}`) ?? lookup(`${family}.other`) ?? family;
  return interpolate(template, { count, ...params });
}

/** True when `key` names a message (for keys built at run time, such as `error.<code>`). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
