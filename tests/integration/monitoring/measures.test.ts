/**
 * Measures over HTTP on the real database: drafters designate lines of an action plan (one, or
 * every point under an article), nobody else can; laws and unknown lines are refused; the list
 * shows each measure's line; edits keep the earlier values; and a measure follows its line into
 * a new version (and says so, with the last known text, when the line is gone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createDocument, createWorld, type World } from '../../helpers/world.ts';
import { createPlan, designate, PLAN_EN } from './plan.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

const body = (blockId: string) => ({ blockId, responsible: 'Ministry of Interior', indicator: 'Hotline open 24/7' });

describe('designating a measure', () => {
  it('lets a drafter designate a point; the list shows its line, fields and no assessment yet', async () => {
    const plan = await createPlan(t, w);
    const res = await t.call('POST', `/api/documents/${plan.id}/measures`, {
      token: w.drafter.token,
      body: {
        blockId: plan.points[1].id,
        responsible: '  Ministry of Interior ',
        indicator: 'Hotline open 24/7',
        baseline: 'No hotline',
        target: 'Nationwide',
        deadline: '2026-03-31',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: res.json().measure.id,
      blockId: plan.points[1].id,
      responsible: 'Ministry of Interior',
      deadline: '2026-03-31',
      baseline: 'No hotline',
      block: { kind: 'point', label: '(b)', text: '(b) Open a free 24/7 hotline for victims.', inCurrentVersion: true, version: 1, ordinal: plan.points[1].ordinal },
      latest: { government: null, nhri: null },
    });
  });

  it('refuses a law (422), a line that is not in the plan (422), an impossible date (400) and a line already a measure (409)', async () => {
    const law = await createDocument(t, w, { kind: 'law', open: true });
    const lawBlocks = (await t.call('GET', `/api/documents/${law}`)).json().blocks;
    const onLaw = await t.call('POST', `/api/documents/${law}/measures`, { token: w.drafter.token, body: body(lawBlocks[1].id) });
    expect(onLaw.statusCode).toBe(422);
    const plan = await createPlan(t, w);
    const other = await createPlan(t, w);
    expect((await t.call('POST', `/api/documents/${plan.id}/measures`, { token: w.drafter.token, body: body(other.points[0].id) })).statusCode).toBe(422);
    expect((await t.call('POST', `/api/documents/${plan.id}/measures`, { token: w.drafter.token, body: { ...body(plan.points[0].id), deadline: '2026-02-30' } })).statusCode).toBe(
      400,
    );
    await designate(t, w.drafter, plan.id, plan.points[0].id);
    const again = await t.call('POST', `/api/documents/${plan.id}/measures`, { token: w.drafter.token, body: body(plan.points[0].id) });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await t.call('GET', `/api/documents/${plan.id}/measures`)).json()).toHaveLength(1);
  });

  it.each([
    ['an NGO member', 403, 'ngo'],
    ['a drafter of another ministry', 403, 'otherDrafter'],
    ['an NHRI member', 403, 'nhri'],
    ['an admin', 403, 'admin'],
    ['someone signed out', 401, null],
  ] as const)('refuses %s (%i), in bulk too, and stores nothing', async (_label, status, who) => {
    const plan = await createPlan(t, w);
    const token = who ? w[who].token : undefined;
    expect((await t.call('POST', `/api/documents/${plan.id}/measures`, { token, body: body(plan.points[0].id) })).statusCode).toBe(status);
    expect((await t.call('POST', `/api/documents/${plan.id}/measures/bulk`, { token, body: { blockKind: 'point', responsible: 'X', indicator: 'Y' } })).statusCode).toBe(status);
    expect((await t.call('GET', `/api/documents/${plan.id}/measures`)).json()).toEqual([]);
  });

  it('answers 404, byte for byte as a missing id, to a reader who cannot see the plan', async () => {
    const plan = await createPlan(t, w, { open: false }); // draft: drafters only
    await designate(t, w.drafter, plan.id, plan.points[0].id);
    const missing = await t.call('GET', '/api/documents/nope-nope-nope/measures', { token: w.nhri.token });
    const hidden = await t.call('GET', `/api/documents/${plan.id}/measures`, { token: w.nhri.token });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await t.call('POST', `/api/documents/${plan.id}/measures`, { token: w.otherDrafter.token, body: body(plan.points[1].id) })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${plan.id}/measures`)).statusCode).toBe(404);
  });
});

describe('designating in bulk', () => {
  it('designates the points under one article only, skips lines already measures, and refuses an empty scope', async () => {
    const plan = await createPlan(t, w);
    const article1 = plan.blocks.find((b) => b.label === 'Article 1') as { id: string };
    const article3 = plan.blocks.find((b) => b.label === 'Article 3') as { id: string };
    await designate(t, w.drafter, plan.id, plan.points[0].id);
    const under = await t.call('POST', `/api/documents/${plan.id}/measures/bulk`, {
      token: w.drafter.token,
      body: { blockKind: 'point', underBlockId: article1.id, responsible: 'Ministry of Labour', indicator: 'Done', deadline: '2026-09-30' },
    });
    expect(under.statusCode, under.body).toBe(201);
    expect(under.json().skippedExisting).toBe(1);
    expect(under.json().created.map((m: { block: { text: string } }) => m.block.text)).toEqual([plan.points[1].text, plan.points[2].text]);
    expect(under.json().created[0]).toMatchObject({ responsible: 'Ministry of Labour', deadline: '2026-09-30' });
    const all = await t.call('POST', `/api/documents/${plan.id}/measures/bulk`, {
      token: w.drafter.token,
      body: { blockKind: 'point', responsible: 'Ministry of Solidarity', indicator: 'Done' },
    });
    expect(all.json()).toMatchObject({ skippedExisting: 3 });
    expect(all.json().created).toHaveLength(2);
    const none = await t.call('POST', `/api/documents/${plan.id}/measures/bulk`, {
      token: w.drafter.token,
      body: { blockKind: 'point', underBlockId: article3.id, responsible: 'X', indicator: 'Y' },
    });
    expect(none.statusCode).toBe(422);
    const list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(list.map((m: { block: { ordinal: number } }) => m.block.ordinal)).toEqual(plan.points.map((p) => p.ordinal));
  });

  it('replays a retried bulk request with the same Idempotency-Key instead of designating twice', async () => {
    const plan = await createPlan(t, w);
    const call = () =>
      t.call('POST', `/api/documents/${plan.id}/measures/bulk`, {
        token: w.drafter.token,
        body: { blockKind: 'point', responsible: 'X', indicator: 'Y' },
        headers: { 'idempotency-key': 'bulk-1' },
      });
    const first = await call();
    const second = await call();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect((await t.call('GET', `/api/documents/${plan.id}/measures`)).json()).toHaveLength(5);
  });
});

describe('editing a measure', () => {
  it('AZ-37 lets drafters change fields, keeps the previous values in the audit trail, and refuses others (NGO, NHRI, another ministry, admin: 403)', async () => {
    const plan = await createPlan(t, w);
    const measure = await designate(t, w.drafter, plan.id, plan.points[0].id, { deadline: '2026-06-30', target: '250 people' });
    const res = await t.call('PATCH', `/api/measures/${measure.id}`, { token: w.drafter.token, body: { responsible: 'Public Prosecution', deadline: '2026-12-31', target: null } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().measure).toMatchObject({ responsible: 'Public Prosecution', deadline: '2026-12-31', target: null, indicator: 'People trained' });
    const audit = await t.database.db
      .selectFrom('audit_entry')
      .select(['detail', 'actor_id'])
      .where('object_id', '=', measure.id)
      .where('action', '=', 'measure.updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(w.drafter.id);
    expect(audit[0].detail).toEqual({
      previous: { responsible: 'Ministry of Justice', deadline: '2026-06-30', target: '250 people' },
      next: { responsible: 'Public Prosecution', deadline: '2026-12-31', target: null },
      requestId: expect.any(String),
    });
    for (const who of ['ngo', 'nhri', 'otherDrafter', 'admin'] as const) {
      expect((await t.call('PATCH', `/api/measures/${measure.id}`, { token: w[who].token, body: { responsible: 'X' } })).statusCode).toBe(403);
    }
    expect((await t.call('PATCH', `/api/measures/${measure.id}`, { body: { responsible: 'X' } })).statusCode).toBe(401);
    expect((await t.call('PATCH', `/api/measures/${measure.id}`, { token: w.drafter.token, body: {} })).statusCode).toBe(400);
    expect((await t.call('PATCH', '/api/measures/unknown-id', { token: w.drafter.token, body: { responsible: 'X' } })).statusCode).toBe(404);
  });
});

describe('measures across versions', () => {
  it('keeps a measure on its line through a new version, and shows the last known text once the line is gone', async () => {
    const plan = await createPlan(t, w);
    const hotline = await designate(t, w.drafter, plan.id, plan.points[1].id);
    const agencies = await designate(t, w.drafter, plan.id, plan.points[2].id);
    // Version 2: a new first point, other lines edited; the hotline line is unchanged.
    const v2 = PLAN_EN.replace('Article 1\n', 'Article 1\nThe State shall coordinate all ministries.\n').replace(
      'publishes annual statistics.',
      'publishes statistics twice a year.',
    );
    const published = await t.call('POST', `/api/documents/${plan.id}/versions`, {
      token: w.drafter.token,
      body: { note: 'Second reading', source: { format: 'text', content: v2 } },
    });
    expect(published.statusCode, published.body).toBe(201);
    let list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    const moved = list.find((m: { id: string }) => m.id === hotline.id);
    expect(moved.blockId).toBe(plan.points[1].id);
    expect(moved.block).toMatchObject({ inCurrentVersion: true, version: 2, ordinal: plan.points[1].ordinal + 1, text: '(b) Open a free 24/7 hotline for victims.' });
    // Version 3: the agencies line is removed.
    const v3 = v2.replace('(c) Inspect recruitment agencies for domestic workers.\n', '');
    expect(
      (await t.call('POST', `/api/documents/${plan.id}/versions`, { token: w.drafter.token, body: { note: 'Third reading', source: { format: 'text', content: v3 } } })).statusCode,
    ).toBe(201);
    list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(list.map((m: { id: string }) => m.id)).toEqual([hotline.id, agencies.id]);
    expect(list[1].block).toEqual({
      kind: 'point',
      label: '(c)',
      text: '(c) Inspect recruitment agencies for domestic workers.',
      path: expect.any(String),
      parentLabel: null,
      inCurrentVersion: false,
      version: 2,
      ordinal: null,
    });
    expect(list[0].block.inCurrentVersion).toBe(true);
  });
});

describe('a measure’s history', () => {
  it('gives the edits of its fields and its line per version to whoever may read the plan, and flags a line gone from the plan', async () => {
    const plan = await createPlan(t, w);
    const hotline = await designate(t, w.drafter, plan.id, plan.points[1].id, { deadline: '2026-06-30' });
    const edit = (body: Record<string, unknown>) => t.call('PATCH', `/api/measures/${hotline.id}`, { token: w.drafter.token, body });
    expect((await edit({ deadline: '2026-12-31', target: 'Hotline open 24/7' })).statusCode).toBe(200);
    expect((await edit({ responsible: 'Ministry of Interior' })).statusCode).toBe(200);
    const publish = async (content: string, note: string) =>
      expect((await t.call('POST', `/api/documents/${plan.id}/versions`, { token: w.drafter.token, body: { note, source: { format: 'text', content } } })).statusCode).toBe(201);
    const v2 = PLAN_EN.replace('(b) Open a free 24/7 hotline for victims.', '(b) Open a free 24/7 hotline for victims, in Arabic, Amazigh and French.');
    await publish(v2, 'Second reading');

    const history = async (token?: string) => {
      const res = await t.call('GET', `/api/measures/${hotline.id}/history`, { token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const seen = await history(w.ngo.token);
    expect(seen).toMatchObject({ measureId: hotline.id, blockId: plan.points[1].id, inCurrentVersion: true, currentVersion: 2 });
    expect(seen.edits.map((e: { changes: unknown }) => e.changes)).toEqual([
      [
        { field: 'target', from: null, to: 'Hotline open 24/7' },
        { field: 'deadline', from: '2026-06-30', to: '2026-12-31' },
      ],
      [{ field: 'responsible', from: 'Ministry of Justice', to: 'Ministry of Interior' }],
    ]);
    // Values only: never who made the edit.
    expect(JSON.stringify(seen)).not.toContain(w.drafter.id);
    expect(seen.lines.map((l: { version: number; text: string; changed: boolean }) => [l.version, l.text, l.changed])).toEqual([
      [1, '(b) Open a free 24/7 hotline for victims.', true],
      [2, '(b) Open a free 24/7 hotline for victims, in Arabic, Amazigh and French.', true],
    ]);
    expect((await history()).edits).toHaveLength(2); // a public plan: anyone may read it

    await publish(v2.replace(/\(b\) Open a free 24\/7 hotline[^\n]*\n/, ''), 'Third reading');
    const gone = await history(w.drafter.token);
    expect(gone.inCurrentVersion).toBe(false);
    expect(gone.lines.map((l: { version: number }) => l.version)).toEqual([1, 2]);
    const listed = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json().find((m: { id: string }) => m.id === hotline.id);
    expect(listed.block.inCurrentVersion).toBe(false);
  });

  it('answers 404 to a reader who may not see the plan, as for a missing measure', async () => {
    const hidden = await createPlan(t, w, { open: false });
    const measure = await designate(t, w.drafter, hidden.id, hidden.points[0].id);
    const res = await t.call('GET', `/api/measures/${measure.id}/history`, { token: w.ngo.token });
    expect(res.statusCode).toBe(404);
    expect(res.body).toBe((await t.call('GET', '/api/measures/nope-nope-nope/history', { token: w.ngo.token })).body);
    expect((await t.call('GET', `/api/measures/${measure.id}/history`, { token: w.drafter.token })).statusCode).toBe(200);
  });
});

describe('the contract', () => {
  it('describes every monitoring route in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/documents/{id}/measures',
        '/api/documents/{id}/measures/bulk',
        '/api/measures/{id}',
        '/api/documents/{id}/periods',
        '/api/periods/{id}/close',
        '/api/measures/{id}/assessments/{periodId}',
        '/api/measures/{id}/assessments/{periodId}/history',
        '/api/measures/{id}/history',
        '/api/documents/{id}/periods/{periodId}/assessments',
        '/api/documents/{id}/periods/{periodId}/dashboard',
        '/api/documents/{id}/periods/{periodId}/report',
        '/api/me/notifications',
      ]),
    );
  });
});
