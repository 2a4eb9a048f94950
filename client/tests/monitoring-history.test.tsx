/**
 * A measure's history and its evidence links in happy-dom: the measures table flags a line gone
 * from the plan, opens the history dialog (the line per version, the field edits, the period's
 * saved entries of both voices, from GET /measures/:id/history and …/assessments/:periodId/history),
 * and shows http(s) addresses in evidence as links — text nodes and <a> only, never markup.
 */
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssessmentDto, MeasureDto, MeasureHistoryDto, PeriodDto } from '../../shared/monitoring.ts';
import { LinkedText, linkPieces } from '../src/features/monitoring/LinkedText.tsx';
import { MeasuresTable } from '../src/features/monitoring/MeasuresTable.tsx';
import { ar } from '../src/i18n/ar.ts';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const NOW = '2026-10-01T10:00:00.000Z';
const period: PeriodDto = { id: 'p1', documentId: 'd1', label: '2026 H2', startsOn: '2026-07-01', endsOn: '2026-12-31', status: 'open', closedAt: null, createdAt: NOW };
const measure: MeasureDto = {
  id: 'm1',
  documentId: 'd1',
  blockId: 'b1',
  block: { kind: 'point', label: '(b)', text: '(b) Open a hotline.', path: 'art_1__pnt_b', parentLabel: null, inCurrentVersion: false, version: 2, ordinal: null },
  responsible: 'Ministry of Interior',
  indicator: 'Calls answered',
  baseline: null,
  target: 'Hotline open 24/7',
  deadline: '2026-12-31',
  createdAt: NOW,
  updatedAt: NOW,
  latest: { government: null, nhri: null },
};
const evidence = 'Visit report: https://nhri.example/visit?id=3&x=1. Also javascript:alert(1) and <img src=x onerror=alert(1)>';
const government: AssessmentDto = {
  id: 'a1',
  measureId: 'm1',
  periodId: 'p1',
  voice: 'government',
  status: 'completed',
  progress: 100,
  evidence,
  impact: '',
  impactRating: null,
  organization: { id: 'o1', name: 'Ministry of Interior' },
  revision: 2,
  updatedAt: NOW,
};
const history: MeasureHistoryDto = {
  measureId: 'm1',
  blockId: 'b1',
  createdAt: '2026-02-01T09:00:00.000Z',
  inCurrentVersion: false,
  currentVersion: 3,
  edits: [{ at: '2026-03-01T09:00:00.000Z', changes: [{ field: 'target', from: null, to: 'Hotline open 24/7' }] }],
  lines: [
    { version: 1, publishedAt: '2026-01-10T09:00:00.000Z', label: '(b)', text: '(b) Open a free hotline.', changed: true },
    { version: 2, publishedAt: '2026-04-10T09:00:00.000Z', label: '(b)', text: '(b) Open a hotline.', changed: true },
  ],
};
const revisions = [
  { ...government, revision: 1, status: 'in_progress', progress: 40, evidence: 'First call centre staffed.', savedAt: NOW, current: false },
  { ...government, savedAt: NOW, current: true },
];

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

function mount(lang: 'en' | 'ar') {
  setLanguage(lang);
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      if (url === '/api/measures/m1/history') return json(200, history);
      if (url === '/api/measures/m1/assessments/p1/history') return json(200, revisions);
      return json(404, { error: { code: 'not_found', message: 'Not found.' } });
    }),
  );
  const root = document.createElement('div');
  document.body.append(root);
  dispose = render(
    () => (
      <MeasuresTable
        measures={[measure]}
        rows={[{ measureId: 'm1', blockId: 'b1', label: '(b)', text: measure.block.text, responsible: measure.responsible, government, nhri: null }]}
        period={period}
        blockDirs={new Map()}
        writableVoices={[]}
        canEditMeasures={false}
        onSaved={() => {}}
        onStale={() => {}}
        onMeasureSaved={() => {}}
      />
    ),
    root,
  );
  return { root, calls };
}

describe('a measure’s history', () => {
  it('flags a line gone from the plan and shows its versions, field edits and the period’s entries', async () => {
    const { root, calls } = mount('en');
    const row = root.querySelector('tr[data-measure-id="m1"]') as HTMLElement;
    expect(row.querySelector('th')?.textContent).toContain(en['monitoring.line.gone']);
    const button = [...row.querySelectorAll('button')].find((b) => b.textContent?.startsWith(en['monitoring.history.button'])) as HTMLButtonElement;
    expect(button.textContent).toContain('(b) — Open a hotline.');
    button.click();
    const dialog = () => root.querySelector('dialog.monitoring-history') as HTMLDialogElement;
    await vi.waitFor(() => expect(dialog()?.querySelectorAll('li[data-version]')).toHaveLength(2));
    expect(root.querySelector(`#${dialog().getAttribute('aria-labelledby')}`)?.textContent?.replace(/[\u2066-\u2069]/g, '')).toBe('History of the measure (b) — Open a hotline.');
    expect(dialog().textContent).toContain('(b) Open a free hotline.');
    expect(dialog().textContent).toContain(en['monitoring.line.gone']);
    // Interpolated values are wrapped in Unicode isolates; read past them.
    expect(dialog().textContent?.replace(/[\u2066-\u2069]/g, '')).toContain('Target: (empty) → Hotline open 24/7');
    await vi.waitFor(() => expect(dialog().querySelectorAll('li[data-revision]')).toHaveLength(2));
    expect(dialog().querySelector('li[data-revision="1"]')?.textContent).toContain('First call centre staffed.');
    expect(dialog().querySelector('li[data-revision="2"]')?.textContent).toContain(en['monitoring.history.current']);
    expect(calls).toEqual(expect.arrayContaining(['/api/measures/m1/history', '/api/measures/m1/assessments/p1/history']));
    // Keyboard: Close is a real button and closes the dialog.
    const close = [...dialog().querySelectorAll('button')].find((b) => b.textContent === en['monitoring.history.close']) as HTMLButtonElement;
    close.click();
    await vi.waitFor(() => expect(root.querySelector('dialog.monitoring-history')).toBeNull());
  });

  it('speaks Arabic in the dialog', async () => {
    const { root } = mount('ar');
    const row = root.querySelector('tr[data-measure-id="m1"]') as HTMLElement;
    ([...row.querySelectorAll('button')].find((b) => b.textContent?.startsWith(ar['monitoring.history.button'])) as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelector('dialog.monitoring-history li[data-version]')).not.toBeNull());
    expect(root.querySelector('dialog.monitoring-history h3')?.textContent).toBe(ar['monitoring.history.lines']);
  });
});

describe('links in evidence', () => {
  it('makes http(s) addresses links in the measures table and leaves everything else as text', () => {
    const { root } = mount('en');
    const cell = root.querySelector('td[data-voice="government"]') as HTMLElement;
    const links = [...cell.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.textContent])).toEqual([['https://nhri.example/visit?id=3&x=1', 'noopener noreferrer', 'https://nhri.example/visit?id=3&x=1']]);
    expect(cell.querySelector('img')).toBeNull();
    expect(cell.textContent).toContain('javascript:alert(1) and <img src=x onerror=alert(1)>');
  });

  it('cuts text into pieces without trailing punctuation, for http and https only', () => {
    expect(linkPieces('See http://a.example/x, then (https://b.example/y).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'http://a.example/x' },
      { kind: 'text', text: ', then (' },
      { kind: 'link', href: 'https://b.example/y' },
      { kind: 'text', text: ').' },
    ]);
    expect(linkPieces('ftp://x.example and data:text/html,<b>x</b>')).toEqual([{ kind: 'text', text: 'ftp://x.example and data:text/html,<b>x</b>' }]);
    const root = document.createElement('p');
    document.body.append(root);
    dispose = render(() => <LinkedText text={'"><script>alert(1)</script> https://ok.example/"onmouseover=x'} />, root);
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://ok.example/');
  });
});
