/**
 * Where to go after signing in or signing up (SECURITY.md XSS-66, ASVS 3.7.2): only a path on
 * this site. `?next=https://evil.example`, `//evil.example`, `/\evil.example` (browsers read `\`
 * as `/`), `javascript:alert(1)`, or a path hiding a tab or line break (the URL parser drops
 * them, so `/<TAB>/evil.example` would become `//evil.example`) all go to `fallback` instead.
 */
const ORIGIN_PROBE = 'https://same-origin.invalid';
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007F-\u009F\u2028\u2029\\]/;

export function isSafeNext(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  // No whitespace, controls or backslashes at all: a path of ours never needs them raw.
  if (UNSAFE_CHARACTERS.test(value)) return false;
  try {
    return new URL(value, ORIGIN_PROBE).origin === ORIGIN_PROBE;
  } catch {
    return false;
  }
}

export function safeNext(next: string | string[] | undefined | null, fallback = '/'): string {
  const value = Array.isArray(next) ? next[0] : next;
  return typeof value === 'string' && isSafeNext(value) ? value : fallback;
}
