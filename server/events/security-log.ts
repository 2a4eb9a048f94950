/**
 * Security events that happen outside a service's transaction — refused tokens and refused
 * actions — written to the audit trail, at most a few per minute per address or account so
 * the trail cannot be flooded. Never the token or the request body.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { appendAudit } from './audit.ts';

const PER_MINUTE = 300;

export function createSecurityLog(db: Db) {
  const counts = new Map<string, { n: number; resetAt: number }>();
  const allow = (key: string) => {
    const now = Date.now();
    let c = counts.get(key);
    if (!c || c.resetAt <= now) {
      if (counts.size > 10_000) counts.clear();
      c = { n: 0, resetAt: now + 60_000 };
      counts.set(key, c);
    }
    return ++c.n <= PER_MINUTE;
  };
  const write = (entry: Parameters<typeof appendAudit>[1]) =>
    appendAudit(db, entry).catch(() => {
      // The database is away: the request has failed anyway, and logging must not crash it.
    });
  return {
    async rejectedToken(request: FastifyRequest, via: 'bearer' | 'cookie') {
      if (allow(`ip:${request.ip}`)) await write({ actorId: null, action: 'auth.session_rejected', detail: { via, requestId: request.id }, ip: request.ip });
    },
    async denied(request: FastifyRequest, status: number) {
      const actorId = request.actor?.accountId ?? null;
      if (!actorId || !allow(`actor:${actorId}`)) return;
      await write({ actorId, action: 'access.denied', detail: { method: request.method, route: request.routeOptions.url ?? null, status, requestId: request.id }, ip: request.ip });
    },
  };
}
