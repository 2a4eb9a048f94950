/**
 * autocannon runs (HTTP load from this process, never from a server's), and alternating
 * rounds of two targets so that noise on a shared machine hits both alike.
 */
import autocannon from 'autocannon';
import { httpLoad } from './http-load.ts';

export interface CannonResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  bytesPerSecond: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function cannon(url: string, options: { connections?: number; durationSec?: number; headers?: Record<string, string> } = {}): Promise<CannonResult> {
  const r = await autocannon({ url, connections: options.connections ?? 8, duration: options.durationSec ?? 4, headers: options.headers });
  return {
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytesPerSecond: r.throughput.average,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

/**
 * Alternates ours and the baseline for `rounds` rounds; averages the rates, keeps worst p99.
 * `client` picks the load generator: autocannon, or node:http (see http-load.ts).
 */
export async function cannonPair(ours: string, bare: string, options: { rounds?: number; connections?: number; durationSec?: number; client?: 'autocannon' | 'node-http' } = {}) {
  const rs: { ours: CannonResult[]; bare: CannonResult[] } = { ours: [], bare: [] };
  const load = async (url: string): Promise<CannonResult> => (options.client === 'node-http' ? { ...(await httpLoad(url, options)), non2xx: 0 } : cannon(url, options));
  for (let i = 0; i < (options.rounds ?? 2); i++) {
    rs.ours.push(await load(ours));
    rs.bare.push(await load(bare));
  }
  const merge = (list: CannonResult[]): CannonResult => ({
    requestsPerSecond: list.reduce((s, r) => s + r.requestsPerSecond, 0) / list.length,
    p50: list.reduce((s, r) => s + r.p50, 0) / list.length,
    p99: Math.max(...list.map((r) => r.p99)),
    bytesPerSecond: list.reduce((s, r) => s + r.bytesPerSecond, 0) / list.length,
    errors: list.reduce((s, r) => s + r.errors, 0),
    non2xx: list.reduce((s, r) => s + r.non2xx, 0),
    total: list.reduce((s, r) => s + r.total, 0),
  });
  return { ours: merge(rs.ours), bare: merge(rs.bare) };
}
