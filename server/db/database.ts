/**
 * The typed database, composed from each feature's table types, and the handle the app passes
 * around. `Db` is either the Kysely instance or a transaction: repository functions take it
 * first so they run inside the caller's transaction (PGlite has one connection: a query on the
 * outer instance inside a transaction would wait forever).
 */
import type { Kysely, Transaction } from 'kysely';
import type { AuthTables } from '../auth/auth.table.ts';
import type { DocumentTables } from '../documents/documents.table.ts';
import type { EventTables } from '../events/events.table.ts';
import type { MonitoringTables } from '../monitoring/monitoring.table.ts';
import type { ThreadTables } from '../threads/threads.table.ts';

export interface Database extends AuthTables, DocumentTables, ThreadTables, EventTables, MonitoringTables {}

export type Db = Kysely<Database> | Transaction<Database>;

export type DatabaseKind = 'postgres' | 'embedded';
