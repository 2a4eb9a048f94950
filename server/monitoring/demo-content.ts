/**
 * Demo monitoring content for an anti-trafficking national action plan, written for the project
 * (fictional, clearly demo): responsible bodies, indicators, deadlines (some already past) and
 * both voices' entries for "2026 H1" and "2026 H2", with disagreements and overdue measures on
 * purpose. Arabic and English; other languages use the English text.
 */
import type { AssessmentStatus, ImpactRating } from '../../shared/monitoring.ts';

export interface DemoEntry {
  status: AssessmentStatus;
  progress: number;
  evidence: string;
  impact: string;
  rating?: ImpactRating;
}

export interface DemoMeasure {
  responsible: string;
  indicator: string;
  baseline?: string;
  target?: string;
  deadline: string;
  /** [government, NHRI] per period; null: no entry. */
  h1: [DemoEntry | null, DemoEntry | null];
  h2: [DemoEntry | null, DemoEntry | null];
}

const e = (status: AssessmentStatus, progress: number, evidence: string, impact: string, rating?: ImpactRating): DemoEntry => ({ status, progress, evidence, impact, rating });

export const DEMO_MEASURES_EN: DemoMeasure[] = [
  {
    responsible: 'Ministry of Justice | Public Prosecution',
    indicator: 'Prosecutors and judges trained to identify victims of trafficking',
    baseline: '40 trained (2025)',
    target: '250 trained',
    deadline: '2026-06-30',
    h1: [
      e(
        'in_progress',
        55,
        'Three regional sessions (Rabat, Fès, Agadir), 142 participants. Attendance lists: https://demo.tashawur.example/training-2026',
        'Earlier referral of victims to assistance in the three regions.',
        'positive',
      ),
      e('in_progress', 45, 'Observed two sessions; the module on interviewing children was not delivered.', 'Too early to see an effect on prosecutions.', 'unknown'),
    ],
    h2: [
      e('completed', 100, 'Final session held in Oujda in September; 251 trained in total.', 'Case files now record the victim-identification checklist.', 'positive'),
      e(
        'in_progress',
        70,
        'Only 180 attendance certificates could be verified; the child-interview module is still missing.',
        'Identification improved in cities; rural courts not yet covered.',
        'neutral',
      ),
    ],
  },
  {
    responsible: 'Ministry of Interior',
    indicator: 'A free 24/7 hotline for victims, answering in Arabic, Amazigh, French and English',
    baseline: 'No hotline',
    target: 'Hotline operating nationwide',
    deadline: '2026-03-31',
    h1: [
      e('in_progress', 60, 'Call centre contract signed in February; operators recruited.', 'None yet: the line is not open.', 'unknown'),
      e(
        'delayed',
        30,
        'The deadline passed without the line opening; no Amazigh-speaking operator recruited.',
        'Victims still depend on police stations to ask for help.',
        'negative',
      ),
    ],
    h2: [
      e('delayed', 70, 'Pilot opened in two regions in October.', 'First 64 calls received, 9 referred to shelters.', 'positive'),
      e('delayed', 50, 'Test calls at night went unanswered three times out of five.', 'Partial: not available when most needed.', 'negative'),
    ],
  },
  {
    responsible: 'Ministry of Solidarity and Family',
    indicator: 'Specialised shelters open for women and child victims',
    baseline: '0',
    target: '2 shelters with 40 places',
    deadline: '2026-12-31',
    h1: [
      e('in_progress', 30, 'Buildings identified in Casablanca and Tangier; refurbishment tender published.', 'Not yet.', 'unknown'),
      e('in_progress', 25, 'Visited the Casablanca site; accessibility works not planned.', 'Not yet.', 'unknown'),
    ],
    h2: [
      e('in_progress', 65, 'Casablanca shelter staffed; Tangier works at 40%.', 'Twelve women hosted since October.', 'positive'),
      e('in_progress', 40, 'Casablanca shelter open but without a psychologist.', 'Safe accommodation, limited psychological care.', 'neutral'),
    ],
  },
  {
    responsible: 'Ministry of Labour | Labour Inspectorate',
    indicator: 'Inspections of domestic-work recruitment agencies',
    baseline: '35 inspections (2025)',
    target: '300 inspections',
    deadline: '2026-09-30',
    h1: [e('not_started', 0, 'Inspection guide being drafted.', '', undefined), e('not_started', 0, 'No inspection recorded.', '', undefined)],
    h2: [
      e('in_progress', 35, '104 inspections, 11 agencies fined.', 'Confiscated passports returned to 23 workers.', 'positive'),
      e('delayed', 20, 'Inspections concentrated in two cities; no follow-up of fines.', 'Workers in smaller towns remain unprotected.', 'negative'),
    ],
  },
  {
    responsible: 'Ministry of Justice',
    indicator: 'Regulation guaranteeing that victims are not punished for offences they were compelled to commit',
    target: 'Decree adopted and published',
    deadline: '2026-06-30',
    h1: [
      e('in_progress', 50, 'Draft decree sent to the General Secretariat of the Government.', 'Pending adoption.', 'unknown'),
      e('in_progress', 50, 'NHRI opinion submitted on the draft (non-punishment must cover immigration offences).', 'Pending adoption.', 'unknown'),
    ],
    h2: [
      e('completed', 100, 'Decree published in the Official Bulletin in August.', 'Two prosecutions of victims dropped since publication.', 'positive'),
      e('completed', 100, 'Published text includes immigration offences as recommended.', 'Positive; monitoring its application.', 'positive'),
    ],
  },
  {
    responsible: 'National Commission against Trafficking',
    indicator: 'Annual statistics on trafficking cases, disaggregated by sex, age and nationality',
    target: 'Annual report published',
    deadline: '2026-04-30',
    h1: [
      e('completed', 100, 'Annual report 2025 published in April.', 'Public data for policy planning.', 'positive'),
      e('in_progress', 60, 'The report gives no breakdown by nationality and none for forced labour cases.', 'Migrant victims remain invisible in the figures.', 'negative'),
    ],
    h2: [e('completed', 100, 'No change since H1.', 'As in H1.', 'positive'), null],
  },
  {
    responsible: 'Ministry of Interior | Ministry of Foreign Affairs',
    indicator: 'Residence permits for identified victims, whether or not they testify',
    target: 'Procedure in force',
    deadline: '2026-08-31',
    h1: [e('not_started', 0, 'Inter-ministerial working group convened once.', '', undefined), e('not_started', 0, 'No draft shared with the NHRI.', '', undefined)],
    h2: [
      e('discontinued', 10, 'Replaced by case-by-case humanitarian permits.', 'Permits remain discretionary.', 'neutral'),
      e('delayed', 10, 'Case-by-case permits do not meet the plan: the measure should be resumed.', 'Victims who do not testify risk expulsion.', 'negative'),
    ],
  },
  {
    responsible: 'Ministry of Education',
    indicator: 'Schools reached by the awareness programme on trafficking and exploitation',
    baseline: '0',
    target: '500 schools',
    deadline: '2027-06-30',
    h1: [null, null],
    h2: [e('in_progress', 20, 'Teaching kit approved; 96 schools reached.', 'Too early to say.', 'unknown'), null],
  },
];

export const DEMO_MEASURES_AR: DemoMeasure[] = [
  {
    responsible: 'وزارة العدل | رئاسة النيابة العامة',
    indicator: 'عدد القضاة وأعضاء النيابة العامة المكوَّنين في تحديد هوية ضحايا الاتجار بالبشر',
    baseline: '40 مستفيدا (2025)',
    target: '250 مستفيدا',
    deadline: '2026-06-30',
    h1: [
      e(
        'in_progress',
        55,
        'ثلاث دورات جهوية (الرباط، فاس، أكادير) بمشاركة 142 مستفيدا. لوائح الحضور: https://demo.tashawur.example/training-2026',
        'إحالة أسرع للضحايا إلى خدمات المساعدة في الجهات الثلاث.',
        'positive',
      ),
      e('in_progress', 45, 'حضرت المؤسسة دورتين؛ لم تُقدَّم الوحدة الخاصة بالاستماع إلى الأطفال.', 'من السابق لأوانه قياس الأثر على المتابعات.', 'unknown'),
    ],
    h2: [
      e('completed', 100, 'عُقدت الدورة الأخيرة بوجدة في شتنبر؛ المجموع 251 مستفيدا.', 'أصبحت ملفات القضايا تتضمن استمارة تحديد هوية الضحايا.', 'positive'),
      e('in_progress', 70, 'تعذر التحقق إلا من 180 شهادة حضور؛ وحدة الاستماع إلى الأطفال ما تزال غائبة.', 'تحسن تحديد الهوية في المدن دون المحاكم القروية.', 'neutral'),
    ],
  },
  {
    responsible: 'وزارة الداخلية',
    indicator: 'خط هاتفي مجاني للضحايا يعمل على مدار الساعة بالعربية والأمازيغية والفرنسية والإنجليزية',
    baseline: 'لا يوجد خط',
    target: 'خط يغطي التراب الوطني',
    deadline: '2026-03-31',
    h1: [
      e('in_progress', 60, 'توقيع عقد مركز الاتصال في فبراير وتوظيف المستجيبين.', 'لا أثر بعد لأن الخط لم يُفتح.', 'unknown'),
      e('delayed', 30, 'انقضى الأجل دون تشغيل الخط؛ لم يُوظَّف أي مستجيب ناطق بالأمازيغية.', 'ما يزال الضحايا مضطرين إلى اللجوء إلى مراكز الشرطة.', 'negative'),
    ],
    h2: [
      e('delayed', 70, 'افتتاح تجريبي في جهتين في أكتوبر.', 'تلقي 64 مكالمة وإحالة 9 حالات إلى مراكز الإيواء.', 'positive'),
      e('delayed', 50, 'ثلاث مكالمات اختبارية ليلية من أصل خمس بقيت دون رد.', 'أثر جزئي: الخط غير متاح حين تشتد الحاجة إليه.', 'negative'),
    ],
  },
  {
    responsible: 'وزارة التضامن والأسرة',
    indicator: 'مراكز إيواء متخصصة للنساء والأطفال ضحايا الاتجار',
    baseline: '0',
    target: 'مركزان بطاقة 40 سريرا',
    deadline: '2026-12-31',
    h1: [
      e('in_progress', 30, 'تحديد بنايتين في الدار البيضاء وطنجة ونشر طلب عروض للتهيئة.', 'لا أثر بعد.', 'unknown'),
      e('in_progress', 25, 'زيارة موقع الدار البيضاء؛ أشغال الولوجيات غير مبرمجة.', 'لا أثر بعد.', 'unknown'),
    ],
    h2: [
      e('in_progress', 65, 'تعيين طاقم مركز الدار البيضاء؛ أشغال طنجة بلغت 40%.', 'إيواء 12 امرأة منذ أكتوبر.', 'positive'),
      e('in_progress', 40, 'مركز الدار البيضاء مفتوح لكن دون أخصائي نفسي.', 'إيواء آمن مع رعاية نفسية محدودة.', 'neutral'),
    ],
  },
  {
    responsible: 'وزارة الشغل | مفتشية الشغل',
    indicator: 'عدد زيارات التفتيش لوكالات تشغيل العمال المنزليين',
    baseline: '35 زيارة (2025)',
    target: '300 زيارة',
    deadline: '2026-09-30',
    h1: [e('not_started', 0, 'دليل التفتيش قيد الإعداد.', ''), e('not_started', 0, 'لم تُسجَّل أي زيارة تفتيش.', '')],
    h2: [
      e('in_progress', 35, '104 زيارات وتغريم 11 وكالة.', 'استرجاع 23 عاملة لجوازات سفرهن المحتجزة.', 'positive'),
      e('delayed', 20, 'تركزت الزيارات في مدينتين دون تتبع تنفيذ الغرامات.', 'العاملات في المدن الصغرى ما زلن دون حماية.', 'negative'),
    ],
  },
  {
    responsible: 'وزارة العدل',
    indicator: 'نص تنظيمي يضمن عدم معاقبة الضحايا على أفعال أُكرهوا على ارتكابها',
    target: 'مرسوم مصادق عليه ومنشور',
    deadline: '2026-06-30',
    h1: [
      e('in_progress', 50, 'إحالة مشروع المرسوم على الأمانة العامة للحكومة.', 'في انتظار المصادقة.', 'unknown'),
      e('in_progress', 50, 'قدمت المؤسسة رأيها في المشروع (يجب أن يشمل عدم العقاب مخالفات الهجرة).', 'في انتظار المصادقة.', 'unknown'),
    ],
    h2: [
      e('completed', 100, 'نُشر المرسوم في الجريدة الرسمية في غشت.', 'حفظ متابعتين في حق ضحايا منذ النشر.', 'positive'),
      e('completed', 100, 'النص المنشور يشمل مخالفات الهجرة كما أوصت المؤسسة.', 'أثر إيجابي؛ المؤسسة تتابع التطبيق.', 'positive'),
    ],
  },
  {
    responsible: 'اللجنة الوطنية لمكافحة الاتجار بالبشر',
    indicator: 'إحصاءات سنوية عن قضايا الاتجار مصنفة حسب الجنس والسن والجنسية',
    target: 'نشر تقرير سنوي',
    deadline: '2026-04-30',
    h1: [
      e('completed', 100, 'نُشر التقرير السنوي لسنة 2025 في أبريل.', 'معطيات عمومية لتخطيط السياسات.', 'positive'),
      e('in_progress', 60, 'لا يتضمن التقرير تصنيفا حسب الجنسية ولا معطيات عن العمل الجبري.', 'يبقى الضحايا المهاجرون غائبين عن الأرقام.', 'negative'),
    ],
    h2: [e('completed', 100, 'لا جديد منذ الفترة الأولى.', 'كما في الفترة الأولى.', 'positive'), null],
  },
  {
    responsible: 'وزارة الداخلية | وزارة الشؤون الخارجية',
    indicator: 'منح بطاقات الإقامة للضحايا المحدَّدين سواء أدلوا بشهادتهم أم لا',
    target: 'مسطرة سارية المفعول',
    deadline: '2026-08-31',
    h1: [e('not_started', 0, 'اجتمع فريق العمل المشترك بين الوزارات مرة واحدة.', ''), e('not_started', 0, 'لم يُعرض أي مشروع على المؤسسة.', '')],
    h2: [
      e('discontinued', 10, 'عُوِّض التدبير بتراخيص إنسانية تُمنح حالة بحالة.', 'تبقى التراخيص تقديرية.', 'neutral'),
      e('delayed', 10, 'التراخيص حالة بحالة لا تفي بالخطة: يجب استئناف التدبير.', 'الضحايا الذين لا يدلون بشهادتهم معرضون للترحيل.', 'negative'),
    ],
  },
  {
    responsible: 'وزارة التربية الوطنية',
    indicator: 'عدد المؤسسات التعليمية المستفيدة من برنامج التوعية بالاتجار والاستغلال',
    baseline: '0',
    target: '500 مؤسسة',
    deadline: '2027-06-30',
    h1: [null, null],
    h2: [e('in_progress', 20, 'المصادقة على العدة البيداغوجية والوصول إلى 96 مؤسسة.', 'من السابق لأوانه الحكم.', 'unknown'), null],
  },
];
