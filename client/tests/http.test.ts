/** The typed fetch: what it sends, and how every kind of failure becomes an ApiError. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiPath, createIdempotencyKeys, http } from '../src/api/http.ts';

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

afterEach(() => vi.unstubAllGlobals());

describe('http', () => {
  it('sends a body as JSON with its content type', async () => {
    const fetchMock = stubFetch(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
    await expect(http.post('/organizations', { name: 'جمعية' })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/organizations');
    expect(init?.body).toBe('{"name":"جمعية"}');
    expect(init?.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('sends neither body nor content type for a write without a body', async () => {
    const fetchMock = stubFetch(new Response(null, { status: 204 }));
    await expect(http.post('/auth/logout')).resolves.toBeUndefined();
    const init = fetchMock.mock.calls[0][1] ?? {};
    expect(init.body).toBeUndefined();
    expect(init.headers).not.toHaveProperty('content-type');
  });

  it('turns an error body into an ApiError with the server code', async () => {
    stubFetch(new Response('{"error":{"code":"email_taken","message":"An account uses this email."}}', { status: 409, headers: { 'content-type': 'application/json' } }));
    const error = await failure(http.post('/auth/register', {}));
    expect(error).toMatchObject({ status: 409, code: 'email_taken', message: 'An account uses this email.' });
  });

  it('keeps Retry-After of a 429', async () => {
    stubFetch(new Response('{"error":{"code":"rate_limited","message":"Slow down."}}', { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '30' } }));
    expect(await failure(http.post('/auth/login', {}))).toMatchObject({ code: 'rate_limited', retryAfter: 30 });
  });

  it('reports an answer that is not the API (a proxy page) by status', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    expect(await failure(http.get('/me'))).toMatchObject({ status: 502, code: 'service_unavailable' });
  });

  it('reports an unreachable server as network_error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    expect(await failure(http.get('/me'))).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('encodes ids in paths', () => {
    expect(apiPath`/organizations/${'a/b?c'}/members`).toBe('/organizations/a%2Fb%3Fc/members');
  });

  it('reuses an idempotency key for the same body only', () => {
    const keyFor = createIdempotencyKeys();
    const first = keyFor({ name: 'A' });
    expect(keyFor({ name: 'A' })).toBe(first);
    expect(keyFor({ name: 'B' })).not.toBe(first);
  });
});
