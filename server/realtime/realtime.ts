/**
 * Wires real time into the app: the hub, presence, the LISTEN connection, the WebSocket route,
 * session re-checks for open sockets, and a graceful shutdown (sockets told 1001 in preClose so
 * clients reconnect elsewhere; listener closed in onClose).
 */
import type { FastifyInstance } from 'fastify';
import { CLOSE } from '../../shared/realtime.ts';
import { liveSessionIds } from '../auth/sessions.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { EventRenderer } from '../events/event-view.ts';
import { Hub } from './hub.ts';
import { type Listener, startListener } from './listener.ts';
import { Presence } from './presence.ts';
import { PresenceShare } from './presence-share.ts';
import type { SocketClient } from './socket-client.ts';
import { DEFAULT_SOCKET_LIMITS, realtimeRoutes, type SocketLimits } from './ws.routes.ts';

const SESSION_CHECK_MS = 30_000;

export interface Realtime {
  hub: Hub;
  /** Ends the sockets of a session (sign-out) or of an account (password change). */
  endSessions(match: { sessionId?: string; accountId?: string }): void;
}

export async function registerRealtime(
  api: FastifyInstance,
  deps: { database: DatabaseHandle; renderer: EventRenderer; allowedOrigins: ReadonlySet<string>; limits?: SocketLimits },
): Promise<Realtime> {
  const { db } = deps.database;
  const clients = new Set<SocketClient>();
  let presence: Presence | null = null;
  const hub = new Hub(db, deps.renderer, (documentId, client) => presence?.leave(documentId, client));
  presence = new Presence((documentId) => hub.clientsOf(documentId));
  // Readers on other processes: shared over NOTIFY (ids only), never stored.
  const share = new PresenceShare(db, presence);
  let listener: Listener | null = null;

  const endSessions = (match: { sessionId?: string; accountId?: string }) => {
    for (const c of clients) {
      if ((match.sessionId && c.sessionId === match.sessionId) || (match.accountId && c.actor?.accountId === match.accountId)) {
        c.close(CLOSE.SESSION_ENDED, 'session ended');
      }
    }
  };

  // Sessions can end in another process: check the open sockets' sessions regularly.
  const sessionCheck = setInterval(async () => {
    const ids = [...new Set([...clients].map((c) => c.sessionId).filter((x): x is string => !!x))];
    if (ids.length === 0) return;
    try {
      // A disabled account's sessions count as ended even if a row were left behind.
      const ok = await liveSessionIds(db, ids);
      for (const c of clients) if (c.sessionId && !ok.has(c.sessionId)) c.close(CLOSE.SESSION_ENDED, 'session ended');
    } catch {
      // The database is away; the next round will tell.
    }
  }, SESSION_CHECK_MS);
  sessionCheck.unref();

  api.addHook('onReady', async () => {
    listener = await startListener(deps.database, {
      onNotify: (documentId) => hub.nudge(documentId),
      onPresence: (payload) => void share.receive(payload),
      onReconnect: () => {
        hub.nudgeAll();
        // Others may have expired this process's readers meanwhile.
        share.refresh();
      },
      log: api.log,
    });
    share.start();
  });
  api.addHook('preClose', async () => {
    for (const c of clients) c.close(CLOSE.GOING_AWAY, 'server restarting');
  });
  api.addHook('onClose', async () => {
    clearInterval(sessionCheck);
    await share.close();
    presence?.close();
    await listener?.close();
  });

  await api.register(realtimeRoutes, { hub, presence, allowedOrigins: deps.allowedOrigins, clients, limits: deps.limits ?? DEFAULT_SOCKET_LIMITS });
  return { hub, endSessions };
}
