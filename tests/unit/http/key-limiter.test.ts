/** The per-key limiter refuses past its limit with Retry-After, and lifts after the window. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.ts';
import { createKeyLimiter } from '../../../server/http/key-limiter.ts';

describe('key limiter', () => {
  it('allows the limit, refuses the next with 429, and recovers after the window', () => {
    const limiter = createKeyLimiter(2, 60_000);
    limiter.hit('k', 0);
    limiter.hit('k', 1);
    let error: unknown;
    try {
      limiter.hit('k', 2);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(429);
    expect(Number((error as AppError).headers['retry-after'])).toBe(60);
    expect(() => limiter.hit('other', 3)).not.toThrow();
    expect(() => limiter.hit('k', 60_001)).not.toThrow();
  });
});
