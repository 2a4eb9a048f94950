/**
 * Reporting periods and the two voices over HTTP on the real database: who opens and closes
 * periods, who writes which voice (government: drafters of the owner; nhri: NHRI members; 403
 * for NGOs, other ministries and admins; 401 signed out; 404 for a reader who cannot see the
 * plan), a closed period refusing writes (409), every save kept as a revision, and the
 * `assessment.saved` event written in the same transaction.
 * SECURITY.md AZ-37 "NHRI tracking of measures": the NHRI writes only its assessment (the nhri
 * voice), the drafter (DRO) only the government status and report, an NGO and a drafter of
 * another ministry (DRX) get 403, and history is kept; the tests proving it carry the id. The
 * measure's own fields are the drafters' alone (tests/integration/monitoring/measures.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, registerUser, type TestApp } from '../../helpers/test-app.ts';
import { createDocument, createWorld, type World } from '../../helpers/world.ts';
import { assess, createPlan, designate, openPeriod, record } from './plan.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

async function planWithMeasure(options: Parameters<typeof createPlan>[2] = {}) {
  const plan = await createPlan(t, w, options);
  const measure = await designate(t, w.drafter, plan.id, plan.points[0].id, { deadline: '2026-06-30' });
  return { plan, measure };
}

const events = (documentId: string) =>
  t.database.db
    .selectFrom('document_event')
    .select(['kind', 'payload', 'actor_id', 'seq'])
    .where('document_id', '=', documentId)
    .where('kind', '=', 'assessment.saved')
    .orderBy('seq')
    .execute();

describe('reporting periods', () => {
  it('lets an NHRI member and a drafter open periods, listed in reporting order', async () => {
    const { plan } = await planWithMeasure();
    await openPeriod(t, w.nhri, plan.id, '2026 H2', '2026-07-01', '2026-12-31');
    await openPeriod(t, w.drafter, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    const list = (await t.call('GET', `/api/documents/${plan.id}/periods`)).json();
    expect(list.map((p: { label: string }) => p.label)).toEqual(['2026 H1', '2026 H2']);
    expect(list[0]).toMatchObject({ startsOn: '2026-01-01', endsOn: '2026-06-30', status: 'open', closedAt: null });
  });

  it('refuses a period ending before it starts (422), a duplicate label (409) and a law (422)', async () => {
    const { plan } = await planWithMeasure();
    const backwards = await t.call('POST', `/api/documents/${plan.id}/periods`, { token: w.nhri.token, body: { label: 'Q1', startsOn: '2026-03-31', endsOn: '2026-01-01' } });
    expect(backwards.statusCode).toBe(422);
    await openPeriod(t, w.nhri, plan.id, 'Q1', '2026-01-01', '2026-03-31');
    expect(
      (await t.call('POST', `/api/documents/${plan.id}/periods`, { token: w.drafter.token, body: { label: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' } })).statusCode,
    ).toBe(409);
    const law = await createDocument(t, w, { kind: 'law', open: true });
    expect((await t.call('POST', `/api/documents/${law}/periods`, { token: w.nhri.token, body: { label: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' } })).statusCode).toBe(
      422,
    );
  });

  it.each([
    ['an NGO member', 403, 'ngo'],
    ['a drafter of another ministry', 403, 'otherDrafter'],
    ['an admin', 403, 'admin'],
    ['someone signed out', 401, null],
  ] as const)('refuses %s opening or closing a period (%i)', async (_label, status, who) => {
    const { plan } = await planWithMeasure();
    const token = who ? w[who].token : undefined;
    expect((await t.call('POST', `/api/documents/${plan.id}/periods`, { token, body: { label: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31' } })).statusCode).toBe(status);
    const period = await openPeriod(t, w.nhri, plan.id, 'Q2', '2026-04-01', '2026-06-30');
    expect((await t.call('POST', `/api/periods/${period.id}/close`, { token })).statusCode).toBe(status);
    expect((await t.call('GET', `/api/documents/${plan.id}/periods`)).json().map((p: { status: string }) => p.status)).toEqual(['open']);
  });

  it('makes a closed period read-only for both voices (409 period_closed); closing twice changes nothing', async () => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.drafter, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    await record(t, w.drafter, measure.id, period.id, 'in_progress', 40);
    const closed = await t.call('POST', `/api/periods/${period.id}/close`, { token: w.nhri.token });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().period).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    for (const who of [w.drafter, w.nhri]) {
      const res = await assess(t, who, measure.id, period.id, { status: 'completed', progress: 100 });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('period_closed');
    }
    const again = await t.call('POST', `/api/periods/${period.id}/close`, { token: w.drafter.token });
    expect(again.json().period.closedAt).toBe(closed.json().period.closedAt);
    const rows = (await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/assessments`)).json().rows;
    expect(rows[0].government).toMatchObject({ status: 'in_progress', progress: 40, revision: 1 });
    expect(await events(plan.id)).toHaveLength(1);
  });
});

describe('the two voices (AZ-37 NHRI tracking of measures)', () => {
  it('AZ-37 stores the government report by a drafter (DRO) and the NHRI assessment by an NHRI member, side by side', async () => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    const gov = await assess(t, w.drafter, measure.id, period.id, {
      status: 'completed',
      progress: 100,
      evidence: 'Report: https://gov.example/report?a=1&b=2 <b>done</b>',
      impact: 'Victims referred earlier.',
      impactRating: 'positive',
    });
    expect(gov.statusCode, gov.body).toBe(201);
    expect(gov.json().assessment).toMatchObject({ voice: 'government', organization: { id: w.ministryId, name: 'Ministry of Justice' }, revision: 1 });
    const nhri = await assess(t, w.nhri, measure.id, period.id, { status: 'delayed', progress: 40, evidence: 'Visited 3 courts.', impact: 'Not yet visible.' });
    expect(nhri.statusCode).toBe(201);
    expect(nhri.json().assessment).toMatchObject({ voice: 'nhri', organization: { id: w.nhriId, name: 'National Human Rights Council' }, impactRating: null });
    const side = (await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/assessments`)).json();
    expect(side.period.id).toBe(period.id);
    expect(side.rows).toHaveLength(1);
    expect(side.rows[0]).toMatchObject({ measureId: measure.id, label: '(a)', government: { status: 'completed', progress: 100 }, nhri: { status: 'delayed', progress: 40 } });
    // Evidence is stored as the plain text it was, links and angle brackets included.
    expect(side.rows[0].government.evidence).toBe('Report: https://gov.example/report?a=1&b=2 <b>done</b>');
    const list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(list[0].latest.government).toMatchObject({ status: 'completed', periodLabel: '2026 H1' });
    expect(list[0].latest.nhri).toMatchObject({ status: 'delayed', periodLabel: '2026 H1' });
  });

  it.each([
    ['an NGO member', 403, 'ngo'],
    ['a drafter of another ministry', 403, 'otherDrafter'],
    ['an admin', 403, 'admin'],
    ['someone signed out', 401, null],
  ] as const)('AZ-37 refuses an assessment by %s (%i) and stores nothing', async (_label, status, who) => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, 'P', '2026-01-01', '2026-06-30');
    const res = await assess(t, who ? w[who] : null, measure.id, period.id, { status: 'completed', progress: 100 });
    expect(res.statusCode).toBe(status);
    expect(await events(plan.id)).toHaveLength(0);
  });

  it('AZ-37 refuses a drafter writing the NHRI voice and an NHRI member writing the government voice (403)', async () => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, 'P', '2026-01-01', '2026-06-30');
    expect((await assess(t, w.drafter, measure.id, period.id, { status: 'completed', progress: 100, voice: 'nhri' })).statusCode).toBe(403);
    expect((await assess(t, w.nhri, measure.id, period.id, { status: 'completed', progress: 100, voice: 'government' })).statusCode).toBe(403);
  });

  it('makes a person who is both drafter and NHRI member say which voice (422 without it)', async () => {
    const both = await registerUser(t, { name: 'Both Roles Bilal' });
    await addMember(t, w.drafter, w.ministryId, both);
    await addMember(t, w.nhri, w.nhriId, both);
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, 'P', '2026-01-01', '2026-06-30');
    expect((await assess(t, both, measure.id, period.id, { status: 'in_progress', progress: 10 })).statusCode).toBe(422);
    const res = await assess(t, both, measure.id, period.id, { status: 'in_progress', progress: 10, voice: 'nhri' });
    expect(res.statusCode).toBe(201);
    expect(res.json().assessment).toMatchObject({ voice: 'nhri', organization: { id: w.nhriId } });
  });

  it('answers 404 to a reader who cannot see the plan, for the assessment and every monitoring read', async () => {
    const { plan, measure } = await planWithMeasure({ open: false });
    const period = await openPeriod(t, w.drafter, plan.id, 'P', '2026-01-01', '2026-06-30');
    const missing = await t.call('PUT', `/api/measures/unknown-measure/assessments/${period.id}`, {
      token: w.nhri.token,
      body: { status: 'delayed', progress: 0, evidence: '', impact: '' },
    });
    const hidden = await assess(t, w.nhri, measure.id, period.id, { status: 'delayed', progress: 0 });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    for (const url of [
      `/api/documents/${plan.id}/periods`,
      `/api/documents/${plan.id}/periods/${period.id}/assessments`,
      `/api/documents/${plan.id}/periods/${period.id}/dashboard`,
      `/api/documents/${plan.id}/periods/${period.id}/report`,
      `/api/measures/${measure.id}/assessments/${period.id}/history`,
    ]) {
      expect((await t.call('GET', url, { token: w.nhri.token })).statusCode, url).toBe(404);
    }
    expect((await t.call('POST', `/api/periods/${period.id}/close`, { token: w.nhri.token })).statusCode).toBe(404);
    expect(
      (await t.call('POST', `/api/documents/${plan.id}/periods`, { token: w.nhri.token, body: { label: 'X', startsOn: '2026-01-01', endsOn: '2026-01-02' } })).statusCode,
    ).toBe(404);
  });

  it('refuses a period of another plan (404) and out-of-range input (400)', async () => {
    const a = await planWithMeasure();
    const b = await planWithMeasure();
    const periodOfB = await openPeriod(t, w.nhri, b.plan.id, 'P', '2026-01-01', '2026-06-30');
    expect((await assess(t, w.nhri, a.measure.id, periodOfB.id, { status: 'delayed', progress: 10 })).statusCode).toBe(404);
    expect((await assess(t, w.nhri, b.measure.id, periodOfB.id, { status: 'delayed', progress: 101 })).statusCode).toBe(400);
    expect((await assess(t, w.nhri, b.measure.id, periodOfB.id, { status: 'finished', progress: 10 })).statusCode).toBe(400);
    expect((await assess(t, w.nhri, b.measure.id, periodOfB.id, { status: 'delayed', progress: 10, extra: 1 })).statusCode).toBe(400);
  });
});

describe('revisions and events', () => {
  it('AZ-37 keeps every earlier entry as a revision (history kept), emits one assessment.saved per change, and ignores a save that changes nothing', async () => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    await record(t, w.nhri, measure.id, period.id, 'in_progress', 20, { evidence: 'First visit.' });
    await record(t, w.nhri, measure.id, period.id, 'in_progress', 35, { evidence: 'Second visit.' });
    const third = await assess(t, w.nhri, measure.id, period.id, { status: 'delayed', progress: 35, evidence: 'Third visit.', impact: 'Shelters full.', impactRating: 'negative' });
    expect(third.statusCode).toBe(200);
    expect(third.json().assessment.revision).toBe(3);
    const same = await assess(t, w.nhri, measure.id, period.id, { status: 'delayed', progress: 35, evidence: 'Third visit.', impact: 'Shelters full.', impactRating: 'negative' });
    expect(same.statusCode).toBe(200);
    expect(same.json().assessment.revision).toBe(3);
    await record(t, w.drafter, measure.id, period.id, 'completed', 100);

    const revisions = await t.database.db.selectFrom('assessment_revision').select(['revision', 'progress', 'evidence', 'author_id']).orderBy('revision').execute();
    const mine = revisions.filter((r) => r.evidence === 'First visit.' || r.evidence === 'Second visit.');
    expect(mine.map((r) => [r.revision, r.progress, r.evidence, r.author_id])).toEqual([
      [1, 20, 'First visit.', w.nhri.id],
      [2, 35, 'Second visit.', w.nhri.id],
    ]);
    const history = (await t.call('GET', `/api/measures/${measure.id}/assessments/${period.id}/history`)).json();
    expect(history.map((h: { voice: string; revision: number; current: boolean }) => `${h.voice}:${h.revision}:${h.current}`)).toEqual([
      'government:1:true',
      'nhri:1:false',
      'nhri:2:false',
      'nhri:3:true',
    ]);

    const saved = await events(plan.id);
    expect(saved).toHaveLength(4);
    expect(saved.map((e) => e.payload)).toEqual([
      { measureId: measure.id, periodId: period.id, voice: 'nhri' },
      { measureId: measure.id, periodId: period.id, voice: 'nhri' },
      { measureId: measure.id, periodId: period.id, voice: 'nhri' },
      { measureId: measure.id, periodId: period.id, voice: 'government' },
    ]);
    expect(saved.map((e) => e.actor_id)).toEqual([w.nhri.id, w.nhri.id, w.nhri.id, w.drafter.id]);
  });

  it('refuses a save based on an outdated revision (409 conflict) and keeps the newer entry', async () => {
    const { plan, measure } = await planWithMeasure();
    const period = await openPeriod(t, w.nhri, plan.id, 'P', '2026-01-01', '2026-06-30');
    await record(t, w.drafter, measure.id, period.id, 'in_progress', 20, { expectedRevision: 0 });
    await record(t, w.drafter, measure.id, period.id, 'in_progress', 50, { expectedRevision: 1 });
    const stale = await assess(t, w.drafter, measure.id, period.id, { status: 'completed', progress: 100, expectedRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const rows = (await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/assessments`)).json().rows;
    expect(rows[0].government).toMatchObject({ progress: 50, revision: 2 });
  });

  it('shows the entry of the latest period per voice in the measure list, whatever order they were saved in', async () => {
    const { plan, measure } = await planWithMeasure();
    const h2 = await openPeriod(t, w.nhri, plan.id, '2026 H2', '2026-07-01', '2026-12-31');
    const h1 = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    await record(t, w.nhri, measure.id, h2.id, 'completed', 100);
    await record(t, w.nhri, measure.id, h1.id, 'in_progress', 30);
    const list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(list[0].latest.nhri).toMatchObject({ periodId: h2.id, periodLabel: '2026 H2', status: 'completed' });
    expect(list[0].latest.government).toBeNull();
  });
});
