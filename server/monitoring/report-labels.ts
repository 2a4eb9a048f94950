/**
 * The words of the periodic monitoring report in the plan's language (ar, en, fr). The report
 * is printed and filed: it speaks the language of the plan, not of the person who downloads it.
 */
import type { AssessmentStatus, ImpactRating } from '../../shared/monitoring.ts';
import type { ThreadKind } from '../../shared/threads.ts';

export type ReportLanguage = 'ar' | 'en' | 'fr';

export interface ReportLabels {
  report: string;
  period: string;
  previousPeriod: string;
  firstPeriod: string;
  generatedOn: string;
  version: string;
  filteredBy: string;
  summary: string;
  measures: string;
  measureCount: string;
  averageProgress: string;
  disagreements: string;
  overdue: string;
  none: string;
  provision: string;
  responsible: string;
  indicator: string;
  baseline: string;
  target: string;
  deadline: string;
  government: string;
  nhri: string;
  status: string;
  progress: string;
  evidence: string;
  impact: string;
  impactRating: string;
  trend: string;
  openThreads: string;
  notAssessed: string;
  lineGone: string;
  daysOverdue: string;
  progressGap: string;
  points: string;
  unchanged: string;
  arrow: string;
  statuses: Record<AssessmentStatus, string>;
  ratings: Record<ImpactRating, string>;
  threadKinds: Record<ThreadKind, string>;
  anonymous: string;
  commentUnavailable: string;
}

const ar: ReportLabels = {
  report: 'التقرير الدوري لرصد التنفيذ',
  period: 'فترة الإبلاغ',
  previousPeriod: 'الفترة السابقة',
  firstPeriod: 'الفترة الأولى (لا توجد فترة سابقة)',
  generatedOn: 'تاريخ الإعداد',
  version: 'الصيغة',
  filteredBy: 'الجهة المسؤولة',
  summary: 'ملخص',
  measures: 'التدابير',
  measureCount: 'عدد التدابير',
  averageProgress: 'متوسط نسبة الإنجاز',
  disagreements: 'اختلاف التقييمين',
  overdue: 'التدابير المتأخرة عن موعدها',
  none: 'لا شيء',
  provision: 'البند',
  responsible: 'الجهة المسؤولة',
  indicator: 'المؤشر',
  baseline: 'خط الأساس',
  target: 'القيمة المستهدفة',
  deadline: 'الأجل',
  government: 'تقرير الحكومة',
  nhri: 'تقييم المؤسسة الوطنية لحقوق الإنسان',
  status: 'الحالة',
  progress: 'نسبة الإنجاز',
  evidence: 'الأدلة',
  impact: 'الأثر على حقوق الإنسان',
  impactRating: 'تقدير الأثر',
  trend: 'التطور منذ الفترة السابقة',
  openThreads: 'ملاحظات مفتوحة',
  notAssessed: 'لم يُقيَّم',
  lineGone: 'لم يعد هذا البند في الصيغة الحالية (آخر نص معروف)',
  daysOverdue: 'أيام التأخير',
  progressGap: 'فارق الإنجاز',
  points: 'نقطة',
  unchanged: 'دون تغيير',
  arrow: '←',
  statuses: { not_started: 'لم يبدأ', in_progress: 'قيد التنفيذ', completed: 'منجز', delayed: 'متأخر', discontinued: 'متوقف' },
  ratings: { positive: 'إيجابي', neutral: 'محايد', negative: 'سلبي', unknown: 'غير معروف' },
  threadKinds: { comment: 'ملاحظة', question: 'سؤال', suggestion: 'اقتراح صياغة' },
  anonymous: 'مجهول الهوية',
  commentUnavailable: '[تعليق مسحوب أو مخفي]',
};

const en: ReportLabels = {
  report: 'Periodic implementation monitoring report',
  period: 'Reporting period',
  previousPeriod: 'Previous period',
  firstPeriod: 'First period (no previous period)',
  generatedOn: 'Generated on',
  version: 'Version',
  filteredBy: 'Responsible body',
  summary: 'Summary',
  measures: 'Measures',
  measureCount: 'Number of measures',
  averageProgress: 'Average progress',
  disagreements: 'Disagreements between the two assessments',
  overdue: 'Overdue measures',
  none: 'None',
  provision: 'Provision',
  responsible: 'Responsible body',
  indicator: 'Indicator',
  baseline: 'Baseline',
  target: 'Target',
  deadline: 'Deadline',
  government: 'Government report',
  nhri: 'NHRI assessment',
  status: 'Status',
  progress: 'Progress',
  evidence: 'Evidence',
  impact: 'Human-rights impact',
  impactRating: 'Impact rating',
  trend: 'Since the previous period',
  openThreads: 'Open comments',
  notAssessed: 'Not assessed',
  lineGone: 'This provision is no longer in the current version (last known text)',
  daysOverdue: 'Days overdue',
  progressGap: 'Progress gap',
  points: 'pts',
  unchanged: 'unchanged',
  arrow: '→',
  statuses: { not_started: 'Not started', in_progress: 'In progress', completed: 'Completed', delayed: 'Delayed', discontinued: 'Discontinued' },
  ratings: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative', unknown: 'Unknown' },
  threadKinds: { comment: 'Comment', question: 'Question', suggestion: 'Drafting suggestion' },
  anonymous: 'Anonymous',
  commentUnavailable: '[comment withdrawn or hidden]',
};

const fr: ReportLabels = {
  report: 'Rapport périodique de suivi de la mise en œuvre',
  period: 'Période de rapport',
  previousPeriod: 'Période précédente',
  firstPeriod: 'Première période (aucune période précédente)',
  generatedOn: 'Établi le',
  version: 'Version',
  filteredBy: 'Organisme responsable',
  summary: 'Synthèse',
  measures: 'Mesures',
  measureCount: 'Nombre de mesures',
  averageProgress: 'Avancement moyen',
  disagreements: 'Désaccords entre les deux évaluations',
  overdue: 'Mesures en retard',
  none: 'Aucune',
  provision: 'Disposition',
  responsible: 'Organisme responsable',
  indicator: 'Indicateur',
  baseline: 'Situation de référence',
  target: 'Cible',
  deadline: 'Échéance',
  government: 'Rapport du gouvernement',
  nhri: 'Évaluation de l’INDH',
  status: 'État',
  progress: 'Avancement',
  evidence: 'Éléments de preuve',
  impact: 'Impact sur les droits humains',
  impactRating: 'Appréciation de l’impact',
  trend: 'Depuis la période précédente',
  openThreads: 'Commentaires ouverts',
  notAssessed: 'Non évalué',
  lineGone: 'Cette disposition ne figure plus dans la version actuelle (dernier texte connu)',
  daysOverdue: 'Jours de retard',
  progressGap: 'Écart d’avancement',
  points: 'pts',
  unchanged: 'inchangé',
  arrow: '→',
  statuses: { not_started: 'Non commencée', in_progress: 'En cours', completed: 'Réalisée', delayed: 'En retard', discontinued: 'Abandonnée' },
  ratings: { positive: 'Positif', neutral: 'Neutre', negative: 'Négatif', unknown: 'Inconnu' },
  threadKinds: { comment: 'Commentaire', question: 'Question', suggestion: 'Proposition de rédaction' },
  anonymous: 'Anonyme',
  commentUnavailable: '[commentaire retiré ou masqué]',
};

const LABELS: Record<ReportLanguage, ReportLabels> = { ar, en, fr };

export function reportLabels(language: string): ReportLabels {
  return LABELS[language as ReportLanguage] ?? en;
}
