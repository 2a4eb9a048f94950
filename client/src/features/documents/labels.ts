/** Catalogue keys for the documents' and threads' enumerations (shared/documents.ts, threads.ts). */
import type { OrganizationKind } from '../../../../shared/auth.ts';
import type { Language } from '../../../../shared/common.ts';
import type { BlockKind, DocumentKind, DocumentStatus, DocumentVisibility } from '../../../../shared/documents.ts';
import type { AnchorState, Attribution, DispositionValue, ThreadKind } from '../../../../shared/threads.ts';
import { LANGUAGES, type MessageKey, t } from '../../i18n/index.ts';

const DOC_KIND: Record<DocumentKind, MessageKey> = { law: 'doc.kind.law', action_plan: 'doc.kind.action_plan' };
const DOC_STATUS: Record<DocumentStatus, MessageKey> = { draft: 'doc.status.draft', open: 'doc.status.open', closed: 'doc.status.closed', reported: 'doc.status.reported' };
const DOC_VISIBILITY: Record<DocumentVisibility, MessageKey> = { public: 'doc.visibility.public', registered: 'doc.visibility.registered', invited: 'doc.visibility.invited' };
const THREAD_KIND: Record<ThreadKind, MessageKey> = { comment: 'thread.kind.comment', question: 'thread.kind.question', suggestion: 'thread.kind.suggestion' };
const ATTRIBUTION: Record<Attribution, MessageKey> = { named: 'thread.attribution.named', organization: 'thread.attribution.organization', anonymous: 'thread.attribution.anonymous' };
const ATTRIBUTION_HINT: Record<Attribution, MessageKey> = { named: 'thread.attribution.named.hint', organization: 'thread.attribution.organization.hint', anonymous: 'thread.attribution.anonymous.hint' };
const DISPOSITION: Record<DispositionValue, MessageKey> = {
  accepted: 'disposition.accepted',
  partially_accepted: 'disposition.partially_accepted',
  rejected: 'disposition.rejected',
  noted: 'disposition.noted',
  not_applicable: 'disposition.not_applicable',
};
const ANCHOR_STATE: Partial<Record<AnchorState, MessageKey>> = { moved: 'thread.anchor.moved', edited: 'thread.anchor.edited', uncertain: 'thread.anchor.uncertain', outdated: 'thread.anchor.outdated' };
const ORG_KIND: Record<OrganizationKind, MessageKey> = { government: 'org.kind.government', nhri: 'org.kind.nhri', ngo: 'org.kind.ngo', igo: 'org.kind.igo', academic: 'org.kind.academic' };

export const DOCUMENT_KIND_VALUES = Object.keys(DOC_KIND) as DocumentKind[];
export const DOCUMENT_STATUS_VALUES = Object.keys(DOC_STATUS) as DocumentStatus[];
export const VISIBILITY_VALUES = Object.keys(DOC_VISIBILITY) as DocumentVisibility[];
export const THREAD_KIND_VALUES = Object.keys(THREAD_KIND) as ThreadKind[];
export const ATTRIBUTION_VALUES = Object.keys(ATTRIBUTION) as Attribution[];
export const DISPOSITION_VALUES = Object.keys(DISPOSITION) as DispositionValue[];
export const ORG_KIND_VALUES = Object.keys(ORG_KIND) as OrganizationKind[];

export const documentKindLabel = (value: DocumentKind) => t(DOC_KIND[value]);
export const documentStatusLabel = (value: DocumentStatus) => t(DOC_STATUS[value]);
export const visibilityLabel = (value: DocumentVisibility) => t(DOC_VISIBILITY[value]);
export const threadKindLabel = (value: ThreadKind) => t(THREAD_KIND[value]);
export const attributionLabel = (value: Attribution) => t(ATTRIBUTION[value]);
export const attributionHint = (value: Attribution) => t(ATTRIBUTION_HINT[value]);
export const dispositionLabel = (value: DispositionValue) => t(DISPOSITION[value]);
export const orgKindLabel = (value: string) => (value in ORG_KIND ? t(ORG_KIND[value as OrganizationKind]) : value);
export function anchorStateLabel(value: AnchorState): string | null {
  const key = ANCHOR_STATE[value];
  return key ? t(key) : null;
}
export function languageName(code: Language): string {
  return LANGUAGES.find((l) => l.code === code)?.autonym ?? code;
}

const BLOCK_KIND: Record<BlockKind, MessageKey> = {
  title: 'block.kind.title',
  part: 'block.kind.part',
  chapter: 'block.kind.chapter',
  section: 'block.kind.section',
  article: 'block.kind.article',
  paragraph: 'block.kind.paragraph',
  point: 'block.kind.point',
  text: 'block.kind.text',
};
export const blockKindLabel = (value: BlockKind) => t(BLOCK_KIND[value]);
