/**
 * The prototyped fixes, measured in the same run as everything else: each compares today's
 * behaviour with the proposed one on the same data (see each module's header).
 */
import fs from 'node:fs';
import type { Block } from '../../shared/documents.ts';
import { cannonPair } from '../lib/cannon.ts';
import type { BenchDatabase } from '../lib/database.ts';
import { outPath } from '../lib/paths.ts';
import { type Row, ratio, type Section } from '../lib/report.ts';
import { randomAnchors } from '../lib/seed.ts';
import { type ServerProcess, spawnNode } from '../lib/server-process.ts';
import { fmtMs, fmtNum } from '../lib/stats.ts';
import type { World } from '../lib/world.ts';
import { compareCommentTransactions } from './comment-transaction.ts';

export async function benchPrototypes(input: { database: BenchDatabase; server: ServerProcess; world: World; documentId: string; blocks: Block[] }): Promise<Section> {
  // The draft the transactions write to is created for this section, so its seqs are its own.
  const rows: Row[] = [];
  const tx = await compareCommentTransactions({
    url: input.database.url,
    documentId: input.documentId,
    version: 1,
    authors: input.world.writers.map((w) => ({ accountId: w.id, organizationId: input.world.ngoId, ministryId: input.world.ministryId })),
    anchor: randomAnchors(input.blocks, 1, 5)[0],
  });
  const fig = (f: { perSecond: number; p50: number; p99: number }) => `${fmtNum(f.perSecond)} tx/s, p50/p99 ${fmtMs(f.p50)}/${fmtMs(f.p99)}`;
  rows.push({
    figure: 'prototype: comment transaction, lock late (order of a832f77) vs lock first (before it); SQL only, 20 connections, one document',
    ours: `lock late: ${fig(tx.lockLate)}`,
    baseline: `lock first: ${fig(tx.lockFirst)}`,
    ratio: ratio(tx.lockLate.perSecond, tx.lockFirst.perSecond),
    target: 'diagnostic',
    pass: null,
    note: 'same statements and data; only where the document-row lock is taken differs',
  });
  rows.push({
    figure: 'prototype: comment transaction, bump + event + NOTIFY in one statement vs lock late',
    ours: `one statement: ${fig(tx.oneStatement)}`,
    baseline: `lock late: ${fig(tx.lockLate)}`,
    ratio: ratio(tx.oneStatement.perSecond, tx.lockLate.perSecond),
    target: 'diagnostic',
    pass: null,
    note: 'what remains under the lock: one round trip and the COMMIT, instead of five and the COMMIT',
  });

  const file = outPath(`prototype-${input.documentId}.json`);
  fs.writeFileSync(file, Buffer.from(await (await fetch(`${input.server.base}/api/documents/${input.documentId}`)).arrayBuffer()));
  const proto = await spawnNode('bench/prototypes/document-server.ts', { BODY_FILE: file }, /prototype document server listening on (\d+)/);
  try {
    const base = `http://127.0.0.1:${proto.port}`;
    const pair = await cannonPair(`${base}/bytes/x`, `${base}/string/x`, { client: 'node-http', durationSec: 2, rounds: 2 });
    rows.push({
      figure: 'prototype: sending the GET document answer — bytes + hash kept per version vs string + SHA-1 per request (no database)',
      ours: `bytes: ${fmtNum(pair.ours.requestsPerSecond, 1)} req/s, p99 ${fmtMs(pair.ours.p99)}`,
      baseline: `string (before a832f77): ${fmtNum(pair.bare.requestsPerSecond, 1)} req/s, p99 ${fmtMs(pair.bare.p99)}`,
      ratio: ratio(pair.ours.requestsPerSecond, pair.bare.requestsPerSecond),
      target: 'diagnostic',
      pass: null,
      note: 'node:http client, identity encoding; compare with the real route in "GET a long draft" (the gap left is its database reads and per-request copy)',
    });
  } finally {
    await proto.stop();
    fs.rmSync(file, { force: true });
  }
  return { title: 'Prototyped fixes', rows };
}
