/**
 * The GET document answer as parts for sendCachedJson (server/http/cached-json.ts): a small
 * head for this reader (the document, the version) and the version's blocks as cached bytes,
 * so a request costs one query and no serialisation of the draft.
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { loadReadableVersion } from './access.ts';
import { versionBlocks } from './block-cache.ts';
import { toDocumentDto } from './documents.service.ts';

export async function documentJsonParts(db: Db, actor: Actor | null, id: string, versionNumber?: number): Promise<{ head: string; body: Buffer; bodyHash: string }> {
  const { row, version } = await loadReadableVersion(db, actor, id, versionNumber);
  const { bytes, hash } = await versionBlocks(db, id, version.number);
  return { head: `{"document":${JSON.stringify(toDocumentDto(row, actor))},"version":${JSON.stringify(version)},"blocks":`, body: bytes, bodyHash: hash };
}
