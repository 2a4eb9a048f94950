/**
 * Demo documents for a first start: an Arabic draft law open for consultation, with a few
 * comments and an official answer, an English draft law, and action plans with measures under
 * monitoring.
 * Everything goes through the transaction it is given (the embedded database has one connection).
 */
import type { Block } from '../../shared/documents.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { insertDocument, insertVersion } from '../documents/documents.repository.ts';
import { importSource } from '../documents/import/index.ts';
import { appendEvent } from '../events/event-log.ts';
import { seedDemoMonitoring } from '../monitoring/demo.ts';
import { contextOf } from '../threads/anchor-text.ts';
import { DEMO_LAW_AR, DEMO_LAW_EN, DEMO_PLAN_AR, DEMO_PLAN_EN, DEMO_THREADS } from './texts.ts';

export interface DemoContext {
  governmentOrgId: string;
  drafterId: string;
  orgIds: Map<string, string>;
  accountIds: Map<string, string>;
}

async function demoDocument(db: Db, context: DemoContext, input: { title: string; kind: 'law' | 'action_plan'; language: 'ar' | 'en'; text: string }) {
  const id = newId();
  const blocks: Block[] = (await importSource({ format: 'text', content: input.text }, input.language)).map((b, ordinal) => ({ ...b, id: newId(), ordinal }));
  await insertDocument(db, {
    id,
    organization_id: context.governmentOrgId,
    kind: input.kind,
    title: input.title,
    language: input.language,
    visibility: 'public',
    status: 'open',
    opens_at: new Date(),
    closes_at: new Date(Date.now() + 60 * 24 * 3600 * 1000),
    current_version: 1,
    created_by: context.drafterId,
  });
  await insertVersion(db, id, 1, 'Demo version', context.drafterId, blocks);
  return { id, blocks };
}

async function demoThreads(db: Db, context: DemoContext, documentId: string, blocks: Block[]) {
  for (const t of DEMO_THREADS) {
    const block = blocks.find((b) => b.text.includes(t.quote));
    if (!block) continue;
    const start = block.text.indexOf(t.quote);
    const anchor = { start: { blockId: block.id, offset: start }, end: { blockId: block.id, offset: start + t.quote.length } };
    const id = newId();
    const authorId = context.accountIds.get(t.author) as string;
    const orgId = context.orgIds.get(t.author) as string;
    const { prefix, suffix } = contextOf(blocks, anchor);
    await db
      .insertInto('thread')
      .values({ id, document_id: documentId, version_number: 1, anchor: JSON.stringify(anchor), quote: t.quote, prefix, suffix, kind: t.kind, suggestion: 'suggestion' in t ? (t.suggestion ?? null) : null, visibility: t.visibility, attribution: t.attribution, author_id: authorId, author_organization_id: orgId, disposition: null, rationale: null, disposed_by: null, disposed_at: null, applied_version: null, applied_block_ids: null })
      .execute();
    await db.insertInto('comment').values({ id: newId(), thread_id: id, author_id: authorId, author_organization_id: orgId, attribution: t.attribution, body: t.body, edited_at: null, withdrawn_at: null, hidden_at: null, hidden_reason: null, hidden_by: null }).execute();
    await appendEvent(db, documentId, 'thread.created', { threadId: id }, authorId);
    if (t.kind === 'question') {
      await db.insertInto('comment').values({ id: newId(), thread_id: id, author_id: context.drafterId, author_organization_id: context.governmentOrgId, attribution: 'named', body: 'شكراً على الملاحظة. سندرس إضافة آلية تظلّم في النسخة القادمة.', edited_at: null, withdrawn_at: null, hidden_at: null, hidden_reason: null, hidden_by: null }).execute();
      await appendEvent(db, documentId, 'comment.created', { threadId: id }, context.drafterId);
    }
  }
}

export async function seedDemoDocuments(db: Db, context: DemoContext): Promise<{ lawId: string; planId: string }> {
  const law = await demoDocument(db, context, { title: 'مشروع قانون حماية ضحايا الاتجار بالأشخاص (نموذج تجريبي)', kind: 'law', language: 'ar', text: DEMO_LAW_AR });
  await demoThreads(db, context, law.id, law.blocks);
  await demoDocument(db, context, { title: 'Draft Law on Fair Recruitment and the Protection of Migrant Workers (DEMO)', kind: 'law', language: 'en', text: DEMO_LAW_EN });
  const plan = await demoDocument(db, context, { title: 'National Action Plan against Trafficking in Persons 2027–2029 (DEMO)', kind: 'action_plan', language: 'en', text: DEMO_PLAN_EN });
  await seedDemoMonitoring(db, {
    documentId: plan.id,
    drafterId: context.drafterId,
    nhriAccountId: context.accountIds.get('nhri') as string,
    governmentOrgId: context.governmentOrgId,
    nhriOrgId: context.orgIds.get('nhri') as string,
  });
  // The same kind of plan in Arabic, so the monitoring screens and the periodic report show
  // right to left on a first start too.
  const planAr = await demoDocument(db, context, { title: 'الخطة الوطنية لمكافحة الاتجار بالبشر 2027–2029 (نموذج تجريبي)', kind: 'action_plan', language: 'ar', text: DEMO_PLAN_AR });
  await seedDemoMonitoring(db, {
    documentId: planAr.id,
    drafterId: context.drafterId,
    nhriAccountId: context.accountIds.get('nhri') as string,
    governmentOrgId: context.governmentOrgId,
    nhriOrgId: context.orgIds.get('nhri') as string,
  });
  return { lawId: law.id, planId: plan.id };
}
