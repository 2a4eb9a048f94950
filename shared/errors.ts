/**
 * The error body every 4xx/5xx answer uses, and the stable codes the client translates.
 */
import { type Static, Type } from 'typebox';

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'stable snake_case code, translated by clients' }),
    message: Type.String({ description: 'a sentence a person can act on (English)' }),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Codes with a dedicated message in the client's catalogues. Others fall back to the server message. */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'json_too_deep',
  'invalid_character',
  'unsupported_media_type',
  'payload_too_large',
  'not_signed_in',
  'invalid_credentials',
  'forbidden',
  'cross_origin_request',
  'not_found',
  'email_taken',
  'conflict',
  'rate_limited',
  'organization_not_approved',
  'organization_name_taken',
  'consultation_closed',
  'comment_frozen',
  'comment_too_long',
  'already_endorsed',
  'invalid_anchor',
  'rationale_required',
  'idempotency_key_reused',
  'idempotency_key_in_use',
  'empty_source',
  'invalid_source',
  'too_many_blocks',
  'invalid_transition',
  'period_closed',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
