/**
 * Who reads which audit trail (DESIGN.md): drafters their documents' trail, admins every
 * trail, everyone their own account's security events. In every trail, people other than the
 * owning organisation's drafters appear as their organisation and a pseudonym — never by name,
 * so an organisation-only author cannot be identified from the audit either.
 */
import type { Actor } from './actor.ts';
import { type DocumentFacts, isDrafter } from './documents.ts';

export function canReadDocumentAudit(actor: Actor | null, doc: DocumentFacts): boolean {
  return !!actor && (actor.isAdmin || isDrafter(actor, doc));
}

export function canReadFullAudit(actor: Actor | null): boolean {
  return !!actor?.isAdmin;
}
