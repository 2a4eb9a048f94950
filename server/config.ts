/**
 * One schema for the environment → a typed, validated configuration.
 * Everything the server reads from the environment is read here and nowhere else.
 */
import path from 'node:path';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

const Env = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String()),
  DATABASE_URL: Type.Optional(Type.String()),
  DATA_DIR: Type.Optional(Type.String()),
  TASHAWUR_ADMIN_EMAILS: Type.Optional(Type.String()),
  TASHAWUR_DEMO: Type.Optional(Type.String()),
  PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  COOKIE_SECURE: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('auto')])),
  LOG_LEVEL: Type.Optional(Type.String()),
  TRUST_PROXY: Type.Optional(Type.String()),
  HANDLER_TIMEOUT_MS: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
  WRITES_PER_MINUTE: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$' })),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminEmails: Set<string>;
  /** Load the demo organisations, accounts and documents into an empty database. */
  demo: boolean;
  publicOrigin: string;
  /** Extra origins allowed for cookie-authenticated writes and WebSocket upgrades (dev server). */
  extraOrigins: string[];
  /**
   * PUBLIC_ORIGIN was not given: the platform is reached on this machine, as localhost or
   * 127.0.0.1 on the port it actually listens on (known only after listening when PORT=0).
   */
  localOrigin: boolean;
  cookieSecure: boolean;
  logLevel: string;
  trustProxy: string | boolean;
  /** Serve the built client from this folder when present. */
  clientDir: string | null;
  /**
   * On PostgreSQL, a request still unanswered after this long gets 503 + Retry-After (the
   * database froze or is swamped). Its work goes on and commits or rolls back as a whole, so a
   * retry with the same Idempotency-Key replays it. Imports and exports have their own, longer
   * deadline (server/http/deadlines.ts). 0 turns it off.
   */
  handlerTimeoutMs: number;
  /** Rate limits and caps; tests lower (or raise) them. */
  rateLimits: {
    loginPerMinute: number;
    registerPerHour: number;
    /** Thread and comment POSTs per signed-in account (per address when signed out) per minute. */
    writesPerMinute: number;
    /** Exports and reports running at once in this process, and per account (or address). */
    exportsAtOnce: number;
    exportsPerAccount: number;
  };
  /** WebSocket limits: open sockets per signed-in account, and the ping/pong period (a peer silent for two is dropped). */
  realtime: { socketsPerAccount: number; heartbeatMs: number };
}

/** What a caller (main.ts, tests, benches) may set over the environment; the limit groups may be given in part. */
export type ConfigOverrides = Partial<Omit<Config, 'rateLimits' | 'realtime'>> & { rateLimits?: Partial<Config['rateLimits']>; realtime?: Partial<Config['realtime']> };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const picked = Object.fromEntries(Object.keys(Env.properties).filter((k) => env[k] !== undefined).map((k) => [k, env[k]]));
  if (!Value.Check(Env, picked)) {
    const first = [...Value.Errors(Env, picked)][0];
    throw new Error(`Invalid environment: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim());
  }
  const e = picked as Static<typeof Env>;
  const port = Number(e.PORT ?? 3000);
  const databaseUrl = e.DATABASE_URL || null;
  const publicOrigin = e.PUBLIC_ORIGIN ?? `http://localhost:${port}`;
  const cookieSecure = e.COOKIE_SECURE === 'true' || ((e.COOKIE_SECURE ?? 'auto') === 'auto' && publicOrigin.startsWith('https:'));
  return {
    port,
    host: e.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(e.DATA_DIR ?? './data'),
    adminEmails: new Set((e.TASHAWUR_ADMIN_EMAILS ?? '').split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean)),
    // Demo accounts with printed passwords only on the embedded database, or when asked.
    demo: e.TASHAWUR_DEMO === '1' || (!databaseUrl && e.TASHAWUR_DEMO !== '0'),
    publicOrigin,
    extraOrigins: e.PUBLIC_ORIGIN === undefined ? [`http://127.0.0.1:${port}`] : [],
    localOrigin: e.PUBLIC_ORIGIN === undefined,
    cookieSecure,
    logLevel: e.LOG_LEVEL ?? 'info',
    trustProxy: e.TRUST_PROXY ? (e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY) : false,
    clientDir: path.resolve('dist/client'),
    handlerTimeoutMs: Number(e.HANDLER_TIMEOUT_MS ?? 4_000),
    ...overrides,
    rateLimits: { loginPerMinute: 10, registerPerHour: 20, writesPerMinute: Number(e.WRITES_PER_MINUTE ?? 30), exportsAtOnce: 4, exportsPerAccount: 2, ...overrides.rateLimits },
    realtime: { socketsPerAccount: 20, heartbeatMs: 30_000, ...overrides.realtime },
  };
}
