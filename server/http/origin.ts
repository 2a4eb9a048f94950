/**
 * Cross-site request forgery defence: a state-changing request that carries a foreign Origin is
 * refused, and one authenticated by the session cookie must prove it comes from the platform's
 * own pages (its Origin, or Sec-Fetch-Site: same-origin). Bearer-token scripts carry no ambient
 * credential and are not concerned.
 */
import { AppError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkOrigin(options: {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  viaCookie: boolean;
  allowed: ReadonlySet<string>;
}): void {
  if (SAFE.has(options.method)) return;
  const { origin } = options;
  if (origin !== undefined && !options.allowed.has(origin)) {
    throw new AppError('cross_origin_request', 403, 'This request comes from another site and was refused.');
  }
  if (options.viaCookie && origin === undefined && options.secFetchSite !== 'same-origin') {
    throw new AppError('cross_origin_request', 403, 'This request lacks an Origin header; send it from the platform or use a bearer token.');
  }
}
