/**
 * Shapes every error as {"error":{"code","message"}}. 4xx keep a message a person can act on;
 * 5xx are logged and answered with a generic message, never a stack trace or SQL.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { LIMITS } from '../../shared/limits.ts';
import { AppError } from './errors.ts';

const SOURCE_MB = LIMITS.sourceBytes / (1024 * 1024);

/**
 * A body over the route's limit. On the upload routes (whose limit is above the source limit,
 * to leave room for base64) the drafter is told the source limit itself, which is what to act on.
 */
function bodyTooLarge(request: FastifyRequest): AppError {
  const limit = request.routeOptions.bodyLimit ?? 0;
  if (limit > LIMITS.sourceBytes) {
    return new AppError(
      'payload_too_large',
      413,
      `The file is too large: a draft may be at most ${SOURCE_MB} MB (${LIMITS.sourceBytes.toLocaleString('en')} bytes). Split the document into smaller parts or remove images.`,
    );
  }
  return new AppError('payload_too_large', 413, `The request body is too large: at most ${Math.max(1, Math.round(limit / 1024)).toLocaleString('en')} KB.`);
}

function fromFastify(err: FastifyError, request: FastifyRequest): AppError | null {
  if (err.validation) {
    const v = err.validation[0];
    // A base64 .docx over the schema's length: the same refusal as any source over the limit.
    if (v?.keyword === 'maxLength' && /\/source\/content$/.test(v.instancePath ?? '')) return bodyTooLarge(request);
    const where = `${err.validationContext ?? 'body'}${v?.instancePath ?? ''}`;
    const extra = v?.keyword === 'additionalProperties' ? ` (unknown field "${(v.params as { additionalProperty?: string }).additionalProperty}")` : '';
    return new AppError('invalid_input', 400, `Invalid ${where}: ${v?.message ?? 'invalid value'}${extra}.`);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return bodyTooLarge(request);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 415, 'Send the body as application/json (UTF-8).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json', 400, 'The body is not valid JSON.');
  }
  if (err.statusCode === 429) {
    return new AppError('rate_limited', 429, 'Too many requests; wait a moment and try again.');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('invalid_input', err.statusCode, 'The request could not be understood.');
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance, hooks: { onDenied: (request: FastifyRequest, status: number) => Promise<void> }): void {
  app.setErrorHandler(async (err: FastifyError, request, reply) => {
    const known = err instanceof AppError ? err : fromFastify(err, request);
    if (known) {
      // Refusals of signed-in people go to the audit trail (ASVS 16.3.2).
      if (known.status === 403) await hooks.onDenied(request, known.status);
      reply.headers(known.headers);
      if (known.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
      return reply.status(known.status).send({ error: { code: known.code, message: known.message } });
    }
    const pgCode = (err as { code?: string }).code;
    // Connection failures and timeouts: the database is away; the client may retry.
    // Deadlock or serialisation failure: nothing was committed, a retry will succeed.
    if (pgCode === '40P01' || pgCode === '40001') {
      request.log.warn({ err: { message: err.message, code: pgCode } }, 'transaction conflict');
      return reply.status(503).header('retry-after', '1').send({ error: { code: 'service_unavailable', message: 'The server was busy with a conflicting change; retry in a second.' } });
    }
    if (pgCode === 'ECONNREFUSED' || pgCode === '57P01' || pgCode === '57014' || /timeout|Connection terminated/i.test(err.message)) {
      request.log.warn({ err: { message: err.message, code: pgCode } }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'service_unavailable', message: 'The service is briefly unavailable; try again in a few seconds.' } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: `Something went wrong on our side (request ${request.id}).` } });
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: 'This resource does not exist or you cannot see it.' } });
  });
}
