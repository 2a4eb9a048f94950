/**
 * SECURITY.md FR-109 "graceful shutdown" on a real server process: on SIGTERM open sockets are
 * told 1001 (going away) so clients reconnect elsewhere, and the process exits by itself with
 * code 0, i.e. before its 15 s deadline (the deadline exits with 1). The in-process half (new
 * requests answered 503 while closing, the in-flight POST completing, the listener closed) is in
 * tests/integration/security/catalogue-fault.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TestSocket, waitFor } from '../../helpers/live.ts';
import { type ServerProcess, startServerProcess } from '../../helpers/processes.ts';
import { createTestDatabase, defaultDriver } from '../../helpers/test-database.ts';

const onPostgres = defaultDriver() === 'postgres';
let proc: ServerProcess | null = null;
let closeDb: (() => Promise<void>) | null = null;
afterAll(async () => {
  await proc?.stop('SIGKILL');
  await closeDb?.();
});

describe.skipIf(!onPostgres)('FR-109 graceful shutdown', () => {
  it('FR-109 closes sockets with 1001 and exits 0, before its deadline, on SIGTERM', async () => {
    const database = await createTestDatabase('postgres');
    closeDb = () => database.close();
    proc = await startServerProcess(database.url as string);
    const socket = await TestSocket.open(proc.wsUrl);
    const started = Date.now();
    const code = await proc.stop('SIGTERM');
    expect(Date.now() - started).toBeLessThan(15_000);
    await waitFor(() => socket.closeCode !== null, 10_000, 'socket closed');
    expect(socket.closeCode).toBe(1001);
    expect(code).toBe(0);
  });
});
