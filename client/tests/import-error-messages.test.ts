/** A drafter's refused upload names the limit and keeps the server's advice, in ar, en and fr. */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/http.ts';
import { errorMessage } from '../src/i18n/errors.ts';
import { setDigits, setLanguage } from '../src/i18n/index.ts';

afterEach(() => {
  setLanguage('ar');
  setDigits('latn');
});

const TOO_LARGE = new ApiError(413, 'payload_too_large', 'The file is too large: a draft may be at most 10 MB (10,485,760 bytes). Split the document into smaller parts or remove images.');
const TOO_MANY = new ApiError(413, 'too_many_blocks', 'The document has 20,001 lines; a document may have at most 20,000. Split it into several documents (for example one per part).');
const NOT_DOCX = new ApiError(415, 'invalid_source', 'This file is a PDF document, not a Word .docx document. Open it in Word and save it as Word Document (.docx).');

describe('errors of an upload', () => {
  it('shows the server’s own advice in English', () => {
    setLanguage('en');
    expect(errorMessage(TOO_LARGE)).toContain('at most 10 MB');
    expect(errorMessage(TOO_MANY)).toContain('at most 20,000');
    expect(errorMessage(NOT_DOCX)).toContain('save it as Word Document (.docx)');
  });

  it('names the limits in Arabic and French, followed by the server’s advice', () => {
    setLanguage('ar');
    const ar = errorMessage(TOO_LARGE);
    expect(ar).toMatch(/^ما أرسلته كبير جدًا/);
    expect(ar).toMatch(/10 ميغابايت/);
    expect(ar).toContain('(The file is too large');
    expect(errorMessage(TOO_MANY)).toMatch(/20[,٬]?000 سطر/);
    setLanguage('fr');
    expect(errorMessage(TOO_LARGE)).toMatch(/au plus 10\u00a0Mo/);
    expect(errorMessage(TOO_MANY)).toMatch(/20[\s\u00a0\u202f]?000 au plus/);
    const fr = errorMessage(NOT_DOCX);
    expect(fr).toMatch(/^Le fichier n’a pas pu être lu/);
    expect(fr).toContain('save it as Word Document (.docx)');
  });

  it('names the limits from the catalogue when the server gave no message', () => {
    setLanguage('en');
    expect(errorMessage(new ApiError(413, 'too_many_blocks', ''))).toBe('The document has too many lines: at most 20,000 are allowed. Split it into several documents.');
    expect(errorMessage(new ApiError(413, 'payload_too_large', ''))).toContain('at most 10 MB');
  });

  it('keeps the catalogue sentence for codes without specific advice', () => {
    setLanguage('en');
    expect(errorMessage(new ApiError(401, 'invalid_credentials', 'Wrong.'))).not.toBe('Wrong.');
  });
});
