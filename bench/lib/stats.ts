/** Small statistics and formatting helpers shared by the benchmarks. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => percentile(values, 50);

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Wall-clock ms comparable across processes on this machine (sub-ms precision). */
export const now = () => performance.timeOrigin + performance.now();

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Polls until `check` is truthy or the deadline passes (returns the last value either way). */
export async function waitUntil<T>(check: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, everyMs = 50): Promise<{ value: T; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value)) return { value, timedOut: false };
    if (Date.now() > deadline) return { value, timedOut: true };
    await sleep(everyMs);
  }
}

export function fmtBytes(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (Math.abs(n) >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)} MB`;
  if (Math.abs(n) >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${Math.round(n)} B`;
}

export function fmtMs(n: number): string {
  if (!Number.isFinite(n)) return '–';
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (n >= 100) return `${Math.round(n)} ms`;
  if (n >= 10) return `${n.toFixed(1)} ms`;
  return `${n.toFixed(2)} ms`;
}

export function fmtNum(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
