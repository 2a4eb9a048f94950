/**
 * Versions are immutable, so their blocks (and their JSON) are cached per process: a 20,000-line
 * draft is read from the database and serialised once, then served from memory.
 */
import { createHash } from 'node:crypto';
import type { Block } from '../../shared/documents.ts';
import type { Db } from '../db/database.ts';
import { findBlocks } from './documents.repository.ts';

interface Entry {
  blocks: Block[];
  json: string;
  /** The JSON as UTF-8 bytes and their hash: served as is, never encoded or hashed again. */
  bytes: Buffer;
  hash: string;
  /** Block id → ordinal, built on first use (sorting threads into document order). */
  positions?: Map<string, number>;
}

const MAX_ENTRIES = 32;
const cache = new Map<string, Promise<Entry>>();

export function versionBlocks(db: Db, documentId: string, versionNumber: number): Promise<Entry> {
  const key = `${documentId}:${versionNumber}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key);
    cache.set(key, entry);
    return entry;
  }
  entry = findBlocks(db, documentId, versionNumber).then((blocks) => {
    const json = JSON.stringify(blocks);
    const bytes = Buffer.from(json);
    return { blocks, json, bytes, hash: createHash('sha1').update(bytes).digest('base64url') };
  });
  entry.catch(() => cache.delete(key));
  cache.set(key, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return entry;
}

/** Block id → ordinal of a cached version, built once per version rather than per request. */
export function blockPositions(entry: Entry): Map<string, number> {
  entry.positions ??= new Map(entry.blocks.map((b) => [b.id, b.ordinal]));
  return entry.positions;
}

/** Only a rolled-back publication needs this (its number may be reused with other blocks). */
export function forgetVersion(documentId: string, versionNumber: number): void {
  cache.delete(`${documentId}:${versionNumber}`);
}
