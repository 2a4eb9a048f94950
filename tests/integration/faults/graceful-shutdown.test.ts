/**
 * SIGTERM on a server process: open sockets are told 1001 (going away) so clients reconnect
 * elsewhere, and the process exits by itself with code 0.
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

describe.skipIf(!onPostgres)('graceful shutdown', () => {
  it('closes sockets with 1001 and exits 0 on SIGTERM', async () => {
    const database = await createTestDatabase('postgres');
    closeDb = () => database.close();
    proc = await startServerProcess(database.url as string);
    const socket = await TestSocket.open(proc.wsUrl);
    const code = await proc.stop('SIGTERM');
    await waitFor(() => socket.closeCode !== null, 10_000, 'socket closed');
    expect(socket.closeCode).toBe(1001);
    expect(code).toBe(0);
  });
});
