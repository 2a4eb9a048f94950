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
  const rows: Row[] = [];
  const tx = await compareCommentTransactions({
    url: input.database.url,
    documentId: input.documentId,
    version: 1,
    authors: input.world.writers.map((w) => ({ accountId: w.id, organizationId: input.world.ngoId, ministryId: input.world.ministryId })),
    anchor: randomAnchors(input.blocks, 1, 5)[0],
  });
  rows.push({
    figure: 'prototype: comment transaction, document lock taken last (SQL only, 20 connections, one document)',
    ours: `lock last: ${fmtNum(tx.lockLast.perSecond)} tx/s, p50/p99 ${fmtMs(tx.lockLast.p50)}/${fmtMs(tx.lockLast.p99)}`,
    baseline: `as today (lock first): ${fmtNum(tx.asIs.perSecond)} tx/s, p50/p99 ${fmtMs(tx.asIs.p50)}/${fmtMs(tx.asIs.p99)}`,
    ratio: ratio(tx.lockLast.perSecond, tx.asIs.perSecond),
    target: 'diagnostic',
    pass: null,
    note: 'same statements, same data; only the place of the document-row lock in the transaction differs (see the real-time notes)',
  });

  const file = outPath(`prototype-${input.documentId}.json`);
  fs.writeFileSync(file, Buffer.from(await (await fetch(`${input.server.base}/api/documents/${input.documentId}`)).arrayBuffer()));
  const proto = await spawnNode('bench/prototypes/document-server.ts', { BODY_FILE: file }, /prototype document server listening on (\d+)/);
  try {
    const base = `http://127.0.0.1:${proto.port}`;
    const pair = await cannonPair(`${base}/cached/x`, `${base}/as-is/x`, { client: 'node-http', durationSec: 2, rounds: 2 });
    rows.push({
      figure: 'prototype: GET document bytes, ETag and gzip computed once per version (no database, node:http client)',
      ours: `cached Buffer: ${fmtNum(pair.ours.requestsPerSecond, 1)} req/s, p99 ${fmtMs(pair.ours.p99)}`,
      baseline: `as today (string + SHA-1 per request): ${fmtNum(pair.bare.requestsPerSecond, 1)} req/s, p99 ${fmtMs(pair.bare.p99)}`,
      ratio: ratio(pair.ours.requestsPerSecond, pair.bare.requestsPerSecond),
      target: 'diagnostic',
      pass: null,
      note: 'identity encoding (the autocannon/node:http default); see the GET notes',
    });
  } finally {
    await proto.stop();
    fs.rmSync(file, { force: true });
  }
  return { title: 'Prototyped fixes', rows };
}
