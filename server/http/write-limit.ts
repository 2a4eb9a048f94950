/**
 * The per-account limit on creating writes (new threads and comments), SECURITY.md RL-76/77.
 * Keyed per signed-in account, not per address, so a whole office behind one NAT is never
 * throttled by its neighbours; a signed-out caller (refused anyway) is keyed per address. It is
 * a preHandler: authentication (onRequest) has set `request.actor`, the body is validated, and
 * nothing has been written yet, so a refused write leaves no row, event or idempotency record.
 * Answers 429 `rate_limited` with Retry-After and RateLimit-* headers (@fastify/rate-limit,
 * in-memory per process like the sign-in limits). One counter for all the routes it guards.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type WriteLimit = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function createWriteLimit(app: FastifyInstance, perMinute: number): WriteLimit {
  return app.rateLimit({
    max: perMinute,
    timeWindow: 60_000,
    cache: 50_000,
    keyGenerator: (request) => (request.actor ? `account:${request.actor.accountId}` : `ip:${request.ip}`),
  }) as unknown as WriteLimit;
}
