/**
 * Presence across processes, never stored: each process announces its readers' changes on a
 * second NOTIFY channel, with ids only (process, document, reader, account, approved
 * organisations, block) — names are resolved by each receiving process, which applies the same
 * rule as for its own readers. Changes are sent as small batched deltas, each NOTIFY kept well
 * under PostgreSQL's 8,000-byte payload limit; every process re-announces its readers
 * periodically and drops remote readers not refreshed in time, so the readers of a process
 * that died disappear. On the embedded database (one process) its own messages are ignored.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Presence, PresenceOutlet, SharedReader } from './presence.ts';

export const PRESENCE_CHANNEL = 'tashawur_presence';
/** Payloads stay under this many bytes (PostgreSQL refuses 8,000 and more). */
export const MAX_PAYLOAD_BYTES = 7000;
const FLUSH_MS = 50;

export interface PresenceTiming {
  /** How often a process re-announces its readers. */
  refreshMs: number;
  /** A remote reader not refreshed for this long is dropped. */
  expiryMs: number;
}
export const DEFAULT_PRESENCE_TIMING: PresenceTiming = { refreshMs: 10_000, expiryMs: 35_000 };

/** One reader on the wire: [documentId, readerId, accountId, organisationIds, blockId]; a leave is [documentId, readerId]. */
type SetEntry = [string, string, string | null, string[], string | null];
type LeaveEntry = [string, string];
interface Wire {
  p: string;
  s?: SetEntry[];
  x?: LeaveEntry[];
}

/** Splits entries into payloads under MAX_PAYLOAD_BYTES. */
export function presencePayloads(processId: string, sets: SetEntry[], leaves: LeaveEntry[]): string[] {
  const payloads: string[] = [];
  let current: Wire = { p: processId };
  let size = JSON.stringify(current).length + 16;
  const push = (field: 's' | 'x', entry: SetEntry | LeaveEntry) => {
    const length = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (size + length > MAX_PAYLOAD_BYTES && (current.s || current.x)) {
      payloads.push(JSON.stringify(current));
      current = { p: processId };
      size = JSON.stringify(current).length + 16;
    }
    if (field === 's') {
      current.s = current.s ?? [];
      current.s.push(entry as SetEntry);
    } else {
      current.x = current.x ?? [];
      current.x.push(entry as LeaveEntry);
    }
    size += length;
  };
  for (const e of sets) push('s', e);
  for (const e of leaves) push('x', e);
  if (current.s || current.x) payloads.push(JSON.stringify(current));
  return payloads;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isIdOrNull = (v: unknown): v is string | null => v === null || isId(v);

export class PresenceShare implements PresenceOutlet {
  readonly processId = randomBytes(8).toString('base64url');
  private sets = new Map<string, SetEntry>();
  private leaves = new Map<string, LeaveEntry>();
  private flushing: NodeJS.Timeout | null = null;
  private refreshing: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly presence: Presence,
    private readonly timing: PresenceTiming = DEFAULT_PRESENCE_TIMING,
  ) {
    presence.outlet = this;
  }

  start(): void {
    this.refreshing = setInterval(() => {
      this.refresh();
      this.presence.expire();
    }, this.timing.refreshMs);
    this.refreshing.unref();
  }

  changed(reader: SharedReader, left: boolean): void {
    const key = `${reader.documentId} ${reader.readerId}`;
    if (left) {
      this.sets.delete(key);
      this.leaves.set(key, [reader.documentId, reader.readerId]);
    } else {
      this.leaves.delete(key);
      this.sets.set(key, [reader.documentId, reader.readerId, reader.accountId, reader.organizationIds, reader.blockId]);
    }
    this.schedule();
  }

  /** Re-announces every local reader (periodically, and after the listener reconnected). */
  refresh(): void {
    for (const reader of this.presence.localReaders()) this.changed(reader, false);
  }

  /** A payload from the channel (possibly this process's own). */
  async receive(payload: string): Promise<void> {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (!wire || typeof wire.p !== 'string' || wire.p === this.processId) return;
    const sets = (Array.isArray(wire.s) ? wire.s : []).filter((e) => Array.isArray(e) && isId(e[0]) && isId(e[1]) && isIdOrNull(e[2]) && isStrings(e[3]) && isIdOrNull(e[4]));
    const leaves = (Array.isArray(wire.x) ? wire.x : []).filter((e) => Array.isArray(e) && isId(e[0]) && isId(e[1]));
    await this.resolveNames(sets.filter((e) => e[3].length > 0).map((e) => e[2]).filter((id): id is string => id !== null));
    const expires = Date.now() + this.timing.expiryMs;
    for (const [documentId, readerId, accountId, organizationIds, blockId] of sets) {
      this.presence.setRemote(documentId, `${wire.p}:${readerId}`, { accountId, organizationIds, blockId, expires });
    }
    for (const [documentId, readerId] of leaves) this.presence.leaveRemote(documentId, `${wire.p}:${readerId}`);
  }

  /** Announces the pending changes, then stops; remote readers elsewhere leave at once. */
  async close(): Promise<void> {
    if (this.refreshing) clearInterval(this.refreshing);
    for (const reader of this.presence.localReaders()) this.changed(reader, true);
    await this.flush();
    this.closed = true;
  }

  private async resolveNames(accountIds: string[]): Promise<void> {
    const missing = [...new Set(accountIds)].filter((id) => !this.presence.names.has(id));
    if (missing.length === 0) return;
    try {
      const rows = await this.db.selectFrom('account').select(['id', 'name']).where('id', 'in', missing).execute();
      if (this.presence.names.size > 10_000) this.presence.names.clear();
      for (const row of rows) this.presence.names.set(row.id, row.name);
    } catch {
      // The database is away: those readers count, unnamed, until the next refresh.
    }
  }

  private schedule(): void {
    if (this.flushing || this.closed) return;
    this.flushing = setTimeout(() => void this.flush(), FLUSH_MS);
    this.flushing.unref();
  }

  private async flush(): Promise<void> {
    if (this.flushing) clearTimeout(this.flushing);
    this.flushing = null;
    if (this.closed) return;
    const payloads = presencePayloads(this.processId, [...this.sets.values()], [...this.leaves.values()]);
    this.sets = new Map();
    this.leaves = new Map();
    for (const payload of payloads) {
      try {
        await sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${payload})`.execute(this.db);
      } catch {
        // The database is away: the periodic refresh announces the state again.
      }
    }
  }
}
