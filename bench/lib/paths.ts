/**
 * Scratch files of the benchmarks (client build, generated .docx, response bodies) live outside
 * the repository, so neither the linter nor the type-checker ever sees them.
 */
import os from 'node:os';
import path from 'node:path';

export const OUT_DIR = process.env.BENCH_OUT ?? path.join(os.tmpdir(), 'tashawur-bench');
export const outPath = (...parts: string[]) => path.join(OUT_DIR, ...parts);
