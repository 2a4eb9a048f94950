/**
 * `npm run bench`: every benchmark against its raw baseline measured in the same run, on the
 * local PostgreSQL (a fresh tashawur_bench_* database) and loopback only; prints the table and
 * writes BENCHMARKS.md. Each section has a time budget; a failing section is reported, not fatal.
 * Everything started is stopped and the database dropped, even on failure or Ctrl-C.
 *
 * BENCH_ONLY=import,get,reanchor,realtime,memory,growth,prototypes,client runs a subset (for
 * development; the table then goes to a scratch file, not BENCHMARKS.md).
 */
import fs from 'node:fs';
import { benchClient } from './client-tti.ts';
import { benchGetDocument } from './get-document.ts';
import { benchGrowth } from './growth.ts';
import { benchImport } from './import.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { createBenchDatabase, dropOrphanDatabases } from './lib/database.ts';
import { createDraft } from './lib/documents.ts';
import { draftText } from './lib/drafts.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { OUT_DIR, outPath } from './lib/paths.ts';
import { consoleTable, markdownTable, type Section } from './lib/report.ts';
import { seedThreads } from './lib/seed.ts';
import { startServer } from './lib/server-process.ts';
import { createWorld } from './lib/world.ts';
import { annotate } from './notes.ts';
import { benchPrototypes } from './prototypes/index.ts';
import { benchRealtime } from './realtime.ts';
import { benchReanchor } from './reanchor.ts';
import { benchSocketMemory } from './socket-memory.ts';

const LINES = 20_000;
const THREADS = 2_000;
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter(Boolean));
const wanted = (name: string) => only.size === 0 || only.has(name);

function withBudget<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${name} exceeded its ${ms / 1000} s budget`)), ms).unref())]);
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = await describeMachine();
  const orphans = await dropOrphanDatabases();
  if (orphans.length) console.log(`dropped databases left by killed bench runs: ${orphans.join(', ')}`);
  const sections: Section[] = [];
  const run = async (name: string, budgetMs: number, work: () => Promise<Section>) => {
    if (!wanted(name)) return;
    const t = performance.now();
    console.log(`\n▶ ${name}…`);
    try {
      const section = await withBudget(work(), budgetMs, name);
      section.seconds = (performance.now() - t) / 1000;
      sections.push(section);
      console.log(consoleTable(section.rows));
    } catch (e) {
      console.error(`✗ ${name}: ${(e as Error).stack ?? e}`);
      sections.push({
        title: name,
        rows: [{ figure: name, ours: 'error', baseline: '–', ratio: '–', target: '–', pass: false, note: `the benchmark failed: ${(e as Error).message.split('\n')[0]}` }],
        seconds: (performance.now() - t) / 1000,
      });
    }
  };

  const database = await createBenchDatabase();
  const servers = await Promise.all([startServer(database.url), startServer(database.url)]);
  const world = await createWorld(servers[0].base);
  const authors = world.writers.map((w) => ({ accountId: w.id, organizationId: world.ngoId }));
  const setupStart = performance.now();
  const draft = await createDraft(servers[0].base, world, { format: 'text', content: draftText(LINES, 1) });
  await seedThreads(database.handle.db, { documentId: draft.id, version: 1, blocks: draft.blocks, count: THREADS, authors });
  console.log(`set-up: ${LINES.toLocaleString('en')}-line draft with ${THREADS.toLocaleString('en')} threads in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  await run('import', 90_000, () => benchImport(servers[0], world, LINES));
  await run('get', 90_000, () => benchGetDocument(servers[0], draft.id, LINES));
  await run('reanchor', 90_000, () => benchReanchor({ database, server: servers[0], world }));
  await run('realtime', 240_000, () => benchRealtime({ database, servers, world, documentId: draft.id, blocks: draft.blocks }));
  await run('memory', 120_000, () => benchSocketMemory({ database, world }));
  await run('growth', 180_000, () => benchGrowth({ database, servers, world }));
  await run('prototypes', 90_000, async () => {
    const doc = await createDraft(servers[0].base, world, { format: 'text', content: draftText(LINES, 1) }, 'Prototype measurements');
    return benchPrototypes({ database, server: servers[0], world, documentId: doc.id, blocks: doc.blocks });
  });
  await run('client', 120_000, () => benchClient({ databaseUrl: database.url, documentId: draft.id, lines: LINES }));

  const total = (performance.now() - started) / 1000;
  for (const s of sections) annotate(s);
  const rows = sections.flatMap((s) => s.rows);
  console.log(`\n${consoleTable(rows)}\n\ntotal ${total.toFixed(0)} s`);
  if (only.size === 0) fs.writeFileSync('BENCHMARKS.md', markdown(machine, sections, total));
  else {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(outPath('BENCHMARKS.partial.md'), markdown(machine, sections, total));
    console.log(`(subset run: BENCHMARKS.md not written; see ${outPath('BENCHMARKS.partial.md')})`);
  }
}

function markdown(machine: string[], sections: Section[], totalSeconds: number): string {
  const rows = sections.flatMap((s) => s.rows);
  const failed = rows.filter((r) => r.pass === false);
  const out = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run.ts); do not edit by hand. Every baseline is measured in the same run, on the same machine, with the clients in separate processes from the servers. Ratios are ours ÷ baseline.',
    '',
    '## Machine',
    '',
    ...machine,
    `- load average at end: ${loadAverage()}`,
    `- whole run: ${totalSeconds.toFixed(0)} s`,
    '',
    "This machine is shared: other people's test suites (browsers, servers, PostgreSQL) run at the same time, so absolute numbers move a lot between runs; ours and the baseline are interleaved so a noisy neighbour hits both alike, and the ratios are the figures to read.",
    '',
    '## Results',
    '',
    markdownTable(rows),
    '',
    failed.length ? `**${failed.length} figure(s) miss their target** — see the notes below.` : 'Every figure with a target meets it.',
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}${s.seconds ? ` (${s.seconds.toFixed(0)} s)` : ''}`, '');
    for (const r of s.rows) if (r.note) out.push(`- **${r.figure}** — ${r.note}`);
    if (s.details) out.push('', s.details);
    out.push('');
  }
  return `${out.join('\n').trim()}\n`;
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanupAll();
  });
