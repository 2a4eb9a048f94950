/**
 * The only body parser: strict `application/json` (optional `charset=utf-8`), a nesting-depth
 * limit checked before parsing, prototype-poisoning keys refused, and NUL characters or lone
 * surrogates refused anywhere in the body (PostgreSQL cannot store NUL; a lone surrogate would
 * be silently altered on the way to UTF-8).
 */
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from './errors.ts';

const MAX_DEPTH = 64;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Walks parsed JSON; returns a reason when a string is unstorable. */
export function findBadString(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'contains a NUL character';
    if (LONE_SURROGATE.test(value)) return 'contains an unpaired surrogate (broken Unicode)';
    return null;
  }
  if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [k, v] of Object.entries(value)) {
      const bad = findBadString(k, depth + 1) ?? findBadString(v, depth + 1);
      if (bad) return bad;
    }
  }
  return null;
}

export function parseJsonBody(text: string): unknown {
  if (tooDeep(text)) throw new AppError('json_too_deep', 400, `The JSON body is nested more than ${MAX_DEPTH} levels deep.`);
  let body: unknown;
  try {
    body = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const poisoned = e instanceof SyntaxError && /prototype/i.test(e.message);
    throw new AppError('invalid_json', 400, poisoned ? 'The body uses a forbidden key (__proto__ or constructor.prototype).' : 'The body is not valid JSON.');
  }
  const bad = findBadString(body);
  if (bad) throw new AppError('invalid_character', 400, `A text field ${bad}; remove it and send again.`);
  return body;
}

export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const type = request.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(type)) {
      done(new AppError('unsupported_media_type', 415, 'Send the body as application/json (UTF-8).'), undefined);
      return;
    }
    if ((body as string).length === 0) {
      done(new AppError('invalid_json', 400, 'The body is empty; send a JSON object.'), undefined);
      return;
    }
    try {
      done(null, parseJsonBody(body as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // Every other content type is refused with 415 by the catch-all below.
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(new AppError('unsupported_media_type', 415, 'Send the body as application/json (UTF-8).'), undefined);
  });
}
