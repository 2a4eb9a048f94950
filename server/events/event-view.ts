/**
 * What a reader receives for one stored event. The event log stores ids; renderers (given by
 * the features at start-up, so the log and the hub never import a feature) turn an event into
 * the data this reader may see, or null when they may not see it at all. The same rendering
 * serves the WebSocket (live and replay) and GET /events.
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import type { DocumentFacts } from '../policy/documents.ts';

export interface StoredEvent {
  document_id: string;
  seq: number;
  kind: string;
  payload: Record<string, unknown>;
  actor_id: string | null;
}

export interface EventRenderer {
  /**
   * A key equal for every reader who would receive the same bytes for this event, so the hub
   * renders and serialises once per audience, not once per socket.
   */
  audience(actor: Actor | null, doc: DocumentFacts, event: StoredEvent): Promise<string>;
  render(db: Db, actor: Actor | null, doc: DocumentFacts, event: StoredEvent): Promise<Record<string, unknown> | null>;
}
