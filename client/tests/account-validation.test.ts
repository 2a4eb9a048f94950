/** Client-side checks of the account forms, and the sign-in redirect that must stay on-site. */
import { describe, expect, it } from 'vitest';
import { emailError, nameError, newPasswordError, safeNext } from '../src/features/account/validation.ts';
import { setLanguage } from '../src/i18n/index.ts';

describe('account validation', () => {
  it('counts password length in characters as the server does (an emoji is one)', () => {
    setLanguage('en');
    expect(newPasswordError('🔑'.repeat(9))).toBe('The password must have at least 10 characters.');
    expect(newPasswordError('🔑'.repeat(10))).toBeUndefined();
    expect(newPasswordError('x'.repeat(257))).toBe('The password must have at most 256 characters.');
  });

  it('accepts an email with surrounding spaces and refuses one without @', () => {
    setLanguage('en');
    expect(emailError('  ngo@demo.tashawur.example ')).toBeUndefined();
    expect(emailError('ngo.example.org')).toBe('Enter an email address in the form name@example.org.');
    expect(emailError('   ')).toBe('Enter your email address.');
  });

  it('asks for a name in Arabic', () => {
    setLanguage('ar');
    expect(nameError(' ')).toBe('أدخل اسمك.');
  });

  it('only returns to paths on this site after signing in', () => {
    expect(safeNext('/organizations/abc?x=1')).toBe('/organizations/abc?x=1');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example/')).toBe('/');
    expect(safeNext(undefined, '/organizations')).toBe('/organizations');
    expect(safeNext(['/a', '/b'])).toBe('/a');
  });
});
