/**
 * Overdue reminders for the signed-in person, computed from deadlines on every request (nothing
 * is stored): measures past their deadline, completed by neither voice (latest entry of each),
 * on action plans where the person is a drafter of the owner or an NHRI member — and only plans
 * they may read.
 */

import type { Static } from 'typebox';
import type { Notifications, OverdueNotificationDto } from '../../shared/monitoring.ts';
import type { Db } from '../db/database.ts';
import { factsOf } from '../documents/access.ts';
import { type DocumentRow, findDocument } from '../documents/documents.repository.ts';
import { type Actor, approvedMemberships } from '../policy/actor.ts';
import { isNhriMember, reminderRole } from '../policy/monitoring.ts';
import * as repo from './monitoring.repository.ts';
import { measureBlocks } from './present.ts';
import { daysBetween, isOverdue, todayUtc } from './rules.ts';

export async function overdueReminders(db: Db, actor: Actor, now = new Date()): Promise<Static<typeof Notifications>> {
  const today = todayUtc(now);
  const anyPlan = isNhriMember(actor);
  const ownerOrgIds = approvedMemberships(actor)
    .filter((m) => m.kind === 'government')
    .map((m) => m.organizationId);
  if (!anyPlan && !ownerOrgIds.length) return { asOf: today, notifications: [] };
  const candidates = await repo.overdueCandidates(db, today, { ownerOrgIds, anyPlan });
  const byDocument = new Map<string, repo.MeasureRow[]>();
  for (const m of candidates) byDocument.set(m.document_id, [...(byDocument.get(m.document_id) ?? []), m]);
  const notifications: OverdueNotificationDto[] = [];
  for (const [documentId, measures] of byDocument) {
    const doc = (await findDocument(db, documentId)) as DocumentRow;
    const role = reminderRole(actor, factsOf(doc));
    if (!role) continue;
    const periods = await repo.listPeriods(db, documentId);
    const order = new Map(periods.map((p, i) => [p.id, i]));
    const latest = new Map<string, repo.AssessmentRow>();
    for (const a of await repo.listMeasureAssessments(
      db,
      measures.map((m) => m.id),
    )) {
      const key = `${a.measure_id}:${a.voice}`;
      const held = latest.get(key);
      if (!held || (order.get(a.period_id) ?? -1) > (order.get(held.period_id) ?? -1)) latest.set(key, a);
    }
    const blocks = await measureBlocks(
      db,
      documentId,
      doc.current_version,
      measures.map((m) => m.block_id),
    );
    for (const m of measures) {
      const pair = { government: latest.get(`${m.id}:government`) ?? null, nhri: latest.get(`${m.id}:nhri`) ?? null };
      if (!m.deadline || !isOverdue(m.deadline, pair, today)) continue;
      notifications.push({
        kind: 'measure_overdue',
        documentId,
        documentTitle: doc.title,
        as: role,
        measureId: m.id,
        blockId: m.block_id,
        label: blocks.get(m.block_id)?.label ?? null,
        text: blocks.get(m.block_id)?.text ?? '',
        parentLabel: blocks.get(m.block_id)?.parentLabel ?? null,
        responsible: m.responsible,
        deadline: m.deadline,
        daysOverdue: daysBetween(m.deadline, today),
        government: pair.government?.status ?? null,
        nhri: pair.nhri?.status ?? null,
      });
    }
  }
  notifications.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.documentTitle.localeCompare(b.documentTitle));
  return { asOf: today, notifications };
}
