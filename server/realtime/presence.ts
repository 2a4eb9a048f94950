/**
 * Presence: who reads which line of a document, kept in memory only (never stored). Readers on
 * this process are its sockets; readers on other processes arrive through presence-share.ts
 * (ids only, refreshed, expiring). Each reader gets names only of people who share an
 * organisation with them; everyone else is a count. Broadcasts are throttled per document.
 */
import { randomBytes } from 'node:crypto';
import type { PresenceReaders } from '../../shared/realtime.ts';
import type { SocketClient } from './socket-client.ts';

const THROTTLE_MS = 300;

/** A reader on this process, as announced to the others: ids only. */
export interface SharedReader {
  documentId: string;
  /** Unique per socket and document, across processes (with the process id). */
  readerId: string;
  accountId: string | null;
  /** The reader's approved organisations. */
  organizationIds: string[];
  blockId: string | null;
}

/** A reader on another process; dropped when not refreshed before `expires`. */
export interface RemoteReader {
  accountId: string | null;
  organizationIds: string[];
  blockId: string | null;
  expires: number;
}

export interface PresenceOutlet {
  /** A local reader moved (or arrived): `blockId` set; or left: `left` true. */
  changed(reader: SharedReader, left: boolean): void;
}

function approvedOrganizations(client: SocketClient): string[] {
  return (client.actor?.memberships ?? []).filter((m) => m.approved).map((m) => m.organizationId);
}

export class Presence {
  private readonly where = new Map<string, Map<SocketClient, string | null>>();
  /** documentId → `${process}:${reader}` → reader on another process. */
  private readonly remote = new Map<string, Map<string, RemoteReader>>();
  private readonly readerIds = new WeakMap<SocketClient, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Names of remote readers' accounts, resolved on this process. */
  readonly names = new Map<string, string>();
  outlet: PresenceOutlet | null = null;

  constructor(private readonly subscribers: (documentId: string) => Iterable<SocketClient>) {}

  set(documentId: string, client: SocketClient, blockId: string | null): void {
    let readers = this.where.get(documentId);
    if (!readers) {
      readers = new Map();
      this.where.set(documentId, readers);
    }
    readers.set(client, blockId);
    this.outlet?.changed(this.shared(documentId, client, blockId), false);
    this.schedule(documentId);
  }

  leave(documentId: string, client: SocketClient): void {
    const readers = this.where.get(documentId);
    if (readers?.delete(client)) {
      if (readers.size === 0) this.where.delete(documentId);
      this.outlet?.changed(this.shared(documentId, client, null), true);
      this.schedule(documentId);
    }
  }

  /** Every local reader, for the periodic refresh. */
  localReaders(): SharedReader[] {
    const all: SharedReader[] = [];
    for (const [documentId, readers] of this.where) for (const [client, blockId] of readers) all.push(this.shared(documentId, client, blockId));
    return all;
  }

  /** A reader on another process arrived, moved or was refreshed. */
  setRemote(documentId: string, key: string, reader: RemoteReader): void {
    let readers = this.remote.get(documentId);
    if (!readers) {
      readers = new Map();
      this.remote.set(documentId, readers);
    }
    const before = readers.get(key);
    readers.set(key, reader);
    if (!before || before.blockId !== reader.blockId) this.schedule(documentId);
  }

  leaveRemote(documentId: string, key: string): void {
    const readers = this.remote.get(documentId);
    if (readers?.delete(key)) {
      if (readers.size === 0) this.remote.delete(documentId);
      this.schedule(documentId);
    }
  }

  /** Drops remote readers not refreshed in time (their process stopped or lost its database). */
  expire(now = Date.now()): void {
    for (const [documentId, readers] of this.remote) {
      for (const [key, reader] of readers) if (reader.expires <= now) this.leaveRemote(documentId, key);
    }
  }

  /** What one viewer may know of the readers of a document. */
  viewFor(documentId: string, viewer: SocketClient): PresenceReaders {
    const readers = this.where.get(documentId) ?? new Map<SocketClient, string | null>();
    const remote = this.remote.get(documentId) ?? new Map<string, RemoteReader>();
    const viewerOrgs = new Set(approvedOrganizations(viewer));
    const byBlock: Record<string, number> = {};
    const colleagues: PresenceReaders['colleagues'] = [];
    for (const [client, blockId] of readers) {
      if (blockId) byBlock[blockId] = (byBlock[blockId] ?? 0) + 1;
      const shared = client !== viewer && client.actor?.memberships.some((m) => m.approved && viewerOrgs.has(m.organizationId));
      if (shared && client.actor) colleagues.push({ name: client.actor.name, blockId });
    }
    for (const reader of remote.values()) {
      if (reader.blockId) byBlock[reader.blockId] = (byBlock[reader.blockId] ?? 0) + 1;
      const name = reader.accountId ? this.names.get(reader.accountId) : undefined;
      if (name && reader.organizationIds.some((id) => viewerOrgs.has(id))) colleagues.push({ name, blockId: reader.blockId });
    }
    return { total: readers.size + remote.size, byBlock, colleagues };
  }

  private shared(documentId: string, client: SocketClient, blockId: string | null): SharedReader {
    let readerId = this.readerIds.get(client);
    if (!readerId) {
      readerId = randomBytes(6).toString('base64url');
      this.readerIds.set(client, readerId);
    }
    return { documentId, readerId, accountId: client.actor?.accountId ?? null, organizationIds: approvedOrganizations(client), blockId };
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
