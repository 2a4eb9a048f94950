/**
 * The threads issue's "Done when", end to end on a real Arabic law (the Saudi anti-trafficking
 * law of 2009, from the shared corpus), on both database tiers: NGO and NHRI members comment on
 * spans, some confidential, some organisation-only; the drafter answers every thread (a reply
 * and a disposition, with a rationale where required) and publishes an amended version (articles
 * edited, a point moved, a sentence deleted); every thread shows an honest state on the new
 * version, predicted from the edits; after the consultation is closed and the report published,
 * the report downloads as JSON, CSV and DOCX for each role, and each reader sees only what they
 * may: no confidential text of another organisation, no person behind an organisation-only
 * comment except for that organisation.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCorpus } from '../../helpers/corpus.ts';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import type { Driver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';
import { csvRecords, docxTable, docxXml } from './report-files.ts';

const drivers: Driver[] = inject('pgUrl') ? ['postgres', 'embedded'] : ['embedded'];
const LAW = readCorpus('sa-anti-trafficking-law-2009.ar.md');

/** Replaces `from` (which must occur exactly once) by `to`. */
function once(text: string, from: string, to: string): string {
  expect(text.split(from), `"${from}" occurs once in the law`).toHaveLength(2);
  return text.replace(from, to);
}

/**
 * The amended version: article 3's penalty changed, article 4's point 7 moved after point 9,
 * article 7's last sentence deleted, a sentence added at the end of article 17.
 */
function amend(law: string): string {
  let text = once(law, '(خمس عشرة) سنة', '(عشرين) سنة');
  const point7 = '7 إذا كان مرتكبها أكثر من شخص .\n\n';
  text = once(text, point7, '');
  text = once(text, '9 إذا ترتب عليها إلحاق أذى بليغ بالمجني عليه، أو إصابته بعاهة دائمة .\n\n', `9 إذا ترتب عليها إلحاق أذى بليغ بالمجني عليه، أو إصابته بعاهة دائمة .\n\n${point7}`);
  text = once(text, 'ويجوز للمحكمة المختصة استثناء الوالدين والأولاد والزوجين والإخوة والأخوات من أحكام هذه المادة.\n\n', '');
  return once(text, 'في الجريدة الرسمية .', 'في الجريدة الرسمية . وينشر على موقع هيئة حقوق الإنسان.');
}

type Block = Awaited<ReturnType<typeof blocksOf>>[number];
type Anchor = { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
type Role = 'signedOut' | 'otherNgo' | 'ownOrganisation' | 'nhri' | 'drafter' | 'admin';
type AnchorState = 'unchanged' | 'moved' | 'edited' | 'uncertain' | 'outdated';

interface Planned {
  key: string;
  who: 'ngo' | 'ngoColleague' | 'otherNgo' | 'nhri';
  /** A piece of the line's text that finds the line, and the quote on it (or across to `to`). */
  line: string;
  quote: string;
  to?: { line: string; quote: string };
  kind: 'comment' | 'question' | 'suggestion';
  visibility: 'public' | 'confidential';
  attribution: 'named' | 'organization' | 'anonymous';
  disposition: { value: string; rationale?: string };
  /** What the amendment did to the quoted text, hence the state on version 2. */
  expected: AnchorState[];
}

const PLAN: Planned[] = [
  // Article 3 edited after the quote: the quote is intact in an edited line.
  { key: 'T1', who: 'ngo', line: 'يعاقب كل من ارتكب جريمة الاتجار بالأشخاص بالسجن', quote: 'يعاقب كل من ارتكب جريمة الاتجار بالأشخاص', kind: 'suggestion', visibility: 'public', attribution: 'named', disposition: { value: 'accepted' }, expected: ['edited'] },
  // The quoted words were replaced: never shown as if they were still there.
  { key: 'T2', who: 'otherNgo', line: 'يعاقب كل من ارتكب جريمة الاتجار بالأشخاص بالسجن', quote: '(خمس عشرة) سنة', kind: 'comment', visibility: 'public', attribution: 'anonymous', disposition: { value: 'partially_accepted', rationale: 'رفعنا الحد الأقصى دون الحد الأدنى.' }, expected: ['uncertain', 'outdated'] },
  // Article 7's last sentence deleted.
  { key: 'T3', who: 'nhri', line: 'استثناء الوالدين والأولاد', quote: 'استثناء الوالدين والأولاد والزوجين والإخوة والأخوات', kind: 'question', visibility: 'confidential', attribution: 'organization', disposition: { value: 'rejected', rationale: 'حذفت الجملة كلها.' }, expected: ['outdated'] },
  // Article 4's point 7 moved after point 9, unchanged.
  { key: 'T4', who: 'ngoColleague', line: 'إذا كان مرتكبها أكثر من شخص', quote: 'أكثر من شخص', kind: 'comment', visibility: 'public', attribution: 'organization', disposition: { value: 'noted' }, expected: ['moved'] },
  // Articles 5 and 15 untouched.
  { key: 'T5', who: 'otherNgo', line: 'لا يعتد برضا المجني عليه', quote: 'لا يعتد برضا المجني عليه', kind: 'comment', visibility: 'public', attribution: 'named', disposition: { value: 'not_applicable', rationale: 'المادة تتفق مع البروتوكول.' }, expected: ['unchanged'] },
  { key: 'T6', who: 'ngoColleague', line: 'بحقوقه النظامية بلغة يفهمها', quote: 'بلغة يفهمها', kind: 'suggestion', visibility: 'confidential', attribution: 'organization', disposition: { value: 'accepted' }, expected: ['unchanged'] },
  { key: 'T7', who: 'nhri', line: 'إيداعه أحد المراكز المتخصصة', quote: 'إيداعه أحد المراكز المتخصصة', to: { line: 'توفير الحماية الأمنية له', quote: 'توفير الحماية الأمنية' }, kind: 'comment', visibility: 'public', attribution: 'organization', disposition: { value: 'rejected', rationale: 'الحماية مكفولة في نظام آخر.' }, expected: ['unchanged'] },
  // Article 17: a sentence added after the quote.
  { key: 'T8', who: 'nhri', line: 'يعمل بهذا النظام بعد', quote: 'يعمل بهذا النظام بعد (تسعين) يوما من تاريخ نشره في الجريدة الرسمية', kind: 'comment', visibility: 'public', attribution: 'organization', disposition: { value: 'partially_accepted', rationale: 'أضفنا النشر الإلكتروني دون تغيير المدة.' }, expected: ['edited'] },
];

/** The one line containing `needle`, and the offsets of `quote` on it. */
function findOn(blocks: Block[], needle: string, quote: string) {
  const lines = blocks.filter((b) => b.text.includes(needle) && b.kind !== 'title');
  expect(lines, `one line contains "${needle}"`).toHaveLength(1);
  const at = lines[0].text.indexOf(quote);
  expect(at, `"${quote}" is on the line`).toBeGreaterThanOrEqual(0);
  return { block: lines[0], start: at, end: at + quote.length };
}

function anchorOf(blocks: Block[], p: Planned): Anchor {
  const a = findOn(blocks, p.line, p.quote);
  const b = p.to ? findOn(blocks, p.to.line, p.to.quote) : a;
  return { start: { blockId: a.block.id, offset: a.start }, end: { blockId: b.block.id, offset: b.end } };
}

/** The article a line belongs to (its path), or null before the first article. */
function articleOf(blocks: Block[], blockId: string): string | null {
  for (let i = blocks.findIndex((b) => b.id === blockId); i >= 0; i--) if (blocks[i].kind === 'article') return blocks[i].path;
  return null;
}

/** The text an anchor covers on these blocks (lines joined with '\n'). */
function textAt(blocks: Block[], a: Anchor): string {
  const si = blocks.findIndex((b) => b.id === a.start.blockId);
  const ei = blocks.findIndex((b) => b.id === a.end.blockId);
  if (si === ei) return blocks[si].text.slice(a.start.offset, a.end.offset);
  return [blocks[si].text.slice(a.start.offset), ...blocks.slice(si + 1, ei).map((b) => b.text), blocks[ei].text.slice(0, a.end.offset)].join('\n');
}

describe.each(drivers)('on %s: a consultation on the Saudi anti-trafficking law, from comments to the published report', (driver) => {
  let t: TestApp;
  let w: World;
  let doc: string;
  let v1: Block[];
  let v2: Block[];
  const threads = new Map<string, { id: string; plan: Planned; token: string; article: string | null }>();
  const users = (): Record<Planned['who'], TestUser> => ({ ngo: w.ngo, ngoColleague: w.ngoColleague, otherNgo: w.otherNgo, nhri: w.nhri });
  const organisationOf = (who: Planned['who']) => (who === 'ngo' || who === 'ngoColleague' ? 'ngo' : who);

  beforeAll(async () => {
    t = await createTestApp({ driver });
    w = await createWorld(t);
    doc = await createDocument(t, w, { title: 'نظام مكافحة جرائم الاتجار بالأشخاص', text: LAW, format: 'markdown', language: 'ar', open: true });
    v1 = await blocksOf(t, doc);
  }, 60_000);
  afterAll(() => t?.close());

  it('takes comments from NGO and NHRI members on spans, within a line and across lines', async () => {
    for (const p of PLAN) {
      const token = `${p.key}-${driver}`;
      const res = await t.call('POST', `/api/documents/${doc}/threads`, {
        token: users()[p.who].token,
        body: {
          anchor: anchorOf(v1, p),
          version: 1,
          kind: p.kind,
          body: `ملاحظة ${token}: نقترح مراجعة هذا النص.`,
          ...(p.kind === 'suggestion' ? { suggestion: `${p.quote} مع ضمانات للضحايا` } : {}),
          visibility: p.visibility,
          attribution: p.attribution,
        },
      });
      expect(res.statusCode, `${p.key}: ${res.body}`).toBe(201);
      const thread = res.json().thread;
      expect(thread.quote).toBe(textAt(v1, anchorOf(v1, p)));
      threads.set(p.key, { id: thread.id, plan: p, token, article: articleOf(v1, anchorOf(v1, p).start.blockId) });
    }
    expect(PLAN.filter((p) => p.who === 'nhri' && p.visibility === 'confidential')).not.toHaveLength(0);
    expect(PLAN.filter((p) => p.attribution === 'organization')).not.toHaveLength(0);
  });

  it('lets the drafter answer every thread: an official reply and a disposition each', async () => {
    for (const { id, plan } of threads.values()) {
      const reply = await t.call('POST', `/api/threads/${id}/comments`, { token: w.drafter.token, body: { body: `شكرًا، درسنا الملاحظة ${plan.key}.` } });
      expect(reply.statusCode).toBe(201);
      const res = await t.call('POST', `/api/threads/${id}/disposition`, { token: w.drafter.token, body: plan.disposition });
      expect(res.statusCode, `${plan.key}: ${res.body}`).toBe(200);
      expect(res.json().thread.disposition).toMatchObject({ value: plan.disposition.value, rationale: plan.disposition.rationale ?? null });
    }
    const list = (await t.call('GET', `/api/documents/${doc}/threads`, { token: w.drafter.token })).json() as { disposition?: unknown; comments: unknown[] }[];
    expect(list).toHaveLength(PLAN.length);
    expect(list.every((x) => x.disposition && x.comments.length === 2)).toBe(true);
  });

  it('publishes the amended version and gives every thread an honest state on it', async () => {
    const pub = await t.call('POST', `/api/documents/${doc}/versions`, { token: w.drafter.token, body: { note: 'تعديل بعد المشاورة', source: { format: 'markdown', content: amend(LAW) } } });
    expect(pub.statusCode, pub.body).toBe(201);
    v2 = await blocksOf(t, doc);
    const list = (await t.call('GET', `/api/documents/${doc}/threads?version=2`, { token: w.drafter.token })).json() as { id: string; anchorState: AnchorState; anchor: Anchor; quote: string; originalAnchor: Anchor }[];
    expect(list.map((x) => x.id).sort()).toEqual([...threads.values()].map((x) => x.id).sort());
    const shares: Record<string, number> = {};
    for (const { id, plan, article } of threads.values()) {
      const th = list.find((x) => x.id === id);
      if (!th) throw new Error(`${plan.key} is missing on version 2`);
      shares[th.anchorState] = (shares[th.anchorState] ?? 0) + 1;
      expect(plan.expected, `${plan.key} is ${th.anchorState}`).toContain(th.anchorState);
      // The original anchor and quote never change.
      expect(th.originalAnchor).toEqual(anchorOf(v1, plan));
      expect(th.quote).toBe(textAt(v1, anchorOf(v1, plan)));
      // Never in another article; exactly on the quote when it says the text is there.
      expect(articleOf(v2, th.anchor.start.blockId), plan.key).toBe(article);
      if (['unchanged', 'moved', 'edited'].includes(th.anchorState)) expect(textAt(v2, th.anchor)).toBe(th.quote);
      if (th.anchorState === 'outdated') expect(v2.some((b) => b.text.includes(plan.quote))).toBe(false);
    }
    // The answers did not move: the disposition of T1 names the version its change went into.
    const t1 = threads.get('T1');
    const article3 = findOn(v2, 'يعاقب كل من ارتكب جريمة الاتجار بالأشخاص بالسجن', '(عشرين)').block;
    const applied = await t.call('POST', `/api/threads/${t1?.id}/disposition`, { token: w.drafter.token, body: { value: 'accepted', appliedVersion: 2, appliedBlockIds: [article3.id] } });
    expect(applied.statusCode).toBe(200);
    console.log(`${driver}: states on version 2`, shares);
  });

  describe('the published report, for each reader', () => {
    beforeAll(async () => {
      for (const status of ['closed', 'reported']) {
        const res = await t.call('PATCH', `/api/documents/${doc}`, { token: w.drafter.token, body: { status } });
        expect(res.statusCode, res.body).toBe(200);
      }
    });

    const reader = (role: Role): TestUser | null =>
      ({ signedOut: null, otherNgo: w.otherNgo, ownOrganisation: w.ngoColleague, nhri: w.nhri, drafter: w.drafter, admin: w.admin })[role];
    /** The organisation whose confidential threads and organisation-only persons this role may see. */
    const organisation = (role: Role) => ({ signedOut: null, otherNgo: 'otherNgo', ownOrganisation: 'ngo', nhri: 'nhri', drafter: null, admin: null })[role];
    const seesRow = (role: Role, p: Planned) => p.visibility === 'public' || role === 'drafter' || organisation(role) === organisationOf(p.who);
    const knowsPerson = (role: Role, p: Planned) => p.attribution === 'named' || organisation(role) === organisationOf(p.who);

    it.each<Role>(['signedOut', 'otherNgo', 'ownOrganisation', 'nhri', 'drafter', 'admin'])('as %s: JSON, CSV and DOCX hold exactly the rows and names this reader may see', async (role) => {
      const user = reader(role);
      const get = async (format: string) => {
        const res = await t.call('GET', `/api/documents/${doc}/report?format=${format}`, { token: user?.token });
        expect(res.statusCode, res.body).toBe(200);
        return res;
      };
      const json = (await get('json')).json();
      const csv = await get('csv');
      const docx = await get('docx');
      const xml = await docxXml(docx.rawPayload);
      const csvRows = csvRecords(csv.rawPayload);
      const docxRows = await docxTable(docx.rawPayload);
      expect(csvRows[0][0]).toBe('الموضع');
      expect(docxRows[0]).toEqual(csvRows[0]);
      expect(xml).toContain('<w:bidiVisual/>');

      const visible = PLAN.filter((p) => seesRow(role, p));
      expect(json.rows.map((r: { threadId: string }) => r.threadId).sort()).toEqual(visible.map((p) => threads.get(p.key)?.id).sort());
      expect(csvRows).toHaveLength(visible.length + 1);
      expect(docxRows).toHaveLength(visible.length + 1);
      const files = { json: JSON.stringify(json), csv: csv.body, docx: xml };
      for (const [format, bytes] of Object.entries(files)) {
        for (const p of PLAN) {
          const token = threads.get(p.key)?.token as string;
          expect(bytes.includes(token), `${role} ${format} ${p.key} comment`).toBe(seesRow(role, p));
          // The person behind the comment: present only where the attribution allows this reader.
          const person = users()[p.who];
          const namedElsewhere = PLAN.some((o) => o.who === p.who && seesRow(role, o) && knowsPerson(role, o));
          if (!namedElsewhere) {
            for (const trace of [person.name, person.email, person.id]) expect(bytes.includes(trace), `${role} ${format} person of ${p.key}`).toBe(false);
          }
        }
      }
      // Every visible row carries its answer, in Arabic in the files.
      for (const r of json.rows as { threadId: string; disposition: string; who: string; appliedIn: number | null }[]) {
        const p = [...threads.values()].find((x) => x.id === r.threadId)?.plan as Planned;
        expect(r.disposition).toBe(p.disposition.value);
        if (p.attribution === 'anonymous' && role !== 'drafter' && organisation(role) !== organisationOf(p.who)) expect(r.who).toBe('Anonymous');
        if (p.key === 'T1') expect(r.appliedIn).toBe(2);
      }
      expect(csv.body).not.toMatch(/partially_accepted|not_applicable/);
    });

    it('gives the drafter the organisation, never the person, behind organisation-only and anonymous comments', async () => {
      const rows = (await t.call('GET', `/api/documents/${doc}/report?format=json`, { token: w.drafter.token })).json().rows as { threadId: string; who: string }[];
      for (const p of PLAN.filter((x) => x.attribution !== 'named')) {
        const row = rows.find((r) => r.threadId === threads.get(p.key)?.id);
        expect(row?.who).not.toBe('Anonymous');
        expect(row?.who).not.toContain(users()[p.who].name);
      }
    });
  });
});
