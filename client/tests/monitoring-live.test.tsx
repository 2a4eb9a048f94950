/**
 * The monitoring dashboard stays live: with the page open, another person's save arrives as an
 * `assessment.saved` event on the document's channel, and the page refetches the dashboard and
 * the entries — the new disagreement and the changed government cell appear without a reload,
 * and a polite status says so. The channel is replaced by a fake (the real socket is covered by
 * the integration tests); the API by a fake fetch whose answers change after the save.
 */
import { MemoryRouter, Route, createMemoryHistory } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssessmentDto, DashboardDto, MeasureDto, PeriodDto } from '../../shared/monitoring.ts';
import MonitoringPage from '../src/features/monitoring/MonitoringPage.tsx';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';
import type { ChannelHandlers } from '../src/state/realtime.ts';
import { SessionProvider } from '../src/state/session.ts';

const channel = vi.hoisted(() => ({ handlers: null as ChannelHandlers | null, closed: 0 }));
vi.mock('../src/state/realtime.ts', () => ({
  openChannel: (_documentId: string, handlers: ChannelHandlers) => {
    channel.handlers = handlers;
    return { close: () => void channel.closed++ };
  },
}));

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const NOW = '2026-11-01T10:00:00.000Z';
const me = {
  user: { id: 'u-nhri', email: 'nhri@example.org', name: 'Nadia', isAdmin: false },
  memberships: [{ organizationId: 'o-nhri', role: 'member', organizationName: 'NHRI', organizationKind: 'nhri', approved: true }],
};
const period: PeriodDto = { id: 'p1', documentId: 'd1', label: '2026 H2', startsOn: '2026-07-01', endsOn: '2026-12-31', status: 'open', closedAt: null, createdAt: NOW };
const block = { kind: 'point' as const, label: '(a)', text: '(a) Train judges.', path: 'art_1__pnt_a', parentLabel: 'Article 1', inCurrentVersion: true, version: 1, ordinal: 3 };
const measure: MeasureDto = {
  id: 'm1',
  documentId: 'd1',
  blockId: 'b1',
  block,
  responsible: 'Ministry of Justice',
  indicator: 'Judges trained',
  baseline: null,
  target: null,
  deadline: '2027-06-30',
  createdAt: NOW,
  updatedAt: NOW,
  latest: { government: null, nhri: null },
};
const entry = (voice: 'government' | 'nhri', status: AssessmentDto['status'], progress: number, revision: number): AssessmentDto => ({
  id: `a-${voice}`,
  measureId: 'm1',
  periodId: 'p1',
  voice,
  status,
  progress,
  evidence: '',
  impact: '',
  impactRating: null,
  organization: { id: `o-${voice}`, name: voice === 'nhri' ? 'NHRI' : 'Ministry of Justice' },
  revision,
  updatedAt: NOW,
});
const counts = { not_started: 0, in_progress: 0, completed: 0, delayed: 0, discontinued: 0, not_assessed: 0 };

function dashboard(saved: boolean): DashboardDto {
  return {
    period,
    responsible: null,
    asOf: '2026-11-01',
    measureCount: 1,
    counts: { government: { ...counts, [saved ? 'completed' : 'in_progress']: 1 }, nhri: { ...counts, delayed: 1 } },
    disagreements: saved
      ? [{ measureId: 'm1', blockId: 'b1', label: '(a)', text: block.text, parentLabel: 'Article 1', responsible: 'Ministry of Justice', government: { status: 'completed', progress: 100 }, nhri: { status: 'delayed', progress: 40 }, progressGap: 60, major: true }]
      : [],
    overdue: [],
    progressByPeriod: [],
    responsibleBodies: ['Ministry of Justice'],
  };
}

function fakeApi(state: { saved: boolean }) {
  return vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url === '/api/me') return json(200, me);
    if (url === '/api/documents/d1') {
      return json(200, {
        document: { id: 'd1', title: 'Plan', kind: 'action_plan', status: 'open', visibility: 'public', organizationId: 'o-gov', organizationName: 'Ministry of Justice', language: 'en', currentVersion: 1, can: { edit: false, comment: true, answer: false } },
        blocks: [{ id: 'b1', ordinal: 3, kind: 'point', label: '(a)', path: block.path, text: block.text, dir: 'ltr' }],
      });
    }
    if (url === '/api/documents/d1/periods') return json(200, [period]);
    if (url === '/api/documents/d1/measures') return json(200, [measure]);
    if (url.startsWith('/api/documents/d1/periods/p1/dashboard')) return json(200, dashboard(state.saved));
    if (url === '/api/documents/d1/periods/p1/assessments') {
      const government = state.saved ? entry('government', 'completed', 100, 2) : entry('government', 'in_progress', 40, 1);
      return json(200, { period, rows: [{ measureId: 'm1', blockId: 'b1', label: '(a)', text: block.text, responsible: 'Ministry of Justice', government, nhri: entry('nhri', 'delayed', 40, 1) }] });
    }
    return json(404, { error: { code: 'not_found', message: 'Not found.' } });
  });
}

describe('an open monitoring dashboard', () => {
  let container: HTMLDivElement;
  let dispose: () => void;
  const state = { saved: false };

  beforeEach(() => {
    state.saved = false;
    vi.stubGlobal('fetch', fakeApi(state));
    setLanguage('en');
    container = document.createElement('div');
    document.body.append(container);
    const history = createMemoryHistory();
    history.set({ value: '/documents/d1/monitoring' });
    dispose = render(
      () => (
        <SessionProvider>
          <MemoryRouter history={history}>
            <Route path="/documents/:id/monitoring" component={MonitoringPage} />
          </MemoryRouter>
        </SessionProvider>
      ),
      container,
    );
  });

  afterEach(() => {
    dispose();
    container.remove();
    vi.unstubAllGlobals();
  });

  it('shows another person’s save (assessment.saved) without a reload: the disagreement appears and the government cell changes', async () => {
    const governmentCell = () => container.querySelector('.monitoring-measures tr[data-measure-id="m1"] td[data-voice="government"]');
    await vi.waitFor(() => expect(governmentCell()?.textContent).toContain(en['monitoring.status.in_progress']));
    expect(container.textContent).toContain(en['monitoring.disagreements.none']);
    expect(channel.handlers).not.toBeNull();

    // The drafter saves elsewhere; the server's event reaches this page.
    state.saved = true;
    channel.handlers?.onEvent({ kind: 'assessment.saved', seq: 7, documentId: 'd1', data: { measureId: 'm1', periodId: 'p1', voice: 'government' } } as never);

    await vi.waitFor(() => expect(container.querySelector('.monitoring-disagreements tr[data-measure-id="m1"]')).not.toBeNull());
    const row = container.querySelector('.monitoring-disagreements tr[data-measure-id="m1"]') as HTMLElement;
    expect(row.querySelector('th')?.textContent).toBe('Article 1 (a) — Train judges.');
    await vi.waitFor(() => expect(governmentCell()?.textContent).toContain(en['monitoring.status.completed']));
    expect(container.querySelector('[role="status"]')?.textContent).toBe(en['monitoring.live.updated']);
  });

  it('ignores other events and closes its channel when the page goes away', async () => {
    await vi.waitFor(() => expect(channel.handlers).not.toBeNull());
    const fetch = globalThis.fetch as ReturnType<typeof vi.fn>;
    await vi.waitFor(() => expect(container.querySelector('.monitoring-measures')).not.toBeNull());
    const before = fetch.mock.calls.length;
    channel.handlers?.onEvent({ kind: 'thread.created', seq: 8, documentId: 'd1', data: {} } as never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetch.mock.calls.length).toBe(before);
    const closed = channel.closed;
    dispose();
    expect(channel.closed).toBe(closed + 1);
    dispose = () => {};
  });
});
