/**
 * The admin's account tools in happy-dom, in French: search, disable with a reason after a
 * confirmation, enable again; the admin's own account offers no button.
 */
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminAccount } from '../../shared/admin.ts';
import { AccountsSection } from '../src/features/admin/AccountsSection.tsx';
import { setLanguage } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const me = { user: { id: 'admin1', email: 'admin@example.org', name: 'Admin Person', isAdmin: true }, memberships: [] };

function fakeApi(calls: { url: string; init?: RequestInit }[]) {
  const accounts: AdminAccount[] = [
    { id: 'admin1', email: 'admin@example.org', name: 'Admin Person', isAdmin: true, createdAt: '2026-01-01T00:00:00Z', disabledAt: null },
    { id: 'u2', email: 'karim@example.org', name: 'كريم', isAdmin: false, createdAt: '2026-01-02T00:00:00Z', disabledAt: null },
  ];
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    if (url === '/api/me') return json(200, me);
    if (url.startsWith('/api/admin/accounts?q=')) return json(200, accounts);
    const action = /^\/api\/admin\/accounts\/([^/]+)\/(disable|enable)$/.exec(url);
    if (action) {
      const account = accounts.find((a) => a.id === action[1]) as AdminAccount;
      account.disabledAt = action[2] === 'disable' ? '2026-11-28T00:00:00Z' : null;
      return json(200, { account });
    }
    return json(404, { error: { code: 'not_found', message: 'Not found.' } });
  });
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function submit(form: HTMLFormElement): void {
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('admin account tools', () => {
  let calls: { url: string; init?: RequestInit }[];
  let container: HTMLDivElement;
  let dispose: () => void;

  beforeEach(() => {
    calls = [];
    vi.stubGlobal('fetch', fakeApi(calls));
    setLanguage('fr');
    container = document.createElement('div');
    document.body.append(container);
    dispose = render(
      () => (
        <SessionProvider>
          <AccountsSection />
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

  it('finds accounts, disables one with a reason after confirming, and enables it again', async () => {
    expect(container.querySelector('h2')?.textContent).toBe('Comptes');
    type(container.querySelector('#account-search') as HTMLInputElement, ' karim ');
    submit(container.querySelector('form') as HTMLFormElement);
    await vi.waitFor(() => expect(container.querySelectorAll('li.card')).toHaveLength(2));
    expect(calls.some((c) => c.url === '/api/admin/accounts?q=karim')).toBe(true);
    const cards = [...container.querySelectorAll('li.card')];
    // Nobody is offered to disable their own account.
    await vi.waitFor(() => expect(cards[0].textContent).toContain('C’est votre propre compte'));
    expect(cards[0].querySelector('button')).toBeNull();

    (cards[1].querySelector('button') as HTMLButtonElement).click();
    const reason = (await vi.waitFor(() => cards[1].querySelector('input') as HTMLInputElement)) as HTMLInputElement;
    type(reason, 'usurpation');
    submit(cards[1].querySelector('form') as HTMLFormElement);
    await vi.waitFor(() => expect(container.querySelector('.status-slot')?.textContent).toContain('est désactivé et a été déconnecté partout'));
    const disable = calls.find((c) => c.url === '/api/admin/accounts/u2/disable');
    expect(JSON.parse(String(disable?.init?.body))).toEqual({ reason: 'usurpation' });
    expect(cards[1].textContent).toContain('Désactivé depuis');

    const enable = [...cards[1].querySelectorAll('button')].find((b) => b.textContent?.includes('Réactiver')) as HTMLButtonElement;
    enable.click();
    await vi.waitFor(() => expect(container.querySelector('.status-slot')?.textContent).toContain('peut de nouveau se connecter'));
    expect(cards[1].textContent).toContain('Actif');
  });
});
