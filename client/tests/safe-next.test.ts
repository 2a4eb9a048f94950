/** SECURITY.md XSS-66: the sign-in and sign-up `?next=` only ever leads to a path on this site. */
import { describe, expect, it } from 'vitest';
import { isSafeNext, safeNext } from '../src/features/account/safe-next.ts';

describe('XSS-66 open redirect', () => {
  it.each([
    ['https://evil.example'],
    ['http://evil.example/documents'],
    ['//evil.example'],
    ['//evil.example/documents'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    [' /documents'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r/evil.example'],
    ['/ /evil.example'],
    ['data:text/html,<script>alert(1)</script>'],
    ['evil.example'],
    [''],
  ])('XSS-66 %j is not followed: the fallback (the home page) is used instead', (next) => {
    expect(isSafeNext(next)).toBe(false);
    expect(safeNext(next)).toBe('/');
    expect(safeNext(next, '/organizations')).toBe('/organizations');
  });

  it('XSS-66 same-origin relative paths are followed as given, with their query and fragment', () => {
    for (const next of ['/', '/documents', '/documents/abc?version=2#art_1', '/documents/%2F%2Fevil.example', '/organizations/x/..//y']) {
      expect([next, safeNext(next)]).toEqual([next, next]);
    }
    expect(safeNext(['/a', '//evil.example'])).toBe('/a');
    expect(safeNext(['//evil.example', '/a'])).toBe('/');
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(null, '/organizations')).toBe('/organizations');
  });
});
