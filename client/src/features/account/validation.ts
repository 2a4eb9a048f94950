/**
 * Client-side checks mirroring the server's schemas (shared/auth.ts, LIMITS), so people see
 * mistakes in their own language before sending. The server still checks everything.
 */
import { LIMITS } from '../../../../shared/limits.ts';
import { t } from '../../i18n/index.ts';

// Deliberately loose: one @ with text on both sides. The server has the final word.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export function emailError(value: string, requiredKey: 'validation.email.required' | 'validation.memberEmail.required' = 'validation.email.required'): string | undefined {
  const email = value.trim();
  if (email === '') return t(requiredKey);
  if (!EMAIL_SHAPE.test(email) || email.length > LIMITS.emailLength) return t('validation.email.invalid');
  return undefined;
}

/** Length as the server's JSON Schema counts it: in code points, not UTF-16 units. */
export function characterCount(value: string): number {
  return [...value].length;
}

/** For a new password: the length rules shown next to the field. */
export function newPasswordError(value: string): string | undefined {
  if (value === '') return t('validation.password.required');
  const length = characterCount(value);
  if (length < LIMITS.passwordMin) return t('validation.password.tooShort', { min: LIMITS.passwordMin });
  if (length > LIMITS.passwordMax) return t('validation.password.tooLong', { max: LIMITS.passwordMax });
  return undefined;
}

export function nameError(value: string): string | undefined {
  const name = value.trim();
  if (name === '') return t('validation.name.required');
  if (characterCount(name) > LIMITS.nameLength) return t('validation.name.tooLong', { max: LIMITS.nameLength });
  return undefined;
}

export function passwordRules(): string {
  return t('password.rules', { min: LIMITS.passwordMin, max: LIMITS.passwordMax });
}

/** Where to go after signing in: see safe-next.ts (XSS-66). */
export { safeNext } from './safe-next.ts';
