/**
 * `npm run bench:load`: a soak run, bounded in time and count. Two server processes, 1,000
 * subscribed sockets (another process), 20 writers posting comments for LOAD_SECONDS (default
 * 60) or until LOAD_MAX_EVENTS, then a bounded drain. Checks the delivery invariant — every
 * event reached every socket exactly once and in order (sockets cut by the server reconnect and
 * resume from their last seq, as the client does) — and exits non-zero when it fails.
 *
 * Environment: LOAD_SECONDS (60), LOAD_MAX_EVENTS (20000), LOAD_VIEWERS (1000), LOAD_WRITERS (20).
 */
import { cleanupAll } from './lib/cleanup.ts';
import { createBenchDatabase } from './lib/database.ts';
import { createDraft } from './lib/documents.ts';
import { draftText } from './lib/drafts.ts';
import { rssOf, startServer } from './lib/server-process.ts';
import { fmtBytes, fmtMs, fmtNum, now, percentile, sleep, waitUntil } from './lib/stats.ts';
import { startSwarm } from './lib/swarm.ts';
import { createWorld } from './lib/world.ts';
import { commentPublisher } from './realtime.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const MAX_EVENTS = Number(process.env.LOAD_MAX_EVENTS ?? 20_000);
const VIEWERS = Number(process.env.LOAD_VIEWERS ?? 1000);
const WRITERS = Number(process.env.LOAD_WRITERS ?? 20);
const DRAIN_MS = 60_000;

async function main(): Promise<boolean> {
  const database = await createBenchDatabase();
  const servers = await Promise.all([startServer(database.url), startServer(database.url)]);
  const world = await createWorld(servers[0].base);
  const draft = await createDraft(servers[0].base, world, { format: 'text', content: draftText(5000, 41) }, 'Soak run');
  const swarm = await startSwarm();
  const opened = await swarm.open(
    servers.map((s) => s.wsUrl),
    VIEWERS,
    draft.id,
  );
  if (opened.failed) throw new Error(`${opened.failed} of ${VIEWERS} sockets could not subscribe`);
  const memoryBefore = await Promise.all(servers.map((s) => s.memory()));
  const pub = commentPublisher(database, servers, world, draft.id, draft.blocks, WRITERS);
  const base = (await pub.lastSeq()) + 1;
  await swarm.reset(base);
  console.log(`soak: ${fmtNum(VIEWERS)} sockets on 2 processes, ${WRITERS} writers for ${SECONDS} s (at most ${fmtNum(MAX_EVENTS)} comments)…`);

  const peak = servers.map((s) => rssOf(s.pid));
  const sampler = setInterval(() => {
    servers.forEach((s, i) => {
      peak[i] = Math.max(peak[i], rssOf(s.pid));
    });
  }, 1000);
  const starts = new Map<string | number, number>();
  const t0 = now();
  let published = 0;
  let errors = 0;
  const progress = setInterval(() => console.log(`  ${((now() - t0) / 1000).toFixed(0)} s: ${fmtNum(published)} comments posted`), 10_000);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      while (now() - t0 < SECONDS * 1000 && published < MAX_EVENTS) {
        const i = published++;
        const start = now();
        try {
          starts.set(await pub.publish(w, i), start);
        } catch (e) {
          errors++;
          if (errors <= 5) console.error(`  write failed: ${(e as Error).message.slice(0, 200)}`);
          await sleep(200);
        }
      }
    }),
  );
  clearInterval(progress);
  const writeSeconds = (now() - t0) / 1000;
  const last = await pub.lastSeq();
  const drained = await waitUntil(
    () => swarm.complete(base, last),
    (v) => v.done >= last - base + 1,
    DRAIN_MS,
    100,
  );
  clearInterval(sampler);
  const report = await swarm.report(base, last, true);
  const threadOf = new Map(report.threads);
  const latencies: number[] = [];
  for (const [seq, n, , lastAt] of report.seqs) {
    const start = starts.get(threadOf.get(seq) as string);
    if (n >= report.viewers && start !== undefined) latencies.push(lastAt - start);
  }
  const memoryAfter = await Promise.all(servers.map((s) => s.memory()));
  const events = last - base + 1;
  const ok = report.lost === 0 && report.duplicates === 0 && report.outOfOrder === 0 && errors === 0 && !drained.timedOut;

  console.log(`
events written        ${fmtNum(events)} in ${writeSeconds.toFixed(1)} s (${fmtNum(events / writeSeconds, 1)}/s), ${errors} failed writes, ${pub.retries} retried after 503
deliveries            ${fmtNum(drained.value.deliveries)} of ${fmtNum(events * report.viewers)} expected (${fmtNum(report.viewers)} sockets)${drained.timedOut ? ` — drain timed out after ${DRAIN_MS / 1000} s` : ''}
lost                  ${fmtNum(report.lost)}
duplicated            ${fmtNum(report.duplicates)}
out of order          ${fmtNum(report.outOfOrder)}
reconnects (resumed)  ${fmtNum(report.reconnects)}; close codes ${JSON.stringify(report.closes)}
latency POST → last   p50 ${fmtMs(percentile(latencies, 50))}, p99 ${fmtMs(percentile(latencies, 99))} (${fmtNum(latencies.length)} events)
server memory         ${servers.map((_, i) => `process ${i + 1}: heap ${fmtBytes(memoryBefore[i].heapUsed)} → ${fmtBytes(memoryAfter[i].heapUsed)}, RSS ${fmtBytes(memoryBefore[i].rss)} → ${fmtBytes(memoryAfter[i].rss)} (peak ${fmtBytes(peak[i])})`).join('; ')}
invariant             ${ok ? 'HOLDS' : 'FAILED'}`);
  return ok;
}

main()
  .then((ok) => {
    process.exitCode = ok ? 0 : 1;
  })
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll());
