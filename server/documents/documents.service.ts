/**
 * Documents: create from a source, read (with a version's blocks), list, change status and
 * settings, publish new versions (carrying threads forward), diff and export. Each function
 * opens its own transaction, checks the policy, writes through the repository, appends the
 * event and the audit entry, and returns a DTO.
 */
import type { CreateDocumentBody, DocumentDto, DocumentKind, DocumentStatus, NewVersionBody, ParsedBlock, PreviewBody, UpdateDocumentBody, VersionSummary } from '../../shared/documents.ts';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent } from '../events/event-log.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { approvedMemberships } from '../policy/actor.ts';
import { canCreateDocumentFor, canEditDocument, canOpenThread, canReadDocument, canTransition, type DocumentFacts, effectiveStatus, isDrafter } from '../policy/documents.ts';
import { projectThreadsOntoVersion } from '../threads/carry-forward.ts';
import { factsOf, loadReadableDocument } from './access.ts';
import { versionBlocks } from './block-cache.ts';
import * as repo from './documents.repository.ts';
import { importSource } from './import/index.ts';
import { matchBlocks } from './match-blocks.ts';

export function toDocumentDto(row: repo.DocumentRow, actor: Actor | null): DocumentDto {
  const facts = factsOf(row);
  const status = effectiveStatus(facts);
  const drafter = isDrafter(actor, facts);
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    status,
    visibility: row.visibility,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    language: row.language,
    opensAt: row.opens_at ? new Date(row.opens_at).toISOString() : null,
    closesAt: row.closes_at ? new Date(row.closes_at).toISOString() : null,
    currentVersion: row.current_version,
    ...(drafter ? { invitedOrganizationIds: facts.invitedOrganizationIds as string[] } : {}),
    can: { edit: drafter, comment: status === 'open' && canOpenThread(actor, facts), answer: drafter },
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function withIds(parsed: ParsedBlock[]) {
  return parsed.map((b, ordinal) => ({ ...b, id: newId(), ordinal }));
}

/** The detected blocks of a source, without storing anything (the upload preview). */
export async function previewSource(input: PreviewBody) {
  const blocks = await importSource(input.source, input.language);
  return { blocks: blocks.map((b, ordinal) => ({ ...b, ordinal })) };
}

/**
 * Creates a draft from a source. With an idempotency key, a retry of the same request replays
 * the first answer (status and body) and creates nothing; a dry run stores nothing either way.
 */
export async function createDocument(db: Kysely<Database>, actor: Actor, input: CreateDocumentBody, idem: IdempotencyKey | null = null) {
  const org = await repo.findOrganizationFacts(db, input.organizationId);
  if (!org || !canCreateDocumentFor(actor, org)) {
    throw forbidden('Only members of an approved government organisation can publish drafts for it.');
  }
  const blocks = withIds(await importSource(input.source, input.language));
  if (input.dryRun) return { preview: blocks };
  const id = newId();
  return runIdempotent(db, actor.accountId, idem, 201, async (trx) => {
    await repo.insertDocument(trx, {
      id,
      organization_id: org.id,
      kind: input.kind,
      title: input.title.normalize('NFC').trim(),
      language: input.language,
      visibility: input.visibility,
      status: 'draft',
      opens_at: null,
      closes_at: null,
      current_version: 1,
      created_by: actor.accountId,
    });
    await repo.replaceInvites(trx, id, await checkedInvites(trx, input.invitedOrganizationIds ?? []));
    await repo.insertVersion(trx, id, 1, input.note ?? '', actor.accountId, blocks);
    await appendAudit(trx, { actorId: actor.accountId, action: 'document.created', objectType: 'document', objectId: id, documentId: id, organizationId: org.id, detail: { blocks: blocks.length } });
    const row = (await repo.findDocument(trx, id)) as repo.DocumentRow;
    const version = (await repo.findVersion(trx, id, 1)) as NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>;
    return { document: toDocumentDto(row, actor), version: toVersionSummary(version) };
  });
}

async function checkedInvites(db: Db, ids: string[]): Promise<string[]> {
  for (const orgId of ids) {
    if (!(await repo.findOrganizationFacts(db, orgId))) throw new AppError('invalid_input', 422, `Invited organisation ${orgId} does not exist.`);
  }
  return ids;
}

function toVersionSummary(v: { number: number; note: string; published_at: Date; block_count: number }): VersionSummary {
  return { number: v.number, note: v.note, publishedAt: new Date(v.published_at).toISOString(), blockCount: v.block_count };
}

export async function listDocuments(db: Db, actor: Actor | null, filter: { status?: DocumentStatus; kind?: DocumentKind }): Promise<DocumentDto[]> {
  const rows = await repo.listCandidateDocuments(db, {
    kind: filter.kind,
    status: filter.status === 'closed' ? undefined : filter.status,
    memberOrgIds: approvedMemberships(actor).map((m) => m.organizationId),
    signedIn: !!actor,
  });
  return rows
    .filter((r) => canReadDocument(actor, factsOf(r)))
    .map((r) => toDocumentDto(r, actor))
    .filter((d) => !filter.status || d.status === filter.status);
}

async function loadEditable(db: Db, actor: Actor, id: string): Promise<{ row: repo.DocumentRow; facts: DocumentFacts }> {
  const loaded = await loadReadableDocument(db, actor, id);
  if (!canEditDocument(actor, loaded.facts)) throw forbidden('Only drafters of the owning organisation can change this document.');
  return loaded;
}

export async function updateDocument(db: Db, actor: Actor, id: string, input: UpdateDocumentBody): Promise<DocumentDto> {
  await db.transaction().execute(async (trx) => {
    await repo.lockDocument(trx, id);
    const { row, facts } = await loadEditable(trx, actor, id);
    const patch: Parameters<typeof repo.updateDocument>[2] = {};
    const closesAt = input.closesAt === undefined ? facts.closesAt : input.closesAt ? new Date(input.closesAt) : null;
    if (input.status) {
      const from = effectiveStatus(facts);
      if (!canTransition(from, input.status)) {
        throw new AppError('invalid_transition', 409, `A ${from} document cannot become ${input.status}.`);
      }
      if (input.status === 'open' && closesAt && closesAt.getTime() <= Date.now()) {
        throw new AppError('invalid_input', 422, 'Set a closing date in the future before opening the consultation.');
      }
      patch.status = input.status;
      if (input.status === 'open' && from !== 'open') patch.opens_at = new Date();
      // Closing early records when it really closed.
      if (input.status === 'closed' && row.status === 'open' && (!closesAt || closesAt.getTime() > Date.now())) patch.closes_at = new Date();
    }
    if (input.closesAt !== undefined && patch.closes_at === undefined) patch.closes_at = closesAt;
    if (input.opensAt !== undefined) patch.opens_at = input.opensAt ? new Date(input.opensAt) : null;
    if (input.title !== undefined) patch.title = input.title.normalize('NFC').trim();
    if (input.visibility !== undefined) patch.visibility = input.visibility;
    await repo.updateDocument(trx, id, patch);
    if (input.invitedOrganizationIds) await repo.replaceInvites(trx, id, await checkedInvites(trx, input.invitedOrganizationIds));
    const changed = Object.keys(input);
    await appendEvent(trx, id, 'document.updated', { changed }, actor.accountId);
    await appendAudit(trx, { actorId: actor.accountId, action: 'document.updated', objectType: 'document', objectId: id, documentId: id, detail: { changed, status: input.status } });
  });
  return toDocumentDto((await repo.findDocument(db, id)) as repo.DocumentRow, actor);
}

/**
 * Publishes a new version: blocks matched to the previous one, every thread projected onto it.
 * With an idempotency key, a retried publication replays the first answer and adds no version.
 */
export async function publishVersion(db: Kysely<Database>, actor: Actor, id: string, input: NewVersionBody, idem: IdempotencyKey | null = null) {
  const parsed = await importSource(input.source);
  return runIdempotent(db, actor.accountId, idem, 201, async (trx) => {
    await repo.lockDocument(trx, id);
    const { row } = await loadEditable(trx, actor, id);
    const previous = row.current_version;
    const oldBlocks = await repo.findBlocks(trx, id, previous);
    const match = matchBlocks(oldBlocks, parsed, newId);
    const next = previous + 1;
    await repo.insertVersion(trx, id, next, input.note, actor.accountId, match.blocks);
    await repo.updateDocument(trx, id, { current_version: next });
    const projected = await projectThreadsOntoVersion(trx, { documentId: id, fromVersion: previous, toVersion: next, oldBlocks, newBlocks: match.blocks, match });
    await appendEvent(trx, id, 'version.published', { number: next }, actor.accountId);
    await appendAudit(trx, { actorId: actor.accountId, action: 'version.published', objectType: 'version', objectId: `${id}:${next}`, documentId: id, detail: { number: next, blocks: match.blocks.length, threads: projected } });
    return { version: toVersionSummary((await repo.findVersion(trx, id, next)) as NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>) };
  });
}

export async function listVersionSummaries(db: Db, actor: Actor | null, id: string): Promise<VersionSummary[]> {
  await loadReadableDocument(db, actor, id);
  return (await repo.listVersions(db, id)).map(toVersionSummary);
}

export async function readableVersion(db: Db, actor: Actor | null, id: string, number: number) {
  const { row } = await loadReadableDocument(db, actor, id);
  const version = await repo.findVersion(db, id, number);
  if (!version) throw notFound('version');
  const { blocks } = await versionBlocks(db, id, number);
  return { row, version: toVersionSummary(version), blocks };
}
