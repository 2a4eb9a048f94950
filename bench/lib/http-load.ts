/**
 * A second HTTP load generator beside autocannon: node:http with keep-alive (its native llhttp
 * parser). autocannon parses responses with http-parser-js in JavaScript, which on multi-MB
 * bodies saturates the client before the server; this one shows what the servers can do.
 */
import http from 'node:http';
import { percentile } from './stats.ts';

export async function httpLoad(url: string, options: { connections?: number; durationSec?: number; headers?: Record<string, string> } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 8 });
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const t0 = performance.now();
  const until = t0 + (options.durationSec ?? 4) * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const start = performance.now();
      http
        .get(url, { agent, headers: options.headers }, (res) => {
          res.on('data', (c: Buffer) => {
            bytes += c.length;
          });
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - start);
            else errors++;
            resolve();
          });
        })
        .on('error', () => {
          errors++;
          resolve();
        });
    });
  await Promise.all(
    Array.from({ length: options.connections ?? 8 }, async () => {
      while (performance.now() < until) await one();
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - t0) / 1000;
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytesPerSecond: bytes / seconds,
    errors,
    total: latencies.length,
  };
}
