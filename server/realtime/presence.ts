/**
 * Presence: who reads which line of a document, kept in memory only (never stored) and per
 * process. Each reader gets names only of people who share an organisation with them; everyone
 * else is a count. Broadcasts are throttled per document.
 */
import type { PresenceReaders } from '../../shared/realtime.ts';
import type { SocketClient } from './socket-client.ts';

const THROTTLE_MS = 300;

export class Presence {
  private readonly where = new Map<string, Map<SocketClient, string | null>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly subscribers: (documentId: string) => Iterable<SocketClient>) {}

  set(documentId: string, client: SocketClient, blockId: string | null): void {
    let readers = this.where.get(documentId);
    if (!readers) {
      readers = new Map();
      this.where.set(documentId, readers);
    }
    readers.set(client, blockId);
    this.schedule(documentId);
  }

  leave(documentId: string, client: SocketClient): void {
    const readers = this.where.get(documentId);
    if (readers?.delete(client)) {
      if (readers.size === 0) this.where.delete(documentId);
      this.schedule(documentId);
    }
  }

  /** What one viewer may know of the readers of a document. */
  viewFor(documentId: string, viewer: SocketClient): PresenceReaders {
    const readers = this.where.get(documentId) ?? new Map<SocketClient, string | null>();
    const viewerOrgs = new Set((viewer.actor?.memberships ?? []).filter((m) => m.approved).map((m) => m.organizationId));
    const byBlock: Record<string, number> = {};
    const colleagues: PresenceReaders['colleagues'] = [];
    for (const [client, blockId] of readers) {
      if (blockId) byBlock[blockId] = (byBlock[blockId] ?? 0) + 1;
      const shared = client !== viewer && client.actor?.memberships.some((m) => m.approved && viewerOrgs.has(m.organizationId));
      if (shared && client.actor) colleagues.push({ name: client.actor.name, blockId });
    }
    return { total: readers.size, byBlock, colleagues };
  }

  private schedule(documentId: string): void {
    if (this.timers.has(documentId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(documentId);
      for (const client of this.subscribers(documentId)) client.send({ type: 'presence', documentId, readers: this.viewFor(documentId, client) });
    }, THROTTLE_MS);
    timer.unref();
    this.timers.set(documentId, timer);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
