/**
 * Documents, versions and blocks ("lines") on the wire.
 */
import { type Static, Type } from 'typebox';
import { Direction, Id, Instant, Language, LIMITS, QueryInt } from './common.ts';

export const BLOCK_KINDS = ['title', 'part', 'chapter', 'section', 'article', 'paragraph', 'point', 'text'] as const;
export const BlockKind = Type.Enum(BLOCK_KINDS);
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** One line of a draft as detected by the importer, before it has an id. */
export interface ParsedBlock {
  kind: BlockKind;
  /** Structural label as written ("Article 3", "المادة الثالثة", "(b)"), or null for plain text. */
  label: string | null;
  /** Akoma Ntoso-style eId of the block, unique in its version (e.g. `chp_2__art_3__para_1`). */
  path: string;
  text: string;
  dir: Direction;
}

export const Block = Type.Object({
  /** Stable across versions while the line survives. */
  id: Id,
  ordinal: Type.Integer({ minimum: 0 }),
  kind: BlockKind,
  label: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
  text: Type.String(),
  dir: Direction,
});
export type Block = Static<typeof Block>;

export const DOCUMENT_KINDS = ['law', 'action_plan'] as const;
export const DocumentKind = Type.Enum(DOCUMENT_KINDS);
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_STATUSES = ['draft', 'open', 'closed', 'reported'] as const;
export const DocumentStatus = Type.Enum(DOCUMENT_STATUSES);
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const VISIBILITIES = ['public', 'registered', 'invited'] as const;
export const DocumentVisibility = Type.Enum(VISIBILITIES);
export type DocumentVisibility = (typeof VISIBILITIES)[number];

export const SOURCE_FORMATS = ['text', 'markdown', 'docx'] as const;
export const Source = Type.Object(
  {
    format: Type.Enum(SOURCE_FORMATS),
    /** The text itself, or for docx the file in base64. */
    content: Type.String({ maxLength: Math.ceil((LIMITS.sourceBytes * 4) / 3) + 4 }),
  },
  { additionalProperties: false },
);
export type Source = Static<typeof Source>;

export const Document = Type.Object({
  id: Id,
  title: Type.String(),
  kind: DocumentKind,
  status: DocumentStatus,
  visibility: DocumentVisibility,
  organizationId: Id,
  organizationName: Type.String(),
  language: Language,
  opensAt: Type.Union([Instant, Type.Null()]),
  closesAt: Type.Union([Instant, Type.Null()]),
  currentVersion: Type.Integer(),
  /** Present only for drafters of the owning organisation. */
  invitedOrganizationIds: Type.Optional(Type.Array(Id)),
  /** What the caller may do, so clients need not re-derive the policy. */
  can: Type.Object({
    edit: Type.Boolean(),
    comment: Type.Boolean(),
    answer: Type.Boolean(),
  }),
  createdAt: Instant,
  updatedAt: Instant,
});
export type DocumentDto = Static<typeof Document>;

export const VersionSummary = Type.Object({
  number: Type.Integer(),
  note: Type.String(),
  publishedAt: Instant,
  blockCount: Type.Integer(),
});
export type VersionSummary = Static<typeof VersionSummary>;

export const CreateDocumentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.titleLength }),
    kind: DocumentKind,
    organizationId: Id,
    visibility: DocumentVisibility,
    invitedOrganizationIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
    language: Language,
    source: Source,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** When true, nothing is stored: the answer is the detected blocks (preview). */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateDocumentBody = Static<typeof CreateDocumentBody>;

export const PreviewBody = Type.Object({ source: Source, language: Type.Optional(Language) }, { additionalProperties: false });
export type PreviewBody = Static<typeof PreviewBody>;

export const UpdateDocumentBody = Type.Object(
  {
    status: Type.Optional(DocumentStatus),
    opensAt: Type.Optional(Type.Union([Instant, Type.Null()])),
    closesAt: Type.Optional(Type.Union([Instant, Type.Null()])),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.titleLength })),
    visibility: Type.Optional(DocumentVisibility),
    invitedOrganizationIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type UpdateDocumentBody = Static<typeof UpdateDocumentBody>;

export const NewVersionBody = Type.Object(
  { source: Source, note: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type NewVersionBody = Static<typeof NewVersionBody>;

export const DIFF_CHANGES = ['unchanged', 'edited', 'added', 'removed', 'moved'] as const;
export type DiffChange = (typeof DIFF_CHANGES)[number];

/** A character range [start, end) in UTF-16 code units. */
export const TextRange = Type.Object({ start: Type.Integer(), end: Type.Integer() });
export type TextRange = Static<typeof TextRange>;

export const DiffEntry = Type.Object({
  blockId: Id,
  change: Type.Enum(DIFF_CHANGES),
  label: Type.Union([Type.String(), Type.Null()]),
  oldOrdinal: Type.Optional(Type.Integer()),
  newOrdinal: Type.Optional(Type.Integer()),
  oldText: Type.Optional(Type.String()),
  newText: Type.Optional(Type.String()),
  /** For `edited`: ranges of oldText that were deleted. */
  deleted: Type.Optional(Type.Array(TextRange)),
  /** For `edited`: ranges of newText that were inserted. */
  inserted: Type.Optional(Type.Array(TextRange)),
});
export type DiffEntry = Static<typeof DiffEntry>;

/** GET /api/documents */
export const DocumentListQuery = Type.Object({ status: Type.Optional(DocumentStatus), kind: Type.Optional(DocumentKind) }, { additionalProperties: false });

/** GET /api/documents/:id (default: the current version) */
export const DocumentQuery = Type.Object({ version: Type.Optional(QueryInt) }, { additionalProperties: false });

/** GET /api/documents/:id/diff */
export const DiffQuery = Type.Object({ from: QueryInt, to: QueryInt }, { additionalProperties: false });

/** GET /api/documents/:id/versions/:n/export */
export const ExportParams = Type.Object({ id: Id, n: QueryInt }, { additionalProperties: false });
export const ExportQuery = Type.Object({ format: Type.Union([Type.Literal('akn'), Type.Literal('md'), Type.Literal('docx')]) }, { additionalProperties: false });
