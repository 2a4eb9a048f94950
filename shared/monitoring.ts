/**
 * Monitoring action plans on the wire: measures (blocks designated as measures), reporting
 * periods, the two voices' assessments (the government's own progress report and the NHRI's
 * independent assessment), the dashboard and the overdue reminders. The periodic report
 * (JSON/HTML/Word) is described in periodic-report.ts on the server; its JSON follows
 * `PeriodicReport` below.
 */
import { type Static, type TSchema, Type } from 'typebox';
import { CalendarDate, Id, Instant } from './common.ts';
import { BlockKind } from './documents.ts';
import { ThreadKind } from './threads.ts';

export const MONITORING_LIMITS = {
  responsibleLength: 300,
  indicatorLength: 2_000,
  baselineLength: 1_000,
  periodLabelLength: 120,
  evidenceLength: 20_000,
  impactLength: 10_000,
} as const;

export const ASSESSMENT_STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'discontinued'] as const;
export const AssessmentStatus = Type.Enum(ASSESSMENT_STATUSES);
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Who speaks: the owning government's own progress report, or the NHRI's independent assessment. */
export const VOICES = ['government', 'nhri'] as const;
export const Voice = Type.Enum(VOICES);
export type Voice = (typeof VOICES)[number];

export const IMPACT_RATINGS = ['positive', 'neutral', 'negative', 'unknown'] as const;
export const ImpactRating = Type.Enum(IMPACT_RATINGS);
export type ImpactRating = (typeof IMPACT_RATINGS)[number];

export const PERIOD_STATUSES = ['open', 'closed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

const Responsible = Type.String({ minLength: 1, maxLength: MONITORING_LIMITS.responsibleLength, description: 'responsible body; separate several with "|" or ";"' });
const Indicator = Type.String({ minLength: 1, maxLength: MONITORING_LIMITS.indicatorLength });
const Short = Type.String({ maxLength: MONITORING_LIMITS.baselineLength });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CreateMeasureBody = Type.Object(
  {
    /** A block of the current version; the measure follows it across versions. */
    blockId: Id,
    responsible: Responsible,
    indicator: Indicator,
    baseline: Type.Optional(Short),
    target: Type.Optional(Short),
    deadline: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);
export type CreateMeasureBody = Static<typeof CreateMeasureBody>;

export const BulkMeasuresBody = Type.Object(
  {
    /** Every block of this kind (in the scope) becomes a measure; blocks already measures are skipped. */
    blockKind: BlockKind,
    /** Only blocks after this one until the next block of the same or a higher level (e.g. an article). */
    underBlockId: Type.Optional(Id),
    responsible: Responsible,
    indicator: Indicator,
    baseline: Type.Optional(Short),
    target: Type.Optional(Short),
    deadline: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);
export type BulkMeasuresBody = Static<typeof BulkMeasuresBody>;

/** Fields to change; `null` clears an optional field. Earlier values are kept in the audit trail. */
export const UpdateMeasureBody = Type.Object(
  {
    responsible: Type.Optional(Responsible),
    indicator: Type.Optional(Indicator),
    baseline: Type.Optional(Nullable(Short)),
    target: Type.Optional(Nullable(Short)),
    deadline: Type.Optional(Nullable(CalendarDate)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMeasureBody = Static<typeof UpdateMeasureBody>;

export const Assessment = Type.Object({
  id: Id,
  measureId: Id,
  periodId: Id,
  voice: Voice,
  status: AssessmentStatus,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  /** Plain text (may contain links); never HTML. */
  evidence: Type.String(),
  /** The human-rights impact, plain text. */
  impact: Type.String(),
  impactRating: Nullable(ImpactRating),
  /** The organisation speaking (the owner for `government`, the NHRI for `nhri`). */
  organization: Type.Object({ id: Id, name: Type.String() }),
  /** 1 for the first entry, +1 on every save; earlier entries are kept as revisions. */
  revision: Type.Integer({ minimum: 1 }),
  updatedAt: Instant,
});
export type AssessmentDto = Static<typeof Assessment>;

/** An entry with the label of its period (in the measure list). */
export const LatestEntry = Type.Object({ ...Assessment.properties, periodLabel: Type.String() });
export type LatestEntryDto = Static<typeof LatestEntry>;

export const LatestAssessment = Type.Object({ government: Nullable(LatestEntry), nhri: Nullable(LatestEntry) });

export const MeasureBlock = Type.Object({
  kind: BlockKind,
  label: Nullable(Type.String()),
  /** On the current version, or the last known text when the line is gone. */
  text: Type.String(),
  path: Type.String(),
  /** The label of the nearest labelled heading the line sits under (e.g. the article of a point); null when none or the line is gone. */
  parentLabel: Nullable(Type.String()),
  /** false when the line no longer exists in the current version. */
  inCurrentVersion: Type.Boolean(),
  /** The last version that has the line (the current one while it survives). */
  version: Type.Integer(),
  /** Position in the current version; null when the line is gone. */
  ordinal: Nullable(Type.Integer()),
});

export const Measure = Type.Object({
  id: Id,
  documentId: Id,
  blockId: Id,
  block: MeasureBlock,
  responsible: Type.String(),
  indicator: Type.String(),
  baseline: Nullable(Type.String()),
  target: Nullable(Type.String()),
  deadline: Nullable(CalendarDate),
  createdAt: Instant,
  updatedAt: Instant,
  /** Each voice's most recent entry (by reporting period), or null. */
  latest: LatestAssessment,
});
export type MeasureDto = Static<typeof Measure>;

/** The fields of a measure a drafter may edit (see UpdateMeasureBody). */
export const MEASURE_FIELDS = ['responsible', 'indicator', 'baseline', 'target', 'deadline'] as const;
export type MeasureField = (typeof MEASURE_FIELDS)[number];

/** One edit of a measure's fields (by a drafter of the owning organisation), from the audit trail. */
export const MeasureEdit = Type.Object({
  at: Instant,
  changes: Type.Array(Type.Object({ field: Type.Enum(MEASURE_FIELDS), from: Nullable(Type.String()), to: Nullable(Type.String()) })),
});

/** The measure's line as one published version has it. */
export const MeasureLineVersion = Type.Object({
  version: Type.Integer(),
  publishedAt: Instant,
  label: Nullable(Type.String()),
  text: Type.String(),
  /** The text differs from the previous version that has the line (true for the first). */
  changed: Type.Boolean(),
});

/** GET /measures/:id/history: what changed on a measure — its fields, and its line across versions. */
export const MeasureHistory = Type.Object({
  measureId: Id,
  blockId: Id,
  createdAt: Instant,
  /** false when the line is no longer in the current version of the plan. */
  inCurrentVersion: Type.Boolean(),
  currentVersion: Type.Integer(),
  /** Oldest first. */
  edits: Type.Array(MeasureEdit),
  /** Every version that has the line, oldest first. */
  lines: Type.Array(MeasureLineVersion),
});
export type MeasureHistoryDto = Static<typeof MeasureHistory>;

export const BulkMeasuresResult = Type.Object({ created: Type.Array(Measure), skippedExisting: Type.Integer() });

export const CreatePeriodBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: MONITORING_LIMITS.periodLabelLength }),
    startsOn: CalendarDate,
    endsOn: CalendarDate,
  },
  { additionalProperties: false },
);
export type CreatePeriodBody = Static<typeof CreatePeriodBody>;

export const Period = Type.Object({
  id: Id,
  documentId: Id,
  label: Type.String(),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  status: Type.Enum(PERIOD_STATUSES),
  closedAt: Nullable(Instant),
  createdAt: Instant,
});
export type PeriodDto = Static<typeof Period>;

export const AssessmentBody = Type.Object(
  {
    status: AssessmentStatus,
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    evidence: Type.String({ maxLength: MONITORING_LIMITS.evidenceLength }),
    impact: Type.String({ maxLength: MONITORING_LIMITS.impactLength }),
    impactRating: Type.Optional(ImpactRating),
    /** Only for a person who may write both voices (a drafter who is also an NHRI member). */
    voice: Type.Optional(Voice),
    /** Optimistic concurrency: the revision the writer last saw; 409 `conflict` if it moved on. */
    expectedRevision: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type AssessmentBody = Static<typeof AssessmentBody>;

export const AssessmentRow = Type.Object({
  measureId: Id,
  blockId: Id,
  label: Nullable(Type.String()),
  text: Type.String(),
  responsible: Type.String(),
  government: Nullable(Assessment),
  nhri: Nullable(Assessment),
});
export const PeriodAssessments = Type.Object({ period: Period, rows: Type.Array(AssessmentRow) });

export const AssessmentRevision = Type.Object({
  voice: Voice,
  revision: Type.Integer(),
  status: AssessmentStatus,
  progress: Type.Integer(),
  evidence: Type.String(),
  impact: Type.String(),
  impactRating: Nullable(ImpactRating),
  organization: Type.Object({ id: Id, name: Type.String() }),
  savedAt: Instant,
  current: Type.Boolean(),
});

const StatusCounts = Type.Object({
  not_started: Type.Integer(),
  in_progress: Type.Integer(),
  completed: Type.Integer(),
  delayed: Type.Integer(),
  discontinued: Type.Integer(),
  /** Measures this voice has not assessed in the period. */
  not_assessed: Type.Integer(),
});
export type StatusCounts = Static<typeof StatusCounts>;

const VoiceState = Nullable(Type.Object({ status: AssessmentStatus, progress: Type.Integer() }));

export const Disagreement = Type.Object({
  measureId: Id,
  blockId: Id,
  label: Nullable(Type.String()),
  /** The line's text, so rows with the same label ("(a)" under two articles) can be told apart. */
  text: Type.String(),
  /** The label of the heading the line sits under (see MeasureBlock.parentLabel). */
  parentLabel: Nullable(Type.String()),
  responsible: Type.String(),
  government: Type.Object({ status: AssessmentStatus, progress: Type.Integer() }),
  nhri: Type.Object({ status: AssessmentStatus, progress: Type.Integer() }),
  /** government progress − NHRI progress. */
  progressGap: Type.Integer(),
  /** One voice says completed and the other does not. */
  major: Type.Boolean(),
});
export type DisagreementDto = Static<typeof Disagreement>;

export const OverdueMeasure = Type.Object({
  measureId: Id,
  blockId: Id,
  label: Nullable(Type.String()),
  text: Type.String(),
  /** The label of the heading the line sits under (see MeasureBlock.parentLabel). */
  parentLabel: Nullable(Type.String()),
  responsible: Type.String(),
  deadline: CalendarDate,
  daysOverdue: Type.Integer(),
  government: VoiceState,
  nhri: VoiceState,
});
export type OverdueDto = Static<typeof OverdueMeasure>;

const VoiceAverage = Type.Object({ average: Nullable(Type.Number()), assessed: Type.Integer() });

export const PeriodProgress = Type.Object({
  periodId: Id,
  label: Type.String(),
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  government: VoiceAverage,
  nhri: VoiceAverage,
});
export type PeriodProgressDto = Static<typeof PeriodProgress>;

export const Dashboard = Type.Object({
  period: Period,
  /** The responsible-body filter applied, or null. */
  responsible: Nullable(Type.String()),
  /** The date overdue was judged at: the earlier of today (UTC) and the period's end. */
  asOf: CalendarDate,
  measureCount: Type.Integer(),
  counts: Type.Object({ government: StatusCounts, nhri: StatusCounts }),
  disagreements: Type.Array(Disagreement),
  overdue: Type.Array(OverdueMeasure),
  progressByPeriod: Type.Array(PeriodProgress),
  /** Every responsible body of the plan (unfiltered), for the filter. */
  responsibleBodies: Type.Array(Type.String()),
});
export type DashboardDto = Static<typeof Dashboard>;

/** `responsible` filters by one responsible body (empty: all). */
export const DashboardQuery = Type.Object({ responsible: Type.Optional(Type.String({ maxLength: MONITORING_LIMITS.responsibleLength })) }, { additionalProperties: false });

export const ReportQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['json', 'html', 'docx'] as const)), responsible: Type.Optional(Type.String({ maxLength: MONITORING_LIMITS.responsibleLength })) },
  { additionalProperties: false },
);

export const OverdueNotification = Type.Object({
  kind: Type.Literal('measure_overdue'),
  documentId: Id,
  documentTitle: Type.String(),
  /** Why the reader gets it: a drafter of the owner, or an NHRI member. */
  as: Type.Enum(['drafter', 'nhri'] as const),
  measureId: Id,
  blockId: Id,
  label: Nullable(Type.String()),
  /** The line's text and the heading it sits under, so reminders with the same label can be told apart. */
  text: Type.String(),
  parentLabel: Nullable(Type.String()),
  responsible: Type.String(),
  deadline: CalendarDate,
  daysOverdue: Type.Integer(),
  government: Nullable(AssessmentStatus),
  nhri: Nullable(AssessmentStatus),
});
export type OverdueNotificationDto = Static<typeof OverdueNotification>;
export const Notifications = Type.Object({ asOf: CalendarDate, notifications: Type.Array(OverdueNotification) });

const ReportVoice = Nullable(
  Type.Object({
    status: AssessmentStatus,
    progress: Type.Integer(),
    evidence: Type.String(),
    impact: Type.String(),
    impactRating: Nullable(ImpactRating),
    organization: Type.String(),
  }),
);
const ReportTrend = Type.Object({
  /** Progress now minus progress at the previous period (that voice's entry then, or its latest before); null without both. */
  progressDelta: Nullable(Type.Integer()),
  previousStatus: Nullable(AssessmentStatus),
  statusChanged: Type.Boolean(),
});

/** An open thread on a measure's line, as the reader may see it (the thread presenter's redaction applied). */
export const ReportThread = Type.Object({
  id: Id,
  kind: ThreadKind,
  /** Who, as far as the reader may know: "name (organisation)", the organisation alone, or null when anonymous to the reader. */
  who: Nullable(Type.String()),
  /** The start of the opening comment; null when it was withdrawn or hidden. */
  excerpt: Nullable(Type.String()),
  createdAt: Instant,
});
export type ReportThreadDto = Static<typeof ReportThread>;

export const ReportMeasure = Type.Object({
  measureId: Id,
  blockId: Id,
  label: Nullable(Type.String()),
  text: Type.String(),
  inCurrentVersion: Type.Boolean(),
  responsible: Type.String(),
  indicator: Type.String(),
  baseline: Nullable(Type.String()),
  target: Nullable(Type.String()),
  deadline: Nullable(CalendarDate),
  government: ReportVoice,
  nhri: ReportVoice,
  trend: Type.Object({ government: ReportTrend, nhri: ReportTrend }),
  /** Open threads the reader may see whose anchor touches the measure's line. */
  openThreads: Type.Integer(),
  /** Those open threads themselves, oldest first. */
  openThreadList: Type.Array(ReportThread),
  disagreement: Type.Boolean(),
  overdue: Type.Boolean(),
});
export type ReportMeasureDto = Static<typeof ReportMeasure>;

/** The periodic monitoring report as JSON (`?format=json`); HTML and Word render the same content. */
export const PeriodicReport = Type.Object({
  document: Type.Object({ id: Id, title: Type.String(), language: Type.Enum(['ar', 'en', 'fr'] as const), version: Type.Integer() }),
  period: Period,
  previousPeriod: Nullable(Period),
  responsible: Nullable(Type.String()),
  asOf: CalendarDate,
  generatedAt: Instant,
  summary: Type.Object({
    measureCount: Type.Integer(),
    counts: Type.Object({ government: StatusCounts, nhri: StatusCounts }),
    averageProgress: Type.Object({ government: Nullable(Type.Number()), nhri: Nullable(Type.Number()) }),
    disagreements: Type.Integer(),
    overdue: Type.Integer(),
  }),
  measures: Type.Array(ReportMeasure),
  disagreements: Type.Array(Disagreement),
  overdue: Type.Array(OverdueMeasure),
});
export type PeriodicReportDto = Static<typeof PeriodicReport>;

/** `:id/…/:periodId` in the monitoring routes (a document or a measure, and a period). */
export const DocumentPeriodParams = Type.Object({ id: Id, periodId: Id }, { additionalProperties: false });
