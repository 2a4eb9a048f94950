/**
 * The feature plugins beyond accounts, registered explicitly (no directory scanning), and the
 * wiring between them that keeps dependencies one way: features hand their event renderer to
 * the real-time hub; the hub never imports a feature.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import type { Db } from './db/database.ts';
import { documentRoutes } from './documents/documents.routes.ts';
import { eventRoutes } from './events/events.routes.ts';
import { createConcurrencyCap } from './http/concurrency-cap.ts';
import { createWriteLimit } from './http/write-limit.ts';
import { monitoringRoutes } from './monitoring/monitoring.routes.ts';
import { registerRealtime } from './realtime/realtime.ts';
import { createThreadEventRenderer } from './threads/event-renderer.ts';
import { threadRoutes } from './threads/threads.routes.ts';

export interface FeatureDeps {
  db: Db;
  config: Config;
  database: DatabaseHandle;
  allowedOrigins: ReadonlySet<string>;
}

export async function registerFeatures(api: FastifyInstance, deps: FeatureDeps) {
  const renderer = createThreadEventRenderer(deps.db);
  const { rateLimits } = deps.config;
  // One cap shared by every export and report route, one write counter per account (SECURITY.md RL-76, RL-80).
  const expensive = createConcurrencyCap({ total: rateLimits.exportsAtOnce, perKey: rateLimits.exportsPerAccount });
  const writeLimit = createWriteLimit(api, rateLimits.writesPerMinute);
  await api.register(documentRoutes, { db: deps.db, expensive });
  await api.register(threadRoutes, { db: deps.database.db, writeLimit, expensive });
  await api.register(monitoringRoutes, { db: deps.database.db, expensive });
  await api.register(eventRoutes, { db: deps.db, renderer });
  const realtime = await registerRealtime(api, { database: deps.database, renderer, allowedOrigins: deps.allowedOrigins, limits: deps.config.realtime });
  return { realtime };
}
