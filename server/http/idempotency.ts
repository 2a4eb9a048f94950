/**
 * Idempotent creating writes. The key is claimed inside the write's own transaction, so the
 * stored answer commits (or rolls back) with the write itself: a retry after a lost response
 * replays the first answer (status and body); the same key with another body is refused (422).
 * While a request holds a key, a concurrent duplicate is refused at once with 409 and
 * Retry-After, never made to wait: the claim first tries a transaction-level advisory lock on
 * (account, key), held until commit or rollback, so a second request sees either the lock
 * (still running: 409) or the committed answer (replay). On the embedded database (one
 * connection, transactions one after another) the duplicate simply replays. Keys are per
 * account, so they never cross users. The answer is stored before the transaction's last
 * statement (the event append, which locks the document row), never under that lock.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import { AppError } from './errors.ts';

export interface IdempotencyKey {
  key: string;
  hash: string;
}

const KEY = /^[\x21-\x7E]{1,200}$/;
/** Seconds a client is asked to wait before retrying a key that is still in use. */
export const IN_USE_RETRY_AFTER_SECONDS = 1;

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
      const prior = await claim(trx, accountId, idem, plan.answer === undefined ? null : { status, body: plan.answer });
      if (prior) return { ...prior, replayed: true } as Answer<T>;
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

/**
 * Claims the key in one statement: the advisory lock on (account, key), then the row (with the
 * answer when it is known already). Returns the stored answer when the key was used before;
 * throws 409 while another transaction holds it, 422 when it was used for another request.
 */
async function claim(trx: Db, accountId: string, idem: IdempotencyKey, answer: { status: number; body: unknown } | null): Promise<{ status: number; body: unknown } | null> {
  const response = answer ? JSON.stringify(answer.body) : null;
  const { rows } = await sql<{ held: boolean; claimed: string | null }>`
    WITH l AS (SELECT pg_try_advisory_xact_lock(hashtext(${accountId}), hashtext(${idem.key})) AS held),
    c AS (INSERT INTO idempotency_key (account_id, key, request_hash, status_code, response)
      SELECT ${accountId}, ${idem.key}, ${idem.hash}, ${answer?.status ?? null}::int, ${response}::jsonb FROM l WHERE l.held
      ON CONFLICT (account_id, key) DO NOTHING RETURNING key)
    SELECT l.held, (SELECT key FROM c) AS claimed FROM l`.execute(trx);
  const { held, claimed } = rows[0];
  if (!held) {
    throw new AppError('idempotency_key_in_use', 409, 'A request with this Idempotency-Key is still being processed; retry in a moment with the same key to get its answer.', {
      'retry-after': String(IN_USE_RETRY_AFTER_SECONDS),
    });
  }
  if (claimed !== null) return null;
  // The lock is ours, so whoever stored this row has committed: its answer is final.
  const prior = await trx.selectFrom('idempotency_key').selectAll().where('account_id', '=', accountId).where('key', '=', idem.key).executeTakeFirstOrThrow();
  if (prior.request_hash !== idem.hash) throw new AppError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different request; use a new key.');
  return { status: prior.status_code as number, body: prior.response };
}
