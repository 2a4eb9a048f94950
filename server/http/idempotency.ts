/**
 * Idempotent creating writes. The key is claimed inside the write's own transaction, so the
 * stored answer commits (or rolls back) with the write itself: a retry after a lost response
 * replays the first answer; a concurrent request with the same key waits on the key's unique
 * index and then replays; the same key with another body is refused (422). Keys are per
 * account, so they never cross users.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db, Database } from '../db/database.ts';
import { AppError } from './errors.ts';
import type { Kysely } from 'kysely';

export interface IdempotencyKey {
  key: string;
  hash: string;
}

const KEY = /^[\x21-\x7E]{1,200}$/;

/** The request's key (if any) with a hash of what it asks for. */
export function idempotencyOf(request: FastifyRequest): IdempotencyKey | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY.test(key)) throw new AppError('invalid_input', 400, 'The Idempotency-Key header must be 1–200 visible ASCII characters.');
  const hash = createHash('sha256').update(`${request.method} ${request.url.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
  return { key, hash };
}

export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Runs `work` in a transaction guarded by the key; returns the first answer on a retry. */
export async function runIdempotent<T>(db: Kysely<Database>, accountId: string, idem: IdempotencyKey | null, status: number, work: (trx: Db) => Promise<T>): Promise<Answer<T>> {
  return db.transaction().execute(async (trx) => {
    if (idem) {
      const claimed = await trx
        .insertInto('idempotency_key')
        .values({ account_id: accountId, key: idem.key, request_hash: idem.hash })
        .onConflict((oc) => oc.columns(['account_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        const prior = await trx.selectFrom('idempotency_key').selectAll().where('account_id', '=', accountId).where('key', '=', idem.key).executeTakeFirstOrThrow();
        if (prior.request_hash !== idem.hash) throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different request; use a new key.');
        if (prior.status_code === null) throw new AppError('idempotency_key_in_use', 409, 'A request with this Idempotency-Key is still being processed; retry shortly.');
        return { status: prior.status_code, body: prior.response as T, replayed: true };
      }
    }
    const body = await work(trx);
    if (idem) {
      await trx.updateTable('idempotency_key').set({ status_code: status, response: JSON.stringify(body) }).where('account_id', '=', accountId).where('key', '=', idem.key).execute();
    }
    return { status, body, replayed: false };
  });
}
