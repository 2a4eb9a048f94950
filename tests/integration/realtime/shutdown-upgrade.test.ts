/**
 * A WebSocket upgrade that arrives while the server is closing is refused with 503 (and
 * Retry-After) in the API's error shape, never a 101: the client then reconnects to another
 * process. The upgrade's headers are sent in two parts on one connection opened before the
 * close, so the request lands deterministically after closing has begun.
 */
import net from 'node:net';
import { expect, it } from 'vitest';
import { createLiveApp, waitFor } from '../../helpers/live.ts';

it('refuses a WebSocket upgrade during shutdown with 503, never 101', async () => {
  const t = await createLiveApp();
  const connection = net.connect(t.port, '127.0.0.1');
  let answer = '';
  connection.on('data', (chunk) => {
    answer += chunk.toString('latin1');
  });
  connection.on('error', () => {});
  await new Promise<void>((resolve) => connection.once('connect', () => resolve()));
  connection.write(`GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n`);
  const closed = t.close();
  // No new connections once the listening socket is closed: closing has begun by then.
  await waitFor(() => !t.app.server.listening, 10_000, 'the server to stop listening');
  connection.write('Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
  await waitFor(() => answer.includes('\r\n\r\n'), 10_000, 'an answer to the upgrade');
  expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
  expect(answer.toLowerCase()).toContain('retry-after:');
  expect(answer).not.toMatch(/^HTTP\/1\.1 101/m);
  await waitFor(() => answer.includes('service_unavailable'), 10_000, 'the error body');
  connection.destroy();
  await closed;
});
