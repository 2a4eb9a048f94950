/**
 * A small fixed-window counter keyed by anything (an email, an account id), for limits that
 * @fastify/rate-limit (keyed per IP) cannot express. In-memory, per process: a limit on N
 * processes allows N times as much; good enough against brute force, documented in the README.
 */
import { AppError } from './errors.ts';

export function createKeyLimiter(limit: number, windowMs: number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one hit; throws 429 with Retry-After once the key passed its limit. */
    hit(key: string, now = Date.now()): void {
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        if (windows.size > 50_000) windows.clear();
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
      }
      w.count++;
      if (w.count > limit) {
        const seconds = Math.ceil((w.resetAt - now) / 1000);
        throw new AppError('rate_limited', 429, `Too many attempts; try again in ${seconds} seconds.`, { 'retry-after': String(seconds) });
      }
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}
