/**
 * One hub per process. For each watched document it reads new events once per nudge
 * (coalescing bursts) and renders each batch once per audience — with the same policy as REST —
 * while the next read proceeds. A rendered batch is then sent to every caught-up subscriber in
 * one synchronous loop, in seq order. A subscriber that is behind (resuming, or whose batch was
 * not rendered for it) catches up through its own queue, from the window or the table, and
 * rejoins the live loop exactly where it stands, so there is no gap and no duplicate.
 */
import { CLOSE, PROTOCOL_VERSION, type ServerMessage } from '../../shared/realtime.ts';
import type { Db } from '../db/database.ts';
import { factsOf } from '../documents/access.ts';
import { findDocument } from '../documents/documents.repository.ts';
import { readEventsAfter } from '../events/event-log.ts';
import type { EventRenderer, StoredEvent } from '../events/event-view.ts';
import type { Actor } from '../policy/actor.ts';
import { canReadDocument, type DocumentFacts } from '../policy/documents.ts';
import { Channel, type Entry, entryOf } from './channel.ts';
import { sendPaced, sendTexts } from './fanout.ts';
import type { SocketClient } from './socket-client.ts';

const BATCH = 5000;
const REPLAY_PAGE = 1000;
const RETRY_MS = 1000;
/** Events after which the document's facts (status, visibility, invitations) may differ. */
const FACT_KINDS = new Set(['document.updated', 'version.published']);
const NOT_FOUND: ServerMessage = { type: 'error', code: 'not_found', message: 'This document does not exist or you cannot see it.' };
const RESYNC_REQUIRED: ServerMessage = { type: 'error', code: 'resync_required', message: 'The events after this point cannot be sent; reload the document, then follow it from the seq in `subscribed`.' };

/** A batch rendered for each actor among the live subscribers, with the facts it was rendered under. */
interface Rendered {
  facts: DocumentFacts;
  texts: Map<Actor | null, (string | null)[]>;
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
      // The database is away or busy: retry, as the listener may never have lost its connection.
      .catch(() => {
        setTimeout(() => this.nudge(documentId), RETRY_MS).unref();
      })
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
    if (client.closed) return;
    if (!row || !canReadDocument(client.actor, factsOf(row))) {
      client.send({ ...NOT_FOUND, documentId });
      return;
    }
    let channel = this.channels.get(documentId);
    const created = !channel;
    if (channel) channel.facts = factsOf(row);
    else {
      channel = new Channel(documentId, factsOf(row), row.last_seq);
      this.channels.set(documentId, channel);
    }
    const latest = Math.max(row.last_seq, channel.lastRead);
    // A resume point this document never reached (a database restored from a backup, a state
    // kept from elsewhere): what the client holds cannot be continued, and clamping silently
    // would leave it ignoring every event up to its seq. Tell it to reload, then serve from now.
    if (after !== undefined && after > latest) client.send({ ...RESYNC_REQUIRED, documentId });
    client.seqs.set(documentId, after === undefined ? latest : Math.min(after, latest));
    channel.clients.add(client);
    client.send({ type: 'subscribed', documentId, seq: latest, protocol: PROTOCOL_VERSION });
    if (after !== undefined && after < latest) this.catchUp(channel, client);
    // A notification that arrived while the document was being read found no channel and was
    // dropped: read once more now that the channel exists (an empty read when none was missed).
    if (created) this.nudge(documentId);
  }

  unsubscribe(client: SocketClient, documentId: string): void {
    const channel = this.channels.get(documentId);
    client.seqs.delete(documentId);
    if (!channel) return;
    channel.clients.delete(client);
    channel.replaying.delete(client);
    this.onPresenceLeave(documentId, client);
    if (channel.clients.size === 0) this.channels.delete(documentId);
  }

  drop(client: SocketClient): void {
    for (const id of [...client.seqs.keys()]) this.unsubscribe(client, id);
  }

  clientsOf(documentId: string): Set<SocketClient> {
    return this.channels.get(documentId)?.clients ?? new Set();
  }

  /** Reads one batch and queues it for sending; returns once the batch before it was sent. */
  private async pull(channel: Channel): Promise<void> {
    const rows = (await readEventsAfter(this.db, channel.documentId, channel.lastRead, BATCH)) as unknown as StoredEvent[];
    if (rows.length === 0) return;
    channel.lastRead = rows[rows.length - 1].seq;
    const entries = channel.push(rows);
    const rendered = this.render(channel, entries);
    // Awaited below, in order; a failure must not count as unhandled meanwhile.
    rendered.catch(() => {});
    const previous = channel.sending;
    channel.sending = previous.then(async () => {
      try {
        this.sendLive(channel, entries, await rendered);
      } catch {
        this.resync(channel, entries);
      }
    });
    if (rows.length === BATCH) channel.again = true;
    await previous;
  }

  private async render(channel: Channel, entries: Entry[]): Promise<Rendered> {
    if (entries.some((e) => FACT_KINDS.has(e.event.kind))) {
      const row = await findDocument(this.db, channel.documentId);
      if (row) channel.facts = factsOf(row);
    }
    const facts = channel.facts;
    const texts = new Map<Actor | null, (string | null)[]>();
    const jobs: Promise<unknown>[] = [];
    for (const client of channel.clients) {
      const actor = client.actor;
      if (channel.replaying.has(client) || texts.has(actor) || !canReadDocument(actor, facts)) continue;
      texts.set(actor, []);
      jobs.push(Promise.all(entries.map((e) => this.textFor(channel, e, actor, facts))).then((t) => texts.set(actor, t)));
    }
    await Promise.all(jobs);
    return { facts, texts };
  }

  /** The message this reader receives for an event, serialised once per audience. */
  private textFor(channel: Channel, entry: Entry, actor: Actor | null, facts: DocumentFacts): Promise<string | null> {
    return this.renderer.audience(actor, facts, entry.event).then((audience) => {
      if (audience === 'none') return null;
      const texts = channel.textsOf(entry);
      let text = texts.get(audience);
      if (!text) {
        const { event } = entry;
        text = this.renderer
          .render(this.db, actor, facts, event)
          .then((data) => (data === null ? null : JSON.stringify({ type: 'event', documentId: event.document_id, seq: event.seq, kind: event.kind, data })));
        text.catch(() => texts.delete(audience));
        texts.set(audience, text);
      }
      return text;
    });
  }

  private sendLive(channel: Channel, entries: Entry[], rendered: Rendered): void {
    const first = entries[0].event.seq;
    const last = entries[entries.length - 1].event.seq;
    channel.delivered = last;
    for (const client of channel.clients) {
      if (client.closed || channel.replaying.has(client)) continue;
      if (!canReadDocument(client.actor, rendered.facts)) {
        this.withdraw(channel, client);
        continue;
      }
      const from = client.seqs.get(channel.documentId) ?? last;
      if (from >= last) continue;
      const texts = rendered.texts.get(client.actor);
      if (!texts || texts.length !== entries.length || from < first - 1) {
        this.catchUp(channel, client);
        continue;
      }
      if (sendTexts(client, texts, from + 1 - first)) client.seqs.set(channel.documentId, last);
    }
  }

  /** Rendering failed (the database went away mid-batch): live readers resume from their seq. */
  private resync(channel: Channel, entries: Entry[]): void {
    channel.delivered = entries[entries.length - 1].event.seq;
    for (const client of channel.clients) if (!channel.replaying.has(client)) client.close(CLOSE.RESYNC, 'resync');
  }

  /** Access was withdrawn: it applies at once to open sockets too. */
  private withdraw(channel: Channel, client: SocketClient): void {
    this.unsubscribe(client, channel.documentId);
    client.send({ ...NOT_FOUND, documentId: channel.documentId });
  }

  private catchUp(channel: Channel, client: SocketClient): void {
    if (channel.replaying.has(client)) return;
    channel.replaying.add(client);
    void client.enqueue(() => this.replay(channel, client));
  }

  /** Sends this client every event after its seq up to what live readers got, then rejoins them. */
  private async replay(channel: Channel, client: SocketClient): Promise<void> {
    try {
      while (!client.closed && channel.clients.has(client)) {
        const facts = channel.facts;
        if (!canReadDocument(client.actor, facts)) return this.withdraw(channel, client);
        const from = client.seqs.get(channel.documentId) ?? channel.delivered;
        const to = channel.delivered;
        // Leaving the replaying set in the same turn as this check: no live batch falls between.
        if (from >= to) return;
        const entries = channel.slice(from, to, REPLAY_PAGE) ?? (await this.readEntries(channel.documentId, from, to));
        if (entries.length === 0) return;
        const texts = await Promise.all(entries.map((e) => this.textFor(channel, e, client.actor, facts)));
        if (!(await sendPaced(client, texts))) return;
        client.seqs.set(channel.documentId, entries[entries.length - 1].event.seq);
      }
    } finally {
      channel.replaying.delete(client);
    }
  }

  private async readEntries(documentId: string, from: number, to: number): Promise<Entry[]> {
    const rows = (await readEventsAfter(this.db, documentId, from, Math.min(REPLAY_PAGE, to - from))) as unknown as StoredEvent[];
    return rows.filter((e) => e.seq <= to).map((e) => entryOf(e, 0));
  }
}
