/**
 * One WebSocket to /api/ws for one document: subscribes, resumes from the last seq after a
 * drop (close 4001 resync, 1001 restart, network loss) with backoff, reports its status, and
 * sends presence. Session end (4401) stops reconnecting.
 */
import type { ClientMessage, PresenceReaders, ServerMessage } from '../../../shared/realtime.ts';
import { CLOSE } from '../../../shared/realtime.ts';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface ChannelHandlers {
  lastSeq(): number;
  /**
   * Where the first subscription resumes from, when the page already holds the state as of a
   * seq (a thread list read at that seq): the server replays every event after it, so nothing
   * between the read and the subscription is lost. Without it the first subscription starts now.
   */
  resumeFrom?(): number;
  onSubscribed(seq: number): void;
  /** The server cannot continue from lastSeq (`resync_required`): drop the state and reload it. */
  onResync?(): void;
  onEvent(message: { seq: number; kind: string; data: Record<string, unknown> }): void;
  onPresence(readers: PresenceReaders): void;
  onStatus(status: ConnectionStatus): void;
}

export interface Channel {
  presence(blockId: string | undefined): void;
  close(): void;
}

export function openChannel(documentId: string, handlers: ChannelHandlers): Channel {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let subscribedOnce = false;
  let lastPresence: string | undefined;

  const send = (message: ClientMessage) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const schedule = () => {
    if (closed) return;
    handlers.onStatus('reconnecting');
    const delay = Math.min(15_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
    attempt++;
    timer = setTimeout(connect, delay);
  };

  function connect() {
    if (closed) return;
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    try {
      socket = new WebSocket(`${protocol}//${location.host}/api/ws`);
    } catch {
      schedule();
      return;
    }
    const current = socket;
    socket.onopen = () => {
      const after = subscribedOnce ? handlers.lastSeq() : handlers.resumeFrom?.();
      const resume = after !== undefined && (after > 0 || !subscribedOnce);
      send(resume ? { type: 'subscribe', documentId, after } : { type: 'subscribe', documentId });
    };
    socket.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'subscribed' && message.documentId === documentId) {
        attempt = 0;
        subscribedOnce = true;
        handlers.onStatus('live');
        handlers.onSubscribed(message.seq);
        if (lastPresence) send({ type: 'presence', documentId, blockId: lastPresence });
      } else if (message.type === 'error' && message.code === 'resync_required' && message.documentId === documentId) {
        // Sent before `subscribed`: the state is reset first, then reloaded as of the new seq.
        handlers.onResync?.();
      } else if (message.type === 'event' && message.documentId === documentId) {
        handlers.onEvent(message);
      } else if (message.type === 'presence' && message.documentId === documentId) {
        handlers.onPresence(message.readers);
      }
    };
    socket.onclose = (event) => {
      if (socket !== current) return;
      socket = undefined;
      if (closed) return;
      if (event.code === CLOSE.SESSION_ENDED) {
        handlers.onStatus('ended');
        return;
      }
      schedule();
    };
  }

  handlers.onStatus('connecting');
  connect();
  const online = () => {
    if (!socket && !closed) {
      clearTimeout(timer);
      attempt = 0;
      connect();
    }
  };
  // The browser knows before the socket does (a dead link can take a heartbeat to notice).
  const offline = () => {
    const old = socket;
    if (!old || closed) return;
    socket = undefined;
    old.onclose = null;
    old.onmessage = null;
    old.close(4000, 'offline');
    clearTimeout(timer);
    schedule();
  };
  globalThis.addEventListener?.('online', online);
  globalThis.addEventListener?.('offline', offline);

  return {
    presence(blockId) {
      if (blockId === lastPresence) return;
      lastPresence = blockId;
      send(blockId ? { type: 'presence', documentId, blockId } : { type: 'presence', documentId });
    },
    close() {
      closed = true;
      clearTimeout(timer);
      globalThis.removeEventListener?.('online', online);
      globalThis.removeEventListener?.('offline', offline);
      socket?.close(1000);
    },
  };
}
