/**
 * GET /api/health reports the database's kind and whether it answers: 200 `{ok:true}` while it
 * does, 503 `{ok:false}` (same shape, same kind) while it does not, so a load balancer takes the
 * process out of rotation and puts it back without a restart. Run against a throwaway
 * PostgreSQL stopped by the test, and against a pool pointed at a port nobody listens on — never
 * the shared server.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../server/db/connect.ts';
import type { LiveApp } from '../../helpers/live.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { startAppOnThrowawayPg, type ThrowawayPg, throwawayPgAvailable } from '../../helpers/throwaway-pg.ts';

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('health with no database to reach', () => {
  let t: TestApp;
  beforeAll(async () => {
    const database = await openPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/tashawur`, 2);
    t = await createTestApp({ database });
  });
  afterAll(() => t?.close());

  it('answers 503 {ok:false, database:"postgres"} quickly, with no error detail', async () => {
    const started = Date.now();
    const res = await t.call('GET', '/api/health');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ok: false, database: 'postgres' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

const available = throwawayPgAvailable();
if (!available && process.env.CI === 'true') throw new Error('CI requires the PostgreSQL binaries and root to run the health outage test');

describe.skipIf(!available)('health while PostgreSQL goes away and comes back', () => {
  let server: ThrowawayPg;
  let app: LiveApp;
  let destroy: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startAppOnThrowawayPg();
    ({ server, app, destroy } = started);
  }, 120_000);
  afterAll(() => destroy?.());

  it('answers 200, then 503 while its PostgreSQL is stopped, then 200 again without a restart', async () => {
    expect((await app.call('GET', '/api/health')).json()).toEqual({ ok: true, database: 'postgres' });
    server.stop('immediate');
    const down = await app.call('GET', '/api/health');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ ok: false, database: 'postgres' });
    server.start();
    // The pool drops the broken connections and opens new ones on the next query.
    let up = await app.call('GET', '/api/health');
    for (let i = 0; i < 50 && up.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      up = await app.call('GET', '/api/health');
    }
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ ok: true, database: 'postgres' });
  });
});
