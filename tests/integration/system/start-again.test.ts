/**
 * The start command on a database that already has people in it, with PUBLIC_ORIGIN unset and
 * PORT=0 (the README's defaults): the demo's admin address cannot be taken by a stranger, and a
 * browser on this machine may write whether it calls the platform localhost or 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tashawur-start-again-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(demo: '0' | undefined): Promise<{ base: string; port: number; stop(): Promise<void> }> {
  const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  delete env.PUBLIC_ORIGIN;
  delete env.TASHAWUR_ADMIN_EMAILS;
  delete env.TASHAWUR_DEMO;
  if (demo) env.TASHAWUR_DEMO = demo;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, cwd: process.cwd() });
  children.push(child);
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 90_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/running at http:\/\/localhost:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function post(base: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('starting again on a database that has accounts', () => {
  it('never makes a stranger admin through the demo address, and accepts writes from localhost and 127.0.0.1 on the real port', async () => {
    // First start without the demo: a person registers.
    const first = await start('0');
    const someone = await post(first.base, '/api/auth/register', { email: 'someone@example.org', password: 'a long enough password', name: 'Some One' });
    expect(someone.status).toBe(201);
    const stolen = await post(first.base, '/api/auth/register', { email: 'admin@demo.tashawur.example', password: 'a long enough password', name: 'Not The Admin' });
    expect(stolen.status).toBe(400);
    expect((await stolen.json()).error.message).toMatch(/reserved for the demo/);
    await first.stop();

    // Second start with the demo switched on (the default on the embedded database): the
    // database is not empty, so no demo is loaded, and the demo's admin address stays unusable.
    const second = await start(undefined);
    const again = await post(second.base, '/api/auth/register', { email: 'Admin@Demo.Tashawur.Example', password: 'a long enough password', name: 'Not The Admin' });
    expect(again.status).toBe(400);
    const demoLogin = await post(second.base, '/api/auth/login', { email: 'admin@demo.tashawur.example', password: 'demo-password-2026' });
    expect(demoLogin.status).toBe(401);

    // With PORT=0 and no PUBLIC_ORIGIN, a browser's Origin carries the real port, under either name.
    const wrong = { email: 'someone@example.org', password: 'not the password at all' };
    for (const origin of [`http://localhost:${second.port}`, `http://127.0.0.1:${second.port}`]) {
      const res = await post(second.base, '/api/auth/login', wrong, { origin });
      expect(res.status, origin).toBe(401);
    }
    const foreign = await post(second.base, '/api/auth/login', wrong, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const login = await post(second.base, '/api/auth/login', { email: 'someone@example.org', password: 'a long enough password' }, { origin: `http://127.0.0.1:${second.port}` });
    expect(login.status).toBe(200);
    expect((await login.json()).user.isAdmin).toBe(false);
    await second.stop();
  });
});
