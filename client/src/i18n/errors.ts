/**
 * Turns any error (an ApiError from api/http.ts, a network failure, a bug) into a sentence in
 * the interface language: the catalogue's `error.<code>` when there is one (with the limit it
 * names filled in), else the server's own message (English, but specific), else a generic
 * message. For the import refusals the server's message carries what the catalogue cannot know
 * (the line, the kind of file received, "save it as Word Document (.docx)"): it is shown as is
 * in English, and after the translated sentence in the other languages.
 */
import { LIMITS } from '../../../shared/limits.ts';
import { hasMessage, language, type MessageKey, t } from './index.ts';

/** Numbers some messages name, formatted in the reader's digits. */
const PARAMS: Readonly<Record<string, Record<string, number>>> = {
  comment_too_long: { max: LIMITS.commentLength },
  payload_too_large: { megabytes: LIMITS.sourceBytes / (1024 * 1024), lineLength: LIMITS.blockTextLength },
  too_many_blocks: { max: LIMITS.blocksPerDocument },
};

/** Codes whose server message is advice specific to this refusal. */
const ADVICE = new Set(['payload_too_large', 'too_many_blocks', 'invalid_source', 'invalid_character', 'empty_source']);

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
    const serverMessage = field(error, 'message');
    if (serverMessage && ADVICE.has(code)) return language() === 'en' ? serverMessage : `${t(key as MessageKey, PARAMS[code])} (${serverMessage})`;
    if (hasMessage(key)) return t(key, PARAMS[code]);
    if (serverMessage) return serverMessage;
  }
  return t('error.unknown');
}
