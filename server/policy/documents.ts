/**
 * Who may see and do what with a document (DESIGN.md "Who sees what"). Pure functions of the
 * actor and the document's facts; every read path — by id, lists, versions, diff, exports,
 * threads, reports, events — asks these and nothing else.
 */
import type { DocumentStatus, DocumentVisibility } from '../../shared/documents.ts';
import type { Actor } from './actor.ts';
import { approvedMemberships, isApprovedMember } from './actor.ts';

export interface DocumentFacts {
  id: string;
  organizationId: string;
  status: DocumentStatus;
  visibility: DocumentVisibility;
  invitedOrganizationIds: readonly string[];
  opensAt: Date | null;
  closesAt: Date | null;
}

/** The status readers experience: an open consultation past its closing time is closed. */
export function effectiveStatus(doc: Pick<DocumentFacts, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): DocumentStatus {
  if (doc.status === 'open' && doc.closesAt && doc.closesAt.getTime() <= now.getTime()) return 'closed';
  return doc.status;
}

/** Drafters: members of the owning (government) organisation. */
export function isDrafter(actor: Actor | null, doc: Pick<DocumentFacts, 'organizationId'>): boolean {
  return isApprovedMember(actor, doc.organizationId);
}

export function canReadDocument(actor: Actor | null, doc: DocumentFacts): boolean {
  if (isDrafter(actor, doc)) return true;
  if (doc.status === 'draft') return false;
  switch (doc.visibility) {
    case 'public':
      return true;
    case 'registered':
      return !!actor;
    case 'invited':
      return approvedMemberships(actor).some((m) => doc.invitedOrganizationIds.includes(m.organizationId));
    default:
      return false;
  }
}

/** Publish versions, change status, dates, title and visibility. */
export function canEditDocument(actor: Actor | null, doc: DocumentFacts): boolean {
  return isDrafter(actor, doc);
}

/** The organisation an actor comments for: an approved membership other than the owner. */
export function commentingMembership(actor: Actor | null, doc: DocumentFacts, preferred?: string) {
  const candidates = approvedMemberships(actor).filter((m) => m.organizationId !== doc.organizationId);
  return (preferred ? candidates.find((m) => m.organizationId === preferred) : undefined) ?? candidates[0];
}

/**
 * Opening a thread: a reader who belongs to an approved organisation other than the owner.
 * Whether the consultation is open is a separate (409) question.
 */
export function canOpenThread(actor: Actor | null, doc: DocumentFacts): boolean {
  return canReadDocument(actor, doc) && !isDrafter(actor, doc) && !!commentingMembership(actor, doc);
}

/** Only the owner's government organisations create documents. */
export function canCreateDocumentFor(actor: Actor | null, organization: { id: string; kind: string; approved: boolean }): boolean {
  return organization.kind === 'government' && organization.approved && isApprovedMember(actor, organization.id);
}

const TRANSITIONS: Record<DocumentStatus, DocumentStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'reported'],
  reported: ['open'],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}
