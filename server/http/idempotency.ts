/**
 * Idempotent creating writes. The key is claimed inside the write's own transaction, so the
 * stored answer commits (or rolls back) with the write itself: a retry after a lost response
 * replays the first answer; a concurrent request with the same key waits on the key's unique
 * index and then replays; the same key with another body is refused (422). Keys are per
 * account, so they never cross users. The answer is stored before the transaction's last
 * statement (the event append, which locks the document row), never under that lock.
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

/**
 * A creating write in three parts. `answer`, when the ids are made before writing, is stored
 * with the key's claim (one statement fewer). `write` does the writes and, without `answer`,
 * returns it; it is stored before `last`. `last` runs as the transaction's final statement:
 * the event append, whose document-row lock is then held only for that statement and COMMIT.
 */
export interface IdempotentWrite<T> {
  answer?: T;
  write: (trx: Db) => Promise<T | undefined>;
  last?: (trx: Db, body: T) => Promise<void>;
}

/** Runs `work` in a transaction guarded by the key; returns the first answer on a retry. */
export function runIdempotent<T>(db: Kysely<Database>, accountId: string, idem: IdempotencyKey | null, status: number, work: (trx: Db) => Promise<T>): Promise<Answer<T>> {
  return runIdempotentWrite(db, accountId, idem, status, { write: work });
}

/** Runs a creating write (see IdempotentWrite) in one transaction guarded by the key. */
export async function runIdempotentWrite<T>(db: Kysely<Database>, accountId: string, idem: IdempotencyKey | null, status: number, plan: IdempotentWrite<T>): Promise<Answer<T>> {
  return db.transaction().execute(async (trx) => {
    if (idem) {
      const known = plan.answer !== undefined;
      const claimed = await trx
        .insertInto('idempotency_key')
        .values({ account_id: accountId, key: idem.key, request_hash: idem.hash, ...(known ? { status_code: status, response: JSON.stringify(plan.answer) } : {}) })
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
    const written = await plan.write(trx);
    const body = (plan.answer ?? written) as T;
    if (idem && plan.answer === undefined) {
      await trx.updateTable('idempotency_key').set({ status_code: status, response: JSON.stringify(body) }).where('account_id', '=', accountId).where('key', '=', idem.key).execute();
    }
    if (plan.last) await plan.last(trx, body);
    return { status, body, replayed: false };
  });
}
