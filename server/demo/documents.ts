/**
 * Demo documents (a draft law and an action plan) — added by the documents feature.
 */
import type { Db } from '../db/database.ts';

export interface DemoContext {
  governmentOrgId: string;
  drafterId: string;
  orgIds: Map<string, string>;
  accountIds: Map<string, string>;
}

export async function seedDemoDocuments(_db: Db, _context: DemoContext): Promise<void> {}
