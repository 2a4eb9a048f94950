/**
 * One LISTEN connection per process. On PostgreSQL: a dedicated `pg` client (never a pooled
 * one), checked by a heartbeat; when it is lost it reconnects with backoff and jitter and then
 * re-reads every watched document, because notifications sent while it was away are gone.
 * On the embedded database: PGlite's own listen, in process. The same connection carries the
 * presence channel (presence-share.ts).
 */
import pg from 'pg';
import type { DatabaseHandle } from '../db/connect.ts';
import { EVENTS_CHANNEL } from '../events/event-log.ts';
import { PRESENCE_CHANNEL } from './presence-share.ts';

export interface Listener {
  close(): Promise<void>;
  /** True while notifications are being received. */
  readonly connected: boolean;
}

interface Callbacks {
  onNotify(documentId: string): void;
  /** A payload on the presence channel. */
  onPresence?(payload: string): void;
  /** Called after every (re)connection: re-read what may have been missed. */
  onReconnect(): void;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

function parse(payload: string | undefined): string | null {
  try {
    const { documentId } = JSON.parse(payload ?? '') as { documentId?: unknown };
    return typeof documentId === 'string' ? documentId : null;
  } catch {
    return null;
  }
}

export async function startListener(database: DatabaseHandle, callbacks: Callbacks): Promise<Listener> {
  if (database.kind === 'embedded') {
    const pglite = database.pglite as { listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>> };
    const unlisten = await pglite.listen(EVENTS_CHANNEL, (payload) => {
      const id = parse(payload);
      if (id) callbacks.onNotify(id);
    });
    const unlistenPresence = await pglite.listen(PRESENCE_CHANNEL, (payload) => callbacks.onPresence?.(payload));
    return {
      close: async () => {
        await unlisten();
        await unlistenPresence();
      },
      connected: true,
    };
  }
  return startPgListener(database.url as string, callbacks);
}

async function startPgListener(url: string, callbacks: Callbacks): Promise<Listener> {
  let client: pg.Client | null = null;
  let closed = false;
  let connected = false;
  let attempt = 0;
  let heartbeat: NodeJS.Timeout | null = null;

  const drop = (reason: string) => {
    if (!client) return;
    const old = client;
    client = null;
    connected = false;
    if (heartbeat) clearInterval(heartbeat);
    old.removeAllListeners();
    old.on('error', () => {});
    old.end().catch(() => {});
    if (!closed) {
      callbacks.log.warn({ reason }, 'event listener lost its connection; reconnecting');
      schedule();
    }
  };

  const schedule = () => {
    const delay = Math.min(10_000, 200 * 2 ** attempt) * (0.5 + Math.random());
    attempt++;
    setTimeout(() => void connect(), delay).unref();
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: 'tashawur-listener', connectionTimeoutMillis: 5000, keepAlive: true });
    c.on('error', (e) => drop(e.message));
    c.on('end', () => drop('connection ended'));
    c.on('notification', (n) => {
      if (n.channel === PRESENCE_CHANNEL) return callbacks.onPresence?.(n.payload ?? '');
      const id = parse(n.payload);
      if (id) callbacks.onNotify(id);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENTS_CHANNEL}; LISTEN ${PRESENCE_CHANNEL}`);
    } catch {
      c.removeAllListeners();
      c.on('error', () => {});
      c.end().catch(() => {});
      if (!closed) schedule();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    connected = true;
    attempt = 0;
    // A dead server may not send an error (e.g. after a failover): ask, with a deadline.
    heartbeat = setInterval(() => {
      const current = client;
      if (!current) return;
      const timer = setTimeout(() => drop('heartbeat timed out'), 5000);
      current.query('SELECT 1').then(
        () => clearTimeout(timer),
        (e) => {
          clearTimeout(timer);
          drop(e.message);
        },
      );
    }, 5000);
    heartbeat.unref();
    callbacks.onReconnect();
  }

  await connect();
  return {
    get connected() {
      return connected;
    },
    async close() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
