/**
 * Building blocks shared by every schema of the wire contract.
 * No server, DOM or Node imports here: the client bundles this folder.
 */
import { type Static, Type } from 'typebox';

/** Opaque identifier (server-generated). */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export type Id = Static<typeof Id>;

/** ISO 8601 instant in UTC. */
export const Instant = Type.String({ format: 'date-time', maxLength: 40 });

/** Calendar date (YYYY-MM-DD). */
export const CalendarDate = Type.String({ format: 'date', maxLength: 10 });

/** Query-string integers arrive as text; the server converts them after this pattern check. */
export const QueryInt = Type.String({ pattern: '^[0-9]{1,9}$', maxLength: 9 });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** The optional header of every creating route (API.md "Idempotency"). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Same key + same account + same body: the first answer is replayed (header idempotent-replayed: true) and nothing is created. Another body: 422 idempotency_key_reused. While the first request runs: 409 idempotency_key_in_use with Retry-After.',
    }),
  ),
});

export const Empty = Type.Object({}, { additionalProperties: false });

/** Every language the interface and the documents support. */
export const Language = Type.Union([Type.Literal('ar'), Type.Literal('en'), Type.Literal('fr')]);
export type Language = Static<typeof Language>;

export const Direction = Type.Union([Type.Literal('rtl'), Type.Literal('ltr'), Type.Literal('auto')]);
export type Direction = Static<typeof Direction>;

export { LIMITS } from './limits.ts';
