/**
 * Preloaded into benchmarked server processes (`--import`), never part of the server: answers
 * `{probe:'memory'}` on the IPC channel with process.memoryUsage() after full GCs (the process
 * runs with --expose-gc), and shuts the server down gracefully if the bench process goes away.
 */
import fs from 'node:fs';

function rssFromProc(): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

if (process.send) {
  process.on('message', async (message: { probe?: string; id?: number }) => {
    if (message?.probe !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3 && gc; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    const usage = process.memoryUsage();
    process.send?.({ probe: 'memory', id: message.id, usage: { ...usage, rss: rssFromProc() ?? usage.rss } });
  });
  // The IPC channel must not keep the server alive, and an orphaned server must stop.
  process.channel?.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
