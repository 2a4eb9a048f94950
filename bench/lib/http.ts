/** JSON over HTTP with a bearer token (fetch, keep-alive), failing loudly on an unexpected status. */
export interface Answer {
  status: number;
  body: string;
  headers: Headers;
  json(): any;
}

export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = await res.text();
  return { status: res.status, body, headers: res.headers, json: () => JSON.parse(body) };
}

export async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Answer> {
  const a = await answer;
  if (a.status !== status) throw new Error(`${what}: expected ${status}, got ${a.status} ${a.body.slice(0, 500)}`);
  return a;
}
