/**
 * The real-time protocol over the WebSocket at /api/ws: every message is a JSON object with a
 * `type`. Validated by the server with these schemas; typed for the client from them.
 */
import { type Static, Type } from 'typebox';
import { Id, QueryInt } from './common.ts';

/** Bumped when a message changes shape incompatibly. Sent in `subscribed`. */
export const PROTOCOL_VERSION = '1.0.0';

/** Close codes the client acts on. */
export const CLOSE = {
  /** Server shutting down: reconnect (elsewhere) and resume. */
  GOING_AWAY: 1001,
  /** A frame larger than the limit. */
  TOO_BIG: 1009,
  /** Policy violation: flooding, or the session ended (sign in again). */
  POLICY: 1008,
  /** The socket fell behind: reconnect and resume from the last seq seen. */
  RESYNC: 4001,
  /** The session expired or was signed out. */
  SESSION_ENDED: 4401,
} as const;

export const MAX_MESSAGE_BYTES = 64 * 1024;

const Seq = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });

export const SubscribeMessage = Type.Object(
  { type: Type.Literal('subscribe'), documentId: Id, after: Type.Optional(Seq) },
  { additionalProperties: false },
);
export const UnsubscribeMessage = Type.Object({ type: Type.Literal('unsubscribe'), documentId: Id }, { additionalProperties: false });
export const PresenceMessage = Type.Object(
  { type: Type.Literal('presence'), documentId: Id, blockId: Type.Optional(Id) },
  { additionalProperties: false },
);
export const ClientMessage = Type.Union([SubscribeMessage, UnsubscribeMessage, PresenceMessage]);
export type ClientMessage = Static<typeof ClientMessage>;

/**
 * Notes on resuming (`subscribe` with `after`):
 * - every event after `after` that the reader may see is sent, in seq order, then live ones; the
 *   event log is never trimmed, so an old seq is served in full from the table, never with a gap;
 * - an `after` larger than the document's last seq (a state the server cannot continue, e.g.
 *   kept across a database restore) is answered first with
 *   `{type: 'error', code: 'resync_required', documentId}`, then `subscribed` with the current
 *   seq: the client discards its state, reloads it over HTTP, and applies events after that seq.
 */
export type ServerMessage =
  | { type: 'subscribed'; documentId: string; seq: number; protocol: string }
  | { type: 'event'; documentId: string; seq: number; kind: string; data: Record<string, unknown> }
  | { type: 'presence'; documentId: string; readers: PresenceReaders }
  | { type: 'error'; code: string; message: string; documentId?: string };

/** Who is reading: names only for people of the reader's own organisations, counts otherwise. */
export interface PresenceReaders {
  total: number;
  /** Readers per line (block id → count), without names. */
  byBlock: Record<string, number>;
  /** Readers who share an organisation with this reader. */
  colleagues: { name: string; blockId: string | null }[];
}

export interface EventMessage {
  type: 'event';
  documentId: string;
  seq: number;
  kind: string;
  data: Record<string, unknown>;
}

/** GET /api/documents/:id/events?after=N: the same events over HTTP. */
export const EventsQuery = Type.Object({ after: Type.Optional(QueryInt) }, { additionalProperties: false });
