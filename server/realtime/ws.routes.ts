/**
 * GET /api/ws: the WebSocket. Authentication and the Origin check run before the upgrade
 * (onRequest / preValidation), so a foreign page never gets a 101. Messages are validated
 * against the shared schemas; each socket has a message budget, a heartbeat, and a bound on
 * its send buffer (see socket-client.ts). A signed-in account holds at most
 * `socketsPerAccount` sockets at once (the next upgrade gets 429 before any 101); signed-out
 * readers may watch public drafts live (DESIGN.md) and are not capped per account. Frames are
 * bounded by ws itself: 64 KiB per message (1009) and 16,384 fragments per message (1008).
 */
import type { FastifyInstance } from 'fastify';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { CLOSE, ClientMessage, MAX_MESSAGE_BYTES } from '../../shared/realtime.ts';
import { AppError } from '../http/errors.ts';
import type { Hub } from './hub.ts';
import type { Presence } from './presence.ts';
import { SocketClient } from './socket-client.ts';

const check = Compile(ClientMessage);

export interface SocketLimits {
  socketsPerAccount: number;
  /** Ping period; a peer that answered no ping for two periods is dropped. */
  heartbeatMs: number;
}
export const DEFAULT_SOCKET_LIMITS: SocketLimits = { socketsPerAccount: 20, heartbeatMs: 30_000 };
/** Token bucket: a burst of 30 messages, refilled at 5 a second; far past it the socket is cut. */
const BURST = 30;
const REFILL_PER_SECOND = 5;

export interface RealtimeDeps {
  hub: Hub;
  presence: Presence;
  allowedOrigins: ReadonlySet<string>;
  clients: Set<SocketClient>;
  limits: SocketLimits;
}

function budget() {
  let tokens = BURST;
  let last = Date.now();
  let refused = 0;
  return () => {
    const now = Date.now();
    tokens = Math.min(BURST, tokens + ((now - last) / 1000) * REFILL_PER_SECOND);
    last = now;
    if (tokens >= 1) {
      tokens--;
      refused = 0;
      return 'ok' as const;
    }
    return ++refused > 100 ? ('cut' as const) : ('refused' as const);
  };
}

export async function realtimeRoutes(app: FastifyInstance, deps: RealtimeDeps): Promise<void> {
  const { socketsPerAccount, heartbeatMs } = deps.limits;
  /** Open sockets per signed-in account. */
  const perAccount = new Map<string, number>();
  app.get('/ws', {
    websocket: true,
    schema: { tags: ['real time'], summary: 'WebSocket: subscribe to documents, receive their events and presence' },
    preValidation: async (request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !deps.allowedOrigins.has(origin)) {
        throw new AppError('cross_origin_request', 403, 'WebSocket connections from other sites are refused.');
      }
      const account = request.actor?.accountId;
      if (account && (perAccount.get(account) ?? 0) >= socketsPerAccount) {
        throw new AppError('rate_limited', 429, `Too many live connections for this account (${socketsPerAccount} at most); close other tabs.`, { 'retry-after': '30' });
      }
    },
  }, (socket: WebSocket, request) => {
    const client = new SocketClient(socket, request.actor, request.sessionId);
    deps.clients.add(client);
    const account = request.actor?.accountId;
    if (account) perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    // Upgrades racing past the check above are cut here.
    if (account && (perAccount.get(account) ?? 0) > socketsPerAccount) client.close(CLOSE.POLICY, 'too many sockets');
    const take = budget();
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, heartbeatMs);
    heartbeat.unref();

    // Attached synchronously: messages sent right after the upgrade are never lost.
    socket.on('message', (raw, isBinary) => {
      try {
        const allowed = take();
        if (allowed === 'cut') return client.close(CLOSE.POLICY, 'too many messages');
        if (allowed === 'refused') return client.send({ type: 'error', code: 'rate_limited', message: 'Too many messages; slow down.' });
        if (isBinary) return client.send({ type: 'error', code: 'invalid_input', message: 'Send JSON text messages.' });
        let message: unknown;
        try {
          message = JSON.parse(raw.toString());
        } catch {
          return client.send({ type: 'error', code: 'invalid_json', message: 'The message is not valid JSON.' });
        }
        if (!check.Check(message)) return client.send({ type: 'error', code: 'invalid_input', message: 'Unknown or malformed message; see the protocol in /api/docs.' });
        const m = message as ClientMessage;
        if (m.type === 'subscribe') {
          if (client.seqs.size >= 50 && !client.seqs.has(m.documentId)) return client.send({ type: 'error', code: 'invalid_input', message: 'Too many documents on one socket (50 at most).' });
          deps.hub.subscribe(client, m.documentId, m.after).catch((e) => {
            request.log.warn({ err: e }, 'subscribe failed');
            client.send({ type: 'error', code: 'service_unavailable', message: 'Could not subscribe right now; retry shortly.', documentId: m.documentId });
          });
        } else if (m.type === 'unsubscribe') {
          deps.hub.unsubscribe(client, m.documentId);
        } else if (client.seqs.has(m.documentId)) {
          deps.presence.set(m.documentId, client, m.blockId ?? null);
        }
      } catch (e) {
        request.log.error({ err: e }, 'websocket message failed');
      }
    });
    socket.on('close', () => {
      clearInterval(heartbeat);
      if (account) {
        const left = (perAccount.get(account) ?? 1) - 1;
        if (left > 0) perAccount.set(account, left);
        else perAccount.delete(account);
      }
      client.closed = true;
      deps.hub.drop(client);
      deps.clients.delete(client);
    });
    socket.on('error', () => socket.terminate());
  });
}

export { MAX_MESSAGE_BYTES };
