/**
 * buildApp(config, database): the whole application as one Fastify instance — infrastructure
 * plugins first, then each feature's routes under /api, then the web client. main.ts and every
 * test build it the same way, so tests run exactly what production runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { CLOSE, MAX_MESSAGE_BYTES, PROTOCOL_VERSION } from '../shared/realtime.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { organizationRoutes } from './auth/organizations.routes.ts';
import { createSessions } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import { createSecurityLog } from './events/security-log.ts';
import { registerDeadlines } from './http/deadlines.ts';
import { CSP_REPORT_PATH, registerCspReporting } from './http/csp-report.routes.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerJsonBody } from './http/json-body.ts';
import { registerShutdown } from './http/shutdown.ts';
import { registerFeatures } from './features.ts';

export interface App {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  /** Origins allowed for cookie-authenticated writes and upgrades; main.ts adds the real port's. */
  allowedOrigins: Set<string>;
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  // Violations are reported (XSS-62). report-uri only: a browser that sees report-to ignores
  // report-uri and batches reports for up to a minute; every browser still sends report-uri.
  reportUri: [CSP_REPORT_PATH],
};
// The API documentation page ships its own policy (Swagger UI needs https: styles and fonts);
// it is as strict as the application's where it matters: no inline script, no plugins, no
// <base>, never framed, violations reported.
const DOCS_CSP = `default-src 'self'; base-uri 'none'; font-src 'self' https: data:; frame-ancestors 'none'; img-src 'self' data: validator.swagger.io; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' https:; form-action 'self'; upgrade-insecure-requests; report-uri ${CSP_REPORT_PATH}`;

/** Settings that are not configuration: only tests change them. */
export interface BuildOptions {
  /** Windows of the per-address sign-in and registration limits (defaults: a minute, an hour); tests shorten them to see the limits lift. */
  rateLimitWindowsMs?: { login?: number; register?: number };
}

export async function buildApp(config: Config, database: DatabaseHandle, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 1024 * 1024,
    requestTimeout: 120_000,
    connectionTimeout: 120_000,
    trustProxy: config.trustProxy,
    // Off: server/http/shutdown.ts answers 503 while closing, in the API's error shape.
    return503OnClosing: false,
    // Unique across processes and restarts, so an audit row's request id finds one log line.
    genReqId: () => `req-${randomUUID()}`,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const { db } = database;
  const sessions = createSessions(db, { secureCookie: config.cookieSecure });
  const allowedOrigins = new Set([config.publicOrigin, ...config.extraOrigins]);

  const securityLog = createSecurityLog(db);
  registerJsonBody(app);
  registerErrorHandler(app, { onDenied: securityLog.denied });
  // Before authentication (server/http/deadlines.ts); none on the embedded database.
  registerDeadlines(app, database.kind === 'postgres' ? config.handlerTimeoutMs : 0);
  registerShutdown(app);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: CSP },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  // IETF draft headers (RateLimit-Limit/-Remaining/-Reset with Retry-After), SECURITY.md RL-76.
  await app.register(rateLimit, { global: false, enableDraftSpec: true });
  // No compression on sockets: secrets and attacker-chosen text must not share a compressor.
  await app.register(websocket, {
    options: { maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false },
    // On shutdown tell every socket "going away" (1001) so clients reconnect to another process.
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(CLOSE.GOING_AWAY, 'server restarting');
      done();
    },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tashawur API', version: PROTOCOL_VERSION, description: 'Line-by-line public consultation on draft laws and action plans. See ../shared/API.md.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: sessions.cookieName } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  await registerCspReporting(app);

  registerAuthentication(app, { db, sessions, adminEmails: config.adminEmails, allowedOrigins, onRejected: securityLog.rejectedToken });
  app.addHook('onSend', async (request, reply) => {
    // Answers that depend on who asks are never stored by shared caches.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(
    async (api) => {
      api.get('/health', {
        schema: { tags: ['system'], response: { 200: Type.Object({ ok: Type.Boolean(), database: Type.String() }), 503: Type.Object({ ok: Type.Boolean(), database: Type.String() }) } },
      }, async (_request, reply) => {
        try {
          await sql`select 1`.execute(db);
          return { ok: true, database: database.kind };
        } catch {
          return reply.status(503).send({ ok: false, database: database.kind });
        }
      });
      const { realtime } = await registerFeatures(api, { db, config, database, allowedOrigins });
      await api.register(authRoutes, { db, sessions, adminEmails: config.adminEmails, rateLimits: config.rateLimits, rateLimitWindowsMs: options.rateLimitWindowsMs, onSessionsEnded: realtime.endSessions });
      await api.register(organizationRoutes, { db });
    },
    { prefix: '/api' },
  );

  serveClient(app, config.clientDir);
  return { app, config, database, allowedOrigins };
}

/** The built Solid client, with every non-API path answering index.html (client-side routes). */
function serveClient(app: FastifyInstance, clientDir: string | null): void {
  if (!clientDir || !fs.existsSync(path.join(clientDir, 'index.html'))) return;
  app.register(fastifyStatic, { root: clientDir, wildcard: false, index: false, maxAge: '1h' });
  const index = fs.readFileSync(path.join(clientDir, 'index.html'));
  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index));
  app.get('/*', (request, reply) => {
    const file = path.join(clientDir, request.url.split('?')[0]);
    if (file.startsWith(clientDir) && !request.url.startsWith('/api/') && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(clientDir, file));
    }
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: 'This resource does not exist or you cannot see it.' } });
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  });
}
