/**
 * Demo texts written for Tashawur (fictional; not copied from any real law). They exist so a
 * first start shows a real-looking consultation in Arabic and in English and an action plan.
 */

export const DEMO_LAW_AR = `مشروع قانون حماية ضحايا الاتجار بالأشخاص ومساعدتهم (نموذج تجريبي)

الفصل الأول: أحكام عامة

المادة الأولى
يُقصد بالعبارات الآتية أينما وردت في هذا القانون المعاني المبينة أمام كل منها:
أ- الضحية: كل شخص طبيعي تعرّض لضرر نتيجة جريمة من جرائم الاتجار بالأشخاص.
ب- الهيئة: الهيئة الوطنية لمكافحة الاتجار بالأشخاص.
ج- مقدم الخدمة: كل جهة عامة أو خاصة مرخّص لها بتقديم الإيواء أو الرعاية أو المساعدة القانونية.

المادة الثانية
يهدف هذا القانون إلى حماية الضحايا ومساعدتهم وصون كرامتهم، دون تمييز بسبب الجنس أو الجنسية أو الوضع القانوني.

الفصل الثاني: حقوق الضحايا

المادة الثالثة
لا تُسأل الضحية جزائياً ولا إدارياً عن الأفعال التي ارتكبتها نتيجة مباشرة لكونها ضحية.

المادة الرابعة
تلتزم الهيئة بتوفير ما يلي للضحية خلال مدة لا تتجاوز (30) يوماً من تاريخ التعرف عليها:
1- الإيواء الآمن والرعاية الصحية والنفسية.
2- المساعدة القانونية المجانية والترجمة بلغة تفهمها.
3- مهلة تعافٍ وتفكير لا تقل عن (60) يوماً قبل أي قرار بشأن التعاون مع السلطات.

المادة الخامسة
للضحية الحق في الحصول على تعويض عادل من صندوق يُنشأ لهذا الغرض، وفق ما تحدده اللائحة التنفيذية.

الفصل الثالث: أحكام ختامية

المادة السادسة
تصدر اللائحة التنفيذية لهذا القانون خلال (90) يوماً من تاريخ نشره، بعد التشاور مع المؤسسة الوطنية لحقوق الإنسان ومنظمات المجتمع المدني.
`;

/** An English draft law, so a first start also shows a consultation written left to right. */
export const DEMO_LAW_EN = `Draft Law on Fair Recruitment and the Protection of Migrant Workers (DEMO)

Chapter 1: General provisions

Article 1 – Purpose
This Law sets the duties of recruitment agencies and employers towards migrant workers, so that no worker pays to obtain a job or loses control of their documents.

Article 2 – Definitions
In this Law:
(a) "recruitment agency" means any person who, for profit or not, places a worker with an employer;
(b) "recruitment fee" means any payment asked of a worker, directly or through a third party, in order to be hired or to keep a job;
(c) "inspectorate" means the labour inspectorate of the ministry responsible for labour.

Chapter 2: Duties of agencies and employers

Article 3 – No fees for workers
1. No recruitment agency or employer may charge a worker a recruitment fee, whatever it is called.
2. The employer bears the cost of travel, visas, medical examinations and training required for the job.
3. A fee paid in breach of this article is repaid to the worker within 14 days of a request, with interest.

Article 4 – Identity documents
No one may keep the passport, residence card or bank card of a worker, even with the worker's consent. A worker who asks for their document receives it on the same day.

Article 5 – Written contract
Before leaving their country, the worker receives a written contract in a language they understand, stating the wage, working hours, weekly rest and the conditions for ending the contract.

Chapter 3: Enforcement

Article 6 – Complaints
A worker, a trade union or an association may complain to the inspectorate, which acknowledges the complaint within 3 working days and decides within 30 days. Filing a complaint never affects the worker's residence status.

Article 7 – Penalties
An agency that charges recruitment fees or keeps identity documents loses its licence for at least two years and pays a fine of up to ten times the amounts collected.

Article 8 – Entry into force
This Law enters into force six months after its publication. The ministry publishes the list of licensed agencies and updates it every quarter.
`;

export const DEMO_PLAN_EN = `Draft National Action Plan against Trafficking in Persons 2027–2029 (DEMO)

Part I — Prevention

Article 1
The Government shall raise awareness of the risks of trafficking among migrant workers and their employers.
(a) Publish a multilingual guide on workers' rights at every border crossing.
(b) Train 2,000 labour inspectors to detect indicators of forced labour.
(c) Run a national hotline answering in at least five languages.

Part II — Protection

Article 2
The Government shall ensure that every identified victim receives assistance without delay.
(a) Open three shelters run with civil society, one in each region.
(b) Adopt national referral procedures binding on police, prosecutors and health services.
(c) Guarantee free legal aid to every victim from the first interview.

Part III — Prosecution and partnership

Article 3
The Government shall strengthen accountability and cooperation.
(a) Create a specialised prosecution unit for trafficking cases.
(b) Publish yearly statistics on investigations, prosecutions and convictions, disaggregated by sex and age.
(c) Involve the national human rights institution and NGOs in the yearly review of this plan.
`;

export const DEMO_PLAN_AR = `الخطة الوطنية لمكافحة الاتجار بالبشر 2027–2029 (نموذج تجريبي)

الباب الأول: الوقاية

المادة الأولى
تعمل الحكومة على الحد من مخاطر الاتجار بالبشر في أوساط العمال المهاجرين والفئات الهشة.
أ- تكوين القضاة وأعضاء النيابة العامة على تحديد هوية الضحايا وحمايتهم.
ب- تنظيم حملات توعية متعددة اللغات في المعابر الحدودية ووكالات التشغيل.
ج- إحداث خط هاتفي مجاني يجيب بخمس لغات على الأقل.

الباب الثاني: الحماية

المادة الثانية
تضمن الحكومة حصول كل ضحية على المساعدة دون تأخير ودون شرط التعاون مع السلطات.
أ- فتح ثلاثة مراكز إيواء تديرها الدولة بشراكة مع جمعيات المجتمع المدني.
ب- اعتماد آلية وطنية للإحالة ملزمة للشرطة والنيابة العامة والمصالح الصحية.
ج- ضمان المساعدة القانونية المجانية لكل ضحية منذ أول استماع إليها.

الباب الثالث: الشراكة والمتابعة

المادة الثالثة
تعزز الحكومة المساءلة والتعاون مع المؤسسة الوطنية لحقوق الإنسان والمجتمع المدني.
أ- نشر إحصاءات سنوية عن التحقيقات والمتابعات والأحكام مصنفة حسب الجنس والسن.
ب- إشراك المؤسسة الوطنية لحقوق الإنسان والجمعيات في التقييم السنوي لهذه الخطة.
`;

/** Comments of the demo consultation (fictional), anchored by quoted text. */
export const DEMO_THREADS = [
  {
    quote: 'خلال مدة لا تتجاوز (30) يوماً',
    kind: 'question' as const,
    body: 'ما الذي يحدث إذا لم تُوفَّر الخدمات خلال هذه المدة؟ نقترح تحديد جهة تظلّم مستقلة.',
    visibility: 'public' as const,
    attribution: 'named' as const,
    author: 'ngo',
  },
  {
    quote: 'لا تقل عن (60) يوماً',
    kind: 'suggestion' as const,
    body: 'نوصي بمدة لا تقل عن 90 يوماً انسجاماً مع الممارسات الفضلى.',
    suggestion: 'لا تقل عن (90) يوماً',
    visibility: 'public' as const,
    attribution: 'organization' as const,
    author: 'nhri',
  },
  {
    quote: 'دون تمييز بسبب الجنس أو الجنسية أو الوضع القانوني',
    kind: 'comment' as const,
    body: 'لدينا حالات موثقة لعاملات حُرمن من الإيواء بسبب انتهاء الإقامة؛ نشاركها مع الصائغين بسرية.',
    visibility: 'confidential' as const,
    attribution: 'organization' as const,
    author: 'ngo',
  },
];
