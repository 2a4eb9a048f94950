/**
 * The assessment form in happy-dom: labelled fields, validation in the interface language, the
 * body sent to PUT /api/measures/:id/assessments/:periodId (with the voice and the revision
 * last seen), and a closed period (409 period_closed) explained instead of a generic error.
 */
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssessmentDialog, type AssessmentTarget } from '../src/features/monitoring/AssessmentDialog.tsx';
import { en } from '../src/i18n/en.ts';
import { setLanguage } from '../src/i18n/index.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const target: AssessmentTarget = { measureId: 'm1', measureName: '(a)', periodId: 'p2', voice: 'nhri', current: null, previous: null };
let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

function mount(handlers: { onSaved?: () => void; onStale?: () => void; onClose?: () => void } = {}) {
  setLanguage('en');
  const root = document.createElement('div');
  document.body.append(root);
  dispose = render(
    () => <AssessmentDialog target={target} onClose={handlers.onClose ?? (() => {})} onSaved={handlers.onSaved ?? (() => {})} onStale={handlers.onStale ?? (() => {})} />,
    root,
  );
  return root;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setValue(root: HTMLElement, selector: string, value: string, event: 'input' | 'change') {
  const el = root.querySelector(selector) as HTMLInputElement | HTMLSelectElement;
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
}

describe('assessment dialog', () => {
  it('is labelled by its heading and validates in the interface language', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const root = mount();
    const dialog = root.querySelector('dialog') as HTMLDialogElement;
    expect(root.querySelector(`#${dialog.getAttribute('aria-labelledby')}`)?.textContent).toContain(en['monitoring.voice.nhri']);
    expect(root.querySelector('label[for="assessment-m1-nhri-progress"]')?.textContent).toBe(en['monitoring.form.progress']);
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    expect(root.textContent).toContain(en['monitoring.validation.status']);
    expect(root.textContent).toContain(en['monitoring.validation.progress']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the voice and the revision last seen, and explains a closed period', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return json(409, { error: { code: 'period_closed', message: 'The reporting period "H2" is closed.' } });
      }),
    );
    const onStale = vi.fn();
    const root = mount({ onStale });
    setValue(root, '#assessment-m1-nhri-status', 'delayed', 'change');
    setValue(root, '#assessment-m1-nhri-progress', '٣٠', 'input');
    setValue(root, '#assessment-m1-nhri-evidence', 'Field visit', 'input');
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await flush();
    await flush();
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/measures/m1/assessments/p2');
    expect(calls[0].init?.method).toBe('PUT');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ status: 'delayed', progress: 30, evidence: 'Field visit', impact: '', voice: 'nhri', expectedRevision: 0 });
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(en['monitoring.error.periodClosed']);
    expect(onStale).toHaveBeenCalled();
  });
});
