/**
 * A listening server (real sockets) and a small WebSocket client that records every message,
 * with bounded waits (never sleeps).
 */
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/realtime.ts';
import { createTestApp, ORIGIN, type TestApp, type TestConfig } from './test-app.ts';
import type { Driver } from './test-database.ts';

export interface LiveApp extends TestApp {
  port: number;
  wsUrl: string;
}

export async function createLiveApp(options: { driver?: Driver; config?: TestConfig } = {}): Promise<LiveApp> {
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(t, { port, wsUrl: `ws://127.0.0.1:${port}/api/ws` });
}

export async function waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class TestSocket {
  readonly messages: ServerMessage[] = [];
  readonly raw: string[] = [];
  closeCode: number | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.messages.push(JSON.parse(text));
    });
    ws.on('close', (code) => {
      this.closeCode = code;
    });
    ws.on('error', () => {});
  }

  static open(url: string, options: { token?: string; origin?: string; headers?: Record<string, string> } = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.origin ? { origin: options.origin } : {}), ...options.headers },
      });
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { statusCode: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  events(documentId?: string) {
    return this.messages.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event' && (!documentId || m.documentId === documentId));
  }

  async subscribe(documentId: string, after?: number): Promise<Extract<ServerMessage, { type: 'subscribed' | 'error' }>> {
    const before = this.messages.length;
    this.send({ type: 'subscribe', documentId, ...(after !== undefined ? { after } : {}) });
    return waitFor(
      () => this.messages.slice(before).find((m): m is Extract<ServerMessage, { type: 'subscribed' | 'error' }> => (m.type === 'subscribed' || m.type === 'error') && (m as { documentId?: string }).documentId === documentId),
      10_000,
      'subscribed',
    );
  }

  close(): void {
    this.ws.close();
  }
}

export { ORIGIN };
