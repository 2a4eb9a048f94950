/**
 * Every migration, in order. Listed explicitly (not read from the folder) so that tsx, Vitest
 * and any bundler find the same set.
 */
import type { Migration } from 'kysely';
import * as foundation from './2026-11-27T0001-foundation.ts';
import * as monitoring from './2026-11-27T0002-monitoring.ts';
import * as appendOnly from './2026-11-27T0003-append-only.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-27T0001-foundation': foundation,
  '2026-11-27T0002-monitoring': monitoring,
  '2026-11-27T0003-append-only': appendOnly,
};
