/**
 * The feature plugins beyond accounts, registered explicitly (no directory scanning).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import type { Db } from './db/database.ts';

export interface FeatureDeps {
  db: Db;
  config: Config;
  database: DatabaseHandle;
}

export async function registerFeatures(_api: FastifyInstance, _deps: FeatureDeps): Promise<void> {}
