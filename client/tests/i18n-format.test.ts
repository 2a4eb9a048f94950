/** Direction, digits, plurals, isolation of names and translated errors. */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http.ts';
import { errorMessage } from '../src/i18n/errors.ts';
import { direction, formatDate, formatNumber, setDigits, setLanguage, t, tp } from '../src/i18n/index.ts';

afterEach(() => {
  setLanguage('ar');
  setDigits('latn');
});

describe('i18n', () => {
  it('sets <html lang dir> and remembers the language', () => {
    setLanguage('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('tashawur.language')).toBe('fr');
    setLanguage('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(direction('en')).toBe('ltr');
  });

  it('writes Arabic numbers with Western digits unless Arabic-Indic digits are chosen', () => {
    setLanguage('ar');
    expect(formatNumber(2026)).toMatch(/2026|2,026|2٬026/);
    setDigits('arab');
    expect(formatNumber(2026)).toMatch(/[٠-٩]/);
    expect(formatDate('2026-03-05T10:00:00Z')).toMatch(/[٠-٩]/);
    expect(localStorage.getItem('tashawur.digits')).toBe('arab');
  });

  it('uses the six Arabic plural forms', () => {
    setLanguage('ar');
    expect(tp('org.members.count', 1)).toBe('عضو واحد');
    expect(tp('org.members.count', 2)).toBe('عضوان');
    expect(tp('org.members.count', 3)).toBe('3 أعضاء');
    expect(tp('org.members.count', 11)).toBe('11 عضوًا');
    expect(tp('org.members.count', 100)).toBe('100 عضو');
    setLanguage('en');
    expect(tp('org.members.count', 1)).toBe('1 member');
    expect(tp('org.members.count', 3)).toBe('3 members');
  });

  it('isolates names inside messages so their direction cannot reorder the sentence', () => {
    setLanguage('en');
    expect(t('admin.approved', { name: 'جمعية العمال' })).toBe('\u2068جمعية العمال\u2069 has been approved.');
  });

  it('translates an error by its code, falls back to the server message, then to a generic one', () => {
    setLanguage('fr');
    expect(errorMessage(new ApiError(401, 'invalid_credentials', 'Wrong.'))).toBe('L’adresse e-mail ou le mot de passe est incorrect.');
    expect(errorMessage(new ApiError(400, 'some_new_code', 'A specific English sentence.'))).toBe('A specific English sentence.');
    expect(errorMessage(new ApiError(404, 'not_found', 'x'), { not_found: 'org.addMember.noAccount' })).toContain('Aucun compte');
    expect(errorMessage(new Error('bug'))).toBe('Une erreur est survenue. Réessayez.');
  });
});
