/**
 * How long a request may run before the client is told 503 (Fastify's `handlerTimeout`).
 *
 * The default deadline (config.handlerTimeoutMs, PostgreSQL only) bounds what a person waits
 * when the database freezes: SECURITY.md FR-101 asks for 503 + Retry-After within 5 s. The
 * handler is not cancelled: its transaction commits or rolls back as a whole once the database
 * answers, and the idempotency record commits with it, so a retry with the same key either
 * replays the stored answer or does the work once. An embedded PGlite cannot freeze apart from
 * the process, so there is no deadline there.
 *
 * Imports, new versions and exports legitimately take seconds on long drafts: they get this
 * longer deadline instead of failing half way through a person's upload.
 */
export const SLOW_ROUTE_DEADLINE_MS = 120_000;

export const slowRoute = { handlerTimeout: SLOW_ROUTE_DEADLINE_MS } as const;
