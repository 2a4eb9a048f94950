/**
 * Turns any error (an ApiError from api/http.ts, a network failure, a bug) into a sentence in
 * the interface language: the catalogue's `error.<code>` when there is one, else the server's
 * own message (English, but specific), else a generic message.
 */
import { LIMITS } from '../../../shared/limits.ts';
import { hasMessage, type MessageKey, t } from './index.ts';

/** Numbers some messages name, formatted in the reader's digits. */
const PARAMS: Readonly<Record<string, Record<string, number>>> = { comment_too_long: { max: LIMITS.commentLength } };

/** Per-form wording for a code, e.g. `{ not_found: 'org.addMember.noAccount' }`. */
export type ErrorOverrides = Readonly<Partial<Record<string, MessageKey>>>;

function field(error: unknown, name: 'code' | 'message'): string | undefined {
  if (error === null || typeof error !== 'object' || !(name in error)) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function errorMessage(error: unknown, overrides: ErrorOverrides = {}): string {
  const code = field(error, 'code');
  if (code) {
    const override = overrides[code];
    if (override) return t(override);
    const key = `error.${code}`;
    if (hasMessage(key)) return t(key, PARAMS[code]);
    const serverMessage = field(error, 'message');
    if (serverMessage) return serverMessage;
  }
  return t('error.unknown');
}
