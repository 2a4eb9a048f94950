/**
 * The words of the comment-response report files (CSV and Word) in the document's language.
 * The report is filed with the law: it speaks the language of the text, not of the person who
 * downloads it. The JSON report keeps the codes (`partially_accepted`, `[withdrawn]`), which
 * clients translate themselves. Model: server/monitoring/report-labels.ts; the words follow the
 * client's catalogues (client/src/i18n) so screen and file agree.
 */
import type { DispositionValue, ThreadKind, ThreadVisibility } from '../../shared/threads.ts';

export type ReportLanguage = 'ar' | 'en' | 'fr';

export interface ThreadReportLabels {
  subtitle: string;
  columns: {
    reference: string;
    line: string;
    quote: string;
    comment: string;
    replies: string;
    who: string;
    kind: string;
    visibility: string;
    endorsedBy: string;
    disposition: string;
    rationale: string;
    appliedIn: string;
    status: string;
  };
  kinds: Record<ThreadKind, string>;
  visibilities: Record<ThreadVisibility, string>;
  dispositions: Record<DispositionValue, string>;
  statuses: Record<'open' | 'resolved', string>;
  anonymous: string;
  withdrawn: string;
  hidden: string;
  /** How a list of lines reads after the version number, e.g. "2 (lines 4, 7)". */
  appliedLines: (version: number, lines: number[]) => string;
}

const ar: ThreadReportLabels = {
  subtitle: 'تقرير الملاحظات والردود',
  columns: {
    reference: 'الموضع',
    line: 'السطر',
    quote: 'المقطع',
    comment: 'الملاحظة',
    replies: 'الردود',
    who: 'من',
    kind: 'النوع',
    visibility: 'الاطلاع',
    endorsedBy: 'أيّدتها',
    disposition: 'الرد',
    rationale: 'الأسباب',
    appliedIn: 'طُبّقت في النسخة',
    status: 'الحالة',
  },
  kinds: { comment: 'ملاحظة', question: 'سؤال', suggestion: 'صياغة مقترحة' },
  visibilities: { public: 'علنية', confidential: 'سرّية لمعدّي المشروع' },
  dispositions: { accepted: 'مقبولة', partially_accepted: 'مقبولة جزئيًا', rejected: 'مرفوضة', noted: 'أُحيط بها علمًا', not_applicable: 'لا تنطبق' },
  statuses: { open: 'مفتوح', resolved: 'محسوم' },
  anonymous: 'دون اسم',
  withdrawn: '[سحبها كاتبها]',
  hidden: '[أخفاها مشرف]',
  appliedLines: (version, lines) => `${version} (الأسطر ${lines.join('، ')})`,
};

const en: ThreadReportLabels = {
  subtitle: 'Comment-response report',
  columns: {
    reference: 'Reference',
    line: 'Line',
    quote: 'Quoted text',
    comment: 'Comment',
    replies: 'Replies',
    who: 'Who',
    kind: 'Kind',
    visibility: 'Visibility',
    endorsedBy: 'Endorsed by',
    disposition: 'Disposition',
    rationale: 'Rationale',
    appliedIn: 'Applied in version',
    status: 'Status',
  },
  kinds: { comment: 'Comment', question: 'Question', suggestion: 'Suggested wording' },
  visibilities: { public: 'Public', confidential: 'Confidential to the drafters' },
  dispositions: { accepted: 'Accepted', partially_accepted: 'Partially accepted', rejected: 'Rejected', noted: 'Noted', not_applicable: 'Not applicable' },
  statuses: { open: 'Open', resolved: 'Resolved' },
  anonymous: 'Anonymous',
  withdrawn: '[withdrawn]',
  hidden: '[hidden]',
  appliedLines: (version, lines) => `${version} (lines ${lines.join(', ')})`,
};

const fr: ThreadReportLabels = {
  subtitle: 'Rapport des commentaires et réponses',
  columns: {
    reference: 'Où',
    line: 'Ligne',
    quote: 'Passage',
    comment: 'Commentaire',
    replies: 'Réponses',
    who: 'De',
    kind: 'Type',
    visibility: 'Visibilité',
    endorsedBy: 'Soutenu par',
    disposition: 'Réponse',
    rationale: 'Motifs',
    appliedIn: 'Appliqué dans la version',
    status: 'Statut',
  },
  kinds: { comment: 'Commentaire', question: 'Question', suggestion: 'Rédaction proposée' },
  visibilities: { public: 'Public', confidential: 'Confidentiel, pour les rédacteurs' },
  dispositions: { accepted: 'Accepté', partially_accepted: 'Partiellement accepté', rejected: 'Rejeté', noted: 'Pris en note', not_applicable: 'Sans objet' },
  statuses: { open: 'Ouvert', resolved: 'Résolu' },
  anonymous: 'Anonyme',
  withdrawn: '[retiré]',
  hidden: '[masqué]',
  appliedLines: (version, lines) => `${version} (lignes ${lines.join(', ')})`,
};

const LABELS: Record<ReportLanguage, ThreadReportLabels> = { ar, en, fr };

/** The labels for a document's language; English for anything else. */
export function threadReportLabels(language: string): ThreadReportLabels {
  return LABELS[language as ReportLanguage] ?? en;
}
