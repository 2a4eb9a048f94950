/**
 * AppError carries the stable code, HTTP status and a message a person can act on.
 * Services throw it; the error handler in app.ts shapes every error body from it.
 */
import type { ErrorCode } from '../../shared/errors.ts';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The one "not found" every invisible or missing object answers with, byte for byte. */
export function notFound(what = 'resource'): AppError {
  return new AppError('not_found', 404, `This ${what} does not exist or you cannot see it.`);
}

export function forbidden(message: string): AppError {
  return new AppError('forbidden', 403, message);
}

export function invalid(message: string, code: ErrorCode = 'invalid_input', status = 400): AppError {
  return new AppError(code, status, message);
}
