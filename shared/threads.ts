/**
 * Threads, comments, dispositions and endorsements on the wire.
 * Offsets count UTF-16 code units, as browser selections do.
 */
import { type Static, Type } from 'typebox';
import { Id, Instant, LIMITS, QueryInt } from './common.ts';

// No bounds in the schema: an offset outside the line (negative, or past its end) is a bad
// anchor, answered 422 invalid_anchor with the reason by the service, like every other one.
export const BlockOffset = Type.Object(
  { blockId: Id, offset: Type.Integer({ description: `UTF-16 code units from the start of the line: 0 to the line's length (at most ${LIMITS.blockTextLength.toLocaleString('en')})` }) },
  { additionalProperties: false },
);
export const Anchor = Type.Object({ start: BlockOffset, end: BlockOffset }, { additionalProperties: false });
export type Anchor = Static<typeof Anchor>;

export const ANCHOR_STATES = ['unchanged', 'moved', 'edited', 'uncertain', 'outdated'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

export const THREAD_KINDS = ['comment', 'question', 'suggestion'] as const;
export const ThreadKind = Type.Enum(THREAD_KINDS);
export type ThreadKind = (typeof THREAD_KINDS)[number];

export const ThreadVisibility = Type.Union([Type.Literal('public'), Type.Literal('confidential')]);
export type ThreadVisibility = Static<typeof ThreadVisibility>;

export const ATTRIBUTIONS = ['named', 'organization', 'anonymous'] as const;
export const Attribution = Type.Enum(ATTRIBUTIONS);
export type Attribution = (typeof ATTRIBUTIONS)[number];

export const DISPOSITIONS = ['accepted', 'partially_accepted', 'rejected', 'noted', 'not_applicable'] as const;
export const DispositionValue = Type.Enum(DISPOSITIONS);
export type DispositionValue = (typeof DISPOSITIONS)[number];

// Lengths are checked by the services in graphemes (SECURITY.md IN-41/IN-49), which JSON Schema's
// maxLength (code points) cannot express: an emoji family is 7 code points but one character.
const longText = `At most ${LIMITS.commentLength.toLocaleString('en')} characters as a reader counts them (grapheme clusters: an emoji family or a letter with its marks is one).`;
const Body = Type.String({ minLength: 1, description: longText });

export const CreateThreadBody = Type.Object(
  {
    anchor: Anchor,
    /**
     * The version the anchor was selected on. Optional for older clients, but clients send it:
     * an edited line keeps its block id, so offsets from an older version would otherwise quote
     * text the person never selected. Not the current version → 422 invalid_anchor.
     */
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version the span was selected on; must be the current one (else 422 invalid_anchor)' })),
    /** The organisation the author speaks for, when they belong to several (default: the first). */
    organizationId: Type.Optional(Id),
    kind: ThreadKind,
    body: Body,
    suggestion: Type.Optional(Type.String({ description: longText })),
    visibility: ThreadVisibility,
    attribution: Attribution,
  },
  { additionalProperties: false },
);
export type CreateThreadBody = Static<typeof CreateThreadBody>;

export const CommentBody = Type.Object(
  {
    body: Body,
    /** How the reply is signed; by default like the thread for its own organisation, else organisation only. */
    attribution: Type.Optional(Attribution),
  },
  { additionalProperties: false },
);
export const EditCommentBody = Type.Object({ body: Body }, { additionalProperties: false });
export type CommentBody = Static<typeof CommentBody>;

export const DispositionBody = Type.Object(
  {
    value: DispositionValue,
    rationale: Type.Optional(Type.String({ description: longText })),
    appliedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    appliedBlockIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type DispositionBody = Static<typeof DispositionBody>;

export const EndorseBody = Type.Object({ organizationId: Id }, { additionalProperties: false });

/**
 * Settles an `uncertain` anchor on the current version: without `anchor` the thread stays where
 * the server placed it; with `anchor` it moves to that span. `version` guards against a version
 * published meanwhile, whose offsets would mean something else.
 */
export const ConfirmAnchorBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'the version the caller saw the thread on; must be the current one (else 409)' }),
    anchor: Type.Optional(
      Type.Object(
        { start: BlockOffset, end: BlockOffset },
        { additionalProperties: false, description: 'a new span on that version, validated like a new thread’s anchor (else 422); absent: keep the server’s placement' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ConfirmAnchorBody = Static<typeof ConfirmAnchorBody>;
export const HideBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: LIMITS.reasonLength }) }, { additionalProperties: false });

/** Who wrote something, as far as this reader may know. Absent fields are not known to them. */
export const Author = Type.Object({
  name: Type.Optional(Type.String()),
  organization: Type.Optional(Type.Object({ id: Id, name: Type.String(), kind: Type.String() })),
  /** True when the reader is the author. */
  isYou: Type.Optional(Type.Boolean()),
  /** True when the author is a drafter of the owning organisation (an official answer). */
  official: Type.Optional(Type.Boolean()),
});
export type Author = Static<typeof Author>;

export const Comment = Type.Object({
  id: Id,
  threadId: Id,
  /** Absent when withdrawn or hidden. */
  body: Type.Optional(Type.String()),
  author: Author,
  createdAt: Instant,
  editedAt: Type.Union([Instant, Type.Null()]),
  withdrawn: Type.Boolean(),
  hidden: Type.Boolean(),
  hiddenReason: Type.Optional(Type.String()),
  revisionCount: Type.Integer(),
});
export type CommentDto = Static<typeof Comment>;

export const Disposition = Type.Object({
  value: DispositionValue,
  rationale: Type.Union([Type.String(), Type.Null()]),
  by: Author,
  at: Instant,
  appliedVersion: Type.Union([Type.Integer(), Type.Null()]),
  appliedBlockIds: Type.Array(Id),
});

export const Endorsement = Type.Object({ organizationId: Id, name: Type.String() });

export const Thread = Type.Object({
  id: Id,
  documentId: Id,
  versionNumber: Type.Integer({ description: 'the version the thread was opened on' }),
  anchor: Anchor,
  originalAnchor: Anchor,
  anchorState: Type.Enum(ANCHOR_STATES),
  quote: Type.String(),
  prefix: Type.String(),
  suffix: Type.String(),
  kind: ThreadKind,
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
  visibility: ThreadVisibility,
  attribution: Attribution,
  author: Author,
  comments: Type.Array(Comment),
  suggestion: Type.Optional(Type.String()),
  disposition: Type.Optional(Disposition),
  endorsements: Type.Array(Endorsement),
  createdAt: Instant,
});
export type ThreadDto = Static<typeof Thread>;

/** One row of the comment-response report ("matrix"), as GET /documents/:id/report?format=json gives it. */
export const ReportRow = Type.Object({
  threadId: Id,
  /** The article (and point) the thread is on, as labelled in the text. */
  reference: Type.String(),
  /** 1-based line number on the current version. */
  line: Type.Integer(),
  quote: Type.String(),
  /** The opening comment, or a mark when it was withdrawn or hidden. */
  comment: Type.String(),
  replies: Type.Integer(),
  /** Who, as far as the reader may know (attribution applied). */
  who: Type.String(),
  kind: ThreadKind,
  visibility: ThreadVisibility,
  endorsements: Type.Array(Type.String()),
  disposition: Type.Union([DispositionValue, Type.Null()]),
  rationale: Type.Union([Type.String(), Type.Null()]),
  appliedIn: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
});
export type ReportRow = Static<typeof ReportRow>;

export const Report = Type.Object({ documentId: Id, title: Type.String(), version: Type.Integer(), rows: Type.Array(ReportRow) });
export type Report = Static<typeof Report>;

/** GET /api/documents/:id/threads: anchors on version N (default: current), by status or line. */
export const ThreadQuery = Type.Object(
  { version: Type.Optional(QueryInt), status: Type.Optional(Type.Enum(['open', 'resolved'] as const)), blockId: Type.Optional(Id) },
  { additionalProperties: false },
);

/** GET /api/documents/:id/report */
export const ReportQuery = Type.Object({ format: Type.Optional(Type.Enum(['json', 'csv', 'docx'] as const)) }, { additionalProperties: false });
