/**
 * Writes made while the server could not be reached — new threads, replies, endorsements — each
 * with the Idempotency-Key it was first sent with, so retrying it never creates it twice. Kept in
 * sessionStorage (this tab only, gone when it closes; never localStorage) under the signed-in
 * account and the document, so a reload does not lose them and another account never sends them.
 * live-document.ts owns the retrying; this module only says what an entry is and stores the list.
 */
import type { CreateThreadBody } from '../../../shared/threads.ts';

export type OutboxEntry =
  | { kind: 'thread'; key: string; body: CreateThreadBody }
  | { kind: 'reply'; key: string; threadId: string; body: string }
  | { kind: 'endorsement'; key: string; threadId: string; organizationId: string };

const PREFIX = 'tashawur.outbox.';

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled by the browser's settings
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  if (!entry || typeof entry !== 'object' || typeof entry.key !== 'string') return false;
  if (entry.kind === 'thread') return typeof entry.body === 'object' && entry.body !== null;
  if (entry.kind === 'reply') return typeof entry.threadId === 'string' && typeof entry.body === 'string';
  return entry.kind === 'endorsement' && typeof entry.threadId === 'string' && typeof entry.organizationId === 'string';
}

const storageKey = (accountId: string, documentId: string) => `${PREFIX}${accountId}.${documentId}`;

/** The entries this account left unsent on this document in this tab. */
export function readOutbox(accountId: string, documentId: string): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(storageKey(accountId, documentId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/** Saves the list (an empty list removes the entry). */
export function writeOutbox(accountId: string, documentId: string, entries: readonly OutboxEntry[]): void {
  try {
    if (entries.length === 0) storage()?.removeItem(storageKey(accountId, documentId));
    else storage()?.setItem(storageKey(accountId, documentId), JSON.stringify(entries));
  } catch {
    /* full or disabled storage: the list still lives in memory until the page closes */
  }
}

/** Forgets every unsent write of this tab (at sign-out: they belong to the account leaving). */
export function clearOutboxes(): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, i) => store.key(i) ?? '');
  for (const key of keys) if (key.startsWith(PREFIX)) store.removeItem(key);
}
