// @vitest-environment node
/**
 * The three catalogues stay in step: same keys, nothing empty, the same {placeholders}, a
 * message for every error code of the API, real Arabic in the Arabic catalogue, and no key
 * left unused in the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { ar } from '../src/i18n/ar.ts';
import { en } from '../src/i18n/en.ts';
import { fr } from '../src/i18n/fr.ts';
import { listSourceFiles } from './helpers/source-files.ts';

type Table = Readonly<Record<string, string>>;
const english: Table = en;
const others: Record<string, Table> = { ar, fr };
const PLURAL_SUFFIX = /\.(zero|one|two|few|many|other)$/;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

/** `org.members.count` for `org.members.count.few`, when `org.members.count.other` exists in English. */
function pluralFamily(key: string): string | null {
  const family = key.replace(PLURAL_SUFFIX, '');
  return family !== key && `${family}.other` in english ? family : null;
}

describe('message catalogues', () => {
  it.each(Object.keys(others))('%s has every English key', (lang) => {
    const missing = Object.keys(english).filter((key) => !(key in others[lang]));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(others))('%s adds no key except Arabic-style plural categories', (lang) => {
    const extra = Object.keys(others[lang]).filter((key) => !(key in english) && pluralFamily(key) === null);
    expect(extra).toEqual([]);
  });

  it.each(['en', ...Object.keys(others)])('%s has no empty message', (lang) => {
    const table = lang === 'en' ? english : others[lang];
    const empty = Object.entries(table).filter(([, value]) => value.trim() === '' || value !== value.trim());
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it.each(Object.keys(others))('%s uses the same {placeholders} as English', (lang) => {
    const mismatched: string[] = [];
    for (const [key, value] of Object.entries(others[lang])) {
      const family = pluralFamily(key);
      if (key in english && !family) {
        if (placeholders(value).join() !== placeholders(english[key]).join()) mismatched.push(key);
      } else if (family) {
        // "عضوان" (two members) needs no {count}; a plural form may omit placeholders, never add one.
        const allowed = new Set(placeholders(english[`${family}.other`]));
        if (placeholders(value).some((name) => !allowed.has(name))) mismatched.push(key);
        if (key.endsWith('.other') && placeholders(value).join() !== placeholders(english[key]).join()) mismatched.push(key);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('has a message for every error code of the API', () => {
    const missing = ERROR_CODES.filter((code) => !(`error.${code}` in english));
    expect(missing).toEqual([]);
  });

  it('writes the Arabic catalogue in Arabic script', () => {
    const notArabic = Object.entries(ar as Table).filter(([, value]) => !/\p{Script=Arabic}/u.test(value));
    expect(notArabic.map(([key]) => key)).toEqual([]);
  });

  it('uses every key somewhere in the client code', () => {
    const i18nDir = path.join('client', 'src', 'i18n');
    const code = listSourceFiles(['.ts', '.tsx'])
      .filter((file) => !file.startsWith(i18nDir))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const unused = Object.keys(english).filter((key) => {
      if (key.startsWith('error.')) return false; // looked up from the server's code
      const family = pluralFamily(key);
      return !code.includes(`'${family ?? key}'`);
    });
    expect(unused).toEqual([]);
  });
});
