/**
 * Server memory per idle socket and per subscribed document, read inside the server process
 * (after full GCs) by the bench memory probe: a fresh Tashawur process and a bare `ws` process
 * each get the same number of idle sockets from a viewer process.
 */

import { execSync } from 'node:child_process';
import type { BenchDatabase } from './lib/database.ts';
import type { Row, Section } from './lib/report.ts';
import { ratio } from './lib/report.ts';
import { seedSmallDocuments } from './lib/seed.ts';
import { type MemoryUsage, type NodeProcess, spawnNode, startServer } from './lib/server-process.ts';
import { fmtBytes, fmtNum, sleep } from './lib/stats.ts';
import { type Swarm, startSwarm } from './lib/swarm.ts';
import type { World } from './lib/world.ts';

const heap = (m: MemoryUsage) => m.heapUsed + m.external;

async function settle(p: NodeProcess): Promise<MemoryUsage> {
  await sleep(1500);
  return p.memory();
}

async function perSocket(p: NodeProcess, swarm: Swarm, url: string, count: number) {
  const before = await settle(p);
  const opened = await swarm.open([url], count, null, { probes: false });
  if (opened.failed) throw new Error(`${opened.failed} of ${count} sockets failed to open`);
  const after = await settle(p);
  return { rss: (after.rss - before.rss) / count, heap: (heap(after) - heap(before)) / count, before, after };
}

export async function benchSocketMemory(input: { database: BenchDatabase; world: World; sockets?: number; documents?: number }): Promise<Section> {
  const sockets = input.sockets ?? 5000;
  const documents = input.documents ?? 1000;
  const docIds = await seedSmallDocuments(input.database.handle.db, { count: documents, organizationId: input.world.ministryId, createdBy: input.world.drafter.id });
  const swarm = await startSwarm();
  const server = await startServer(input.database.url);
  const bare = await spawnNode('bench/baselines/ws-server.ts', { DATABASE_URL: input.database.url }, /bare ws listening on (\d+)/);
  try {
    const ours = await perSocket(server, swarm, server.wsUrl, sockets);
    await swarm.close();
    const base = await perSocket(bare, swarm, `ws://127.0.0.1:${bare.port}/`, sockets);
    await swarm.close();

    // Per subscribed document: sockets each watching a different document (one channel each),
    // then as many sockets all watching one document (a subscription, no new channel).
    const idle = await server.memory();
    const distinct = await swarm.open([server.wsUrl], documents, docIds, { probes: false });
    const withChannels = await settle(server);
    const shared = await swarm.open([server.wsUrl], documents, docIds[0], { probes: false });
    const withShared = await settle(server);
    if (distinct.failed || shared.failed) throw new Error('subscribing sockets failed to open');
    const perDocHeap = (heap(withChannels) - heap(idle)) / documents - ours.heap;
    const perSubHeap = (heap(withShared) - heap(withChannels)) / documents - ours.heap;
    const perDocRss = (withChannels.rss - idle.rss) / documents - ours.rss;
    const limit = execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim();
    const rows: Row[] = [
      {
        figure: `server memory per idle socket (${fmtNum(sockets)} sockets, one process)`,
        ours: `${fmtBytes(ours.rss)} RSS, ${fmtBytes(ours.heap)} heap+external`,
        baseline: `${fmtBytes(base.rss)} RSS, ${fmtBytes(base.heap)} heap+external (bare ws)`,
        ratio: ratio(ours.rss, base.rss),
        target: '≤ 30 KB',
        pass: ours.rss <= 30 * 1024,
        note: `RSS ${fmtBytes(ours.before.rss)} → ${fmtBytes(ours.after.rss)}; ulimit -n ${limit}`,
      },
      {
        figure: `server memory per subscribed document (${fmtNum(documents)} documents, one subscriber each)`,
        ours: `${fmtBytes(perDocHeap)} heap+external beyond the socket`,
        baseline: '–',
        ratio: '–',
        target: 'report',
        pass: null,
        note: `a further subscriber of an already watched document costs ${fmtBytes(perSubHeap)} of heap; RSS moved by ${fmtBytes(perDocRss)} a document, within its noise at this scale (the allocator keeps freed pages)`,
      },
    ];
    return { title: 'Memory', rows };
  } finally {
    await swarm.stop();
    await server.stop();
    await bare.stop();
  }
}
