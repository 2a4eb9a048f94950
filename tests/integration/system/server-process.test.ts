/**
 * Starts the real server process the way the README says (`npm start`: no DATABASE_URL, a data
 * folder) and checks it answers health on the embedded database and loaded the demo.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

let child: ChildProcess | null = null;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tashawur-start-'));
afterAll(() => {
  child?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function waitForLine(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out; output so far:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

describe('the start command', () => {
  it('starts on the embedded database with demo accounts and answers /api/health', async () => {
    const env = { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    delete env.TASHAWUR_DEMO;
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, cwd: process.cwd() });
    const out = await waitForLine(child, /DEMO DATA[\s\S]*admin@demo/, 90_000);
    const port = Number(out.match(/running at http:\/\/localhost:(\d+)/)?.[1]);
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'embedded' });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.tashawur.example', password: 'demo-password-2026' }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.isAdmin).toBe(true);
    // The demo consultations: draft laws in Arabic (with comments) and English, and action plans.
    const docs = (await (await fetch(`http://127.0.0.1:${port}/api/documents`)).json()) as { id: string; kind: string; language: string; status: string }[];
    expect(docs.map((d) => [d.kind, d.language, d.status]).sort()).toEqual([['action_plan', 'ar', 'open'], ['action_plan', 'en', 'open'], ['law', 'ar', 'open'], ['law', 'en', 'open']]);
    const law = docs.find((d) => d.kind === 'law' && d.language === 'ar') as { id: string };
    const threads = (await (await fetch(`http://127.0.0.1:${port}/api/documents/${law.id}/threads`)).json()) as { visibility: string }[];
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(threads.every((th) => th.visibility === 'public')).toBe(true);
    // The demo action plan is under monitoring: measures and two periods with both voices.
    const plan = docs.find((d) => d.kind === 'action_plan' && d.language === 'ar') as { id: string };
    const measures = (await (await fetch(`http://127.0.0.1:${port}/api/documents/${plan.id}/measures`)).json()) as unknown[];
    expect(measures.length).toBeGreaterThanOrEqual(5);
    const periods = (await (await fetch(`http://127.0.0.1:${port}/api/documents/${plan.id}/periods`)).json()) as unknown[];
    expect(periods).toHaveLength(2);
  });
});
