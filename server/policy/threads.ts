/**
 * Who may see and do what with threads and comments, and what of an author each reader may
 * learn (DESIGN.md "Who sees what"). Pure functions; every read path — by id, lists, counts,
 * reports, audit, live events and replay — goes through canSeeThread and redactAuthor.
 */
import type { Attribution, ThreadVisibility } from '../../shared/threads.ts';
import type { Actor } from './actor.ts';
import { isApprovedMember, membershipIn } from './actor.ts';
import { canReadDocument, commentingMembership, type DocumentFacts, effectiveStatus, isDrafter } from './documents.ts';

export interface ThreadFacts {
  visibility: ThreadVisibility;
  authorId: string;
  authorOrganizationId: string;
}

/** The author's organisation (any membership, so the author always sees their own thread). */
function inAuthorOrganization(actor: Actor | null, organizationId: string): boolean {
  return !!membershipIn(actor, organizationId);
}

export function canSeeThread(actor: Actor | null, thread: ThreadFacts, doc: DocumentFacts): boolean {
  if (!canReadDocument(actor, doc)) return false;
  if (thread.visibility === 'public') return true;
  return isDrafter(actor, doc) || inAuthorOrganization(actor, thread.authorOrganizationId) || actor?.accountId === thread.authorId;
}

export type Decision = 'ok' | 'not_signed_in' | 'forbidden' | 'closed';

/** Replying: drafters always (the official answer, also once closed); others while open. */
export function replyDecision(actor: Actor | null, doc: DocumentFacts): Decision {
  if (!actor) return 'not_signed_in';
  if (isDrafter(actor, doc)) return doc.status === 'draft' ? 'forbidden' : 'ok';
  if (!commentingMembership(actor, doc)) return 'forbidden';
  return effectiveStatus(doc) === 'open' ? 'ok' : 'closed';
}

/** Opening a thread: members of approved organisations other than the owner, while open. */
export function openThreadDecision(actor: Actor | null, doc: DocumentFacts): Decision {
  if (!actor) return 'not_signed_in';
  if (isDrafter(actor, doc) || !commentingMembership(actor, doc)) return 'forbidden';
  return effectiveStatus(doc) === 'open' ? 'ok' : 'closed';
}

/** Dispose, resolve, reopen: drafters of the owning organisation. */
export function canAnswer(actor: Actor | null, doc: DocumentFacts): boolean {
  return isDrafter(actor, doc);
}

/** Endorse on behalf of an organisation the actor belongs to (not the owner), while open. */
export function endorseDecision(actor: Actor | null, doc: DocumentFacts, organizationId: string): Decision {
  if (!actor) return 'not_signed_in';
  const m = membershipIn(actor, organizationId);
  if (!m?.approved || organizationId === doc.organizationId) return 'forbidden';
  return effectiveStatus(doc) === 'open' ? 'ok' : 'closed';
}

/**
 * Confirming or re-pointing an uncertain anchor: the drafters once the draft is published (also
 * after closing: they answer every thread), the author or their organisation while it is open.
 */
export function confirmAnchorDecision(actor: Actor | null, thread: ThreadFacts, doc: DocumentFacts): Decision {
  if (!actor) return 'not_signed_in';
  if (isDrafter(actor, doc)) return doc.status === 'draft' ? 'forbidden' : 'ok';
  // The author themselves, even if no longer a member, still speaks for what they wrote.
  const own = actor.accountId === thread.authorId || isApprovedMember(actor, thread.authorOrganizationId);
  if (!own) return 'forbidden';
  return effectiveStatus(doc) === 'open' ? 'ok' : 'closed';
}

export function canModerate(actor: Actor | null): boolean {
  return !!actor?.isAdmin;
}

export interface AuthorFacts {
  authorId: string;
  authorName: string;
  organization: { id: string; name: string; kind: string } | null;
  attribution: Attribution;
  /** Written by a drafter of the owning organisation: an official answer, always named. */
  official: boolean;
}

export interface VisibleAuthor {
  name?: string;
  organization?: { id: string; name: string; kind: string };
  isYou?: boolean;
  official?: boolean;
}

/**
 * What this reader may know of an author. Organisation-only hides the person from everyone
 * outside the author's organisation — drafters and admins included; anonymous also hides the
 * organisation from the public (drafters still see it).
 */
export function redactAuthor(actor: Actor | null, author: AuthorFacts, doc: DocumentFacts): VisibleAuthor {
  const isYou = actor?.accountId === author.authorId;
  const ownOrg = isYou || (!!author.organization && inAuthorOrganization(actor, author.organization.id));
  const org = author.organization ?? undefined;
  const base: VisibleAuthor = { ...(isYou ? { isYou: true } : {}), ...(author.official ? { official: true } : {}) };
  if (author.official || author.attribution === 'named' || ownOrg) return { ...base, name: author.authorName, ...(org ? { organization: org } : {}) };
  if (author.attribution === 'organization') return { ...base, ...(org ? { organization: org } : {}) };
  return isDrafter(actor, doc) && org ? { ...base, organization: org } : base;
}
