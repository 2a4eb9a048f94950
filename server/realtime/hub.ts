/**
 * One hub per process. For each watched document it reads new events once per nudge
 * (coalescing bursts), keeps a short window of recent events, and delivers to each subscriber
 * what the policy lets it see — rendered and serialised once per audience, not per socket.
 * A subscriber resuming from an older seq is served from the window or from the table.
 */
import type { ServerMessage } from '../../shared/realtime.ts';
import { PROTOCOL_VERSION } from '../../shared/realtime.ts';
import type { Db } from '../db/database.ts';
import { factsOf } from '../documents/access.ts';
import { findDocument } from '../documents/documents.repository.ts';
import { readEventsAfter } from '../events/event-log.ts';
import type { EventRenderer, StoredEvent } from '../events/event-view.ts';
import { canReadDocument, type DocumentFacts } from '../policy/documents.ts';
import type { SocketClient } from './socket-client.ts';

const WINDOW = 2000;
const NOT_FOUND: ServerMessage = { type: 'error', code: 'not_found', message: 'This document does not exist or you cannot see it.' };

class Channel {
  lastRead = 0;
  recent: StoredEvent[] = [];
  readonly clients = new Set<SocketClient>();
  facts: DocumentFacts | null = null;
  reading: Promise<void> | null = null;
  again = false;
  /** seq → audience → serialised message (or null: not for them). */
  readonly rendered = new Map<number, Map<string, Promise<string | null>>>();
  constructor(readonly documentId: string) {}
}

export class Hub {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly db: Db,
    private readonly renderer: EventRenderer,
    private readonly onPresenceLeave: (documentId: string, client: SocketClient) => void = () => {},
  ) {}

  get watchedDocuments(): string[] {
    return [...this.channels.keys()];
  }

  /** A notification: new events exist in this document (or maybe: after a reconnect). */
  nudge(documentId: string): void {
    const channel = this.channels.get(documentId);
    if (!channel) return;
    if (channel.reading) {
      channel.again = true;
      return;
    }
    channel.reading = this.pull(channel)
      // The database is away: the listener's reconnection re-reads every channel (nudgeAll).
      .catch(() => {})
      .finally(() => {
        channel.reading = null;
        if (channel.again) {
          channel.again = false;
          this.nudge(documentId);
        }
      });
  }

  /** After the listener reconnected: notifications sent meanwhile are gone, so re-read all. */
  nudgeAll(): void {
    for (const id of this.channels.keys()) this.nudge(id);
  }

  async subscribe(client: SocketClient, documentId: string, after: number | undefined): Promise<void> {
    const row = await findDocument(this.db, documentId);
    if (!row || !canReadDocument(client.actor, factsOf(row))) {
      client.send({ ...NOT_FOUND, documentId });
      return;
    }
    let channel = this.channels.get(documentId);
    if (!channel) {
      channel = new Channel(documentId);
      channel.lastRead = row.last_seq;
      this.channels.set(documentId, channel);
    }
    channel.facts = factsOf(row);
    const latest = Math.max(row.last_seq, channel.lastRead);
    client.seqs.set(documentId, after === undefined ? latest : Math.min(after, latest));
    channel.clients.add(client);
    client.send({ type: 'subscribed', documentId, seq: latest, protocol: PROTOCOL_VERSION });
    if (after !== undefined && after < latest) await client.enqueue(() => this.deliver(channel as Channel, client));
  }

  unsubscribe(client: SocketClient, documentId: string): void {
    const channel = this.channels.get(documentId);
    client.seqs.delete(documentId);
    if (!channel) return;
    channel.clients.delete(client);
    this.onPresenceLeave(documentId, client);
    if (channel.clients.size === 0) this.channels.delete(documentId);
  }

  drop(client: SocketClient): void {
    for (const id of [...client.seqs.keys()]) this.unsubscribe(client, id);
  }

  clientsOf(documentId: string): Set<SocketClient> {
    return this.channels.get(documentId)?.clients ?? new Set();
  }

  private async pull(channel: Channel): Promise<void> {
    const rows = (await readEventsAfter(this.db, channel.documentId, channel.lastRead, 5000)) as unknown as StoredEvent[];
    if (rows.length === 0) return;
    const row = await findDocument(this.db, channel.documentId);
    if (row) channel.facts = factsOf(row);
    channel.recent.push(...rows);
    if (channel.recent.length > WINDOW) channel.recent.splice(0, channel.recent.length - WINDOW);
    channel.lastRead = rows[rows.length - 1].seq;
    for (const seq of [...channel.rendered.keys()]) if (seq <= channel.lastRead - WINDOW) channel.rendered.delete(seq);
    await Promise.all([...channel.clients].map((client) => client.enqueue(() => this.deliver(channel, client))));
    if (rows.length === 5000) this.nudge(channel.documentId);
  }

  /** Sends this client every event after its seq, in order, each as that reader may see it. */
  private async deliver(channel: Channel, client: SocketClient): Promise<void> {
    const facts = channel.facts;
    if (client.closed || !facts || !channel.clients.has(client)) return;
    if (!canReadDocument(client.actor, facts)) {
      // Access was withdrawn: it applies at once to open sockets too.
      this.unsubscribe(client, channel.documentId);
      client.send({ ...NOT_FOUND, documentId: channel.documentId });
      return;
    }
    let from = client.seqs.get(channel.documentId) ?? channel.lastRead;
    while (from < channel.lastRead && !client.closed) {
      const inWindow = channel.recent.length > 0 && channel.recent[0].seq <= from + 1;
      const events = inWindow
        ? channel.recent.filter((e) => e.seq > from).slice(0, 1000)
        : ((await readEventsAfter(this.db, channel.documentId, from, 1000)) as unknown as StoredEvent[]);
      if (events.length === 0) break;
      for (const event of events) {
        const text = await this.renderFor(channel, facts, client, event);
        if (text !== null && !client.sendRaw(text)) return;
        from = event.seq;
        client.seqs.set(channel.documentId, from);
      }
    }
  }

  private async renderFor(channel: Channel, facts: DocumentFacts, client: SocketClient, event: StoredEvent): Promise<string | null> {
    const audience = await this.renderer.audience(client.actor, facts, event);
    if (audience === 'none') return null;
    let byAudience = channel.rendered.get(event.seq);
    if (!byAudience) {
      byAudience = new Map();
      channel.rendered.set(event.seq, byAudience);
    }
    let text = byAudience.get(audience);
    if (!text) {
      text = this.renderer
        .render(this.db, client.actor, facts, event)
        .then((data) => (data === null ? null : JSON.stringify({ type: 'event', documentId: event.document_id, seq: event.seq, kind: event.kind, data })));
      byAudience.set(audience, text);
    }
    return text;
  }
}
