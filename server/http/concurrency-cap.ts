/**
 * A cap on how many expensive requests (exports and reports: seconds of CPU and megabytes of
 * memory each on a long draft) run at once in this process, and per account (per address when
 * signed out). Past either cap the request is answered 429 `rate_limited` with Retry-After at
 * once, before any work, so a burst of exports cannot starve comment writes (SECURITY.md
 * RL-80). A slot is held for as long as the work runs, even past the request's deadline, and
 * always given back. In-memory, per process, like the other limits.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export interface ConcurrencyCap {
  /** Runs `work` in a slot, or throws 429 when the process or this caller has none free. */
  run<T>(request: FastifyRequest, work: () => Promise<T>): Promise<T>;
  /** Slots in use now (for tests and diagnostics). */
  readonly running: number;
}

export function createConcurrencyCap(options: { total: number; perKey: number; retryAfterSeconds?: number }): ConcurrencyCap {
  const perKey = new Map<string, number>();
  let running = 0;
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  return {
    get running() {
      return running;
    },
    async run(request, work) {
      const key = request.actor ? `account:${request.actor.accountId}` : `ip:${request.ip}`;
      const mine = perKey.get(key) ?? 0;
      if (running >= options.total || mine >= options.perKey) {
        throw new AppError('rate_limited', 429, 'Too many exports and reports are being prepared right now; try again in a few seconds.', { 'retry-after': retryAfter });
      }
      running++;
      perKey.set(key, mine + 1);
      try {
        return await work();
      } finally {
        running--;
        const left = (perKey.get(key) ?? 1) - 1;
        if (left > 0) perKey.set(key, left);
        else perKey.delete(key);
      }
    },
  };
}
