/**
 * The one length rule for what people write in a thread (comments, suggestions, rationales):
 * at most LIMITS.commentLength characters as a reader counts them, with a message that names
 * the maximum (SECURITY.md IN-41, IN-49).
 */
import { LIMITS } from '../../shared/limits.ts';
import { longerThanGraphemes } from '../../shared/text/graphemes.ts';
import { AppError } from '../http/errors.ts';

export function checkTextLength(text: string, what: 'comment' | 'suggestion' | 'rationale'): string {
  if (longerThanGraphemes(text, LIMITS.commentLength)) {
    throw new AppError(
      'comment_too_long',
      400,
      `The ${what} is too long: at most ${LIMITS.commentLength.toLocaleString('en')} characters. Shorten it, or split it into several replies.`,
    );
  }
  return text;
}
