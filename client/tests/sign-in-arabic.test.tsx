/**
 * The sign-in page rendered in happy-dom with the interface in Arabic: the document is right to
 * left, labels are Arabic, mistakes show in an error summary, and a correct form signs in.
 */
import { createMemoryHistory, MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SignInPage from '../src/features/account/SignInPage.tsx';
import { setLanguage } from '../src/i18n/index.ts';
import { SessionProvider } from '../src/state/session.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const demoMe = {
  user: { id: 'u1', email: 'ngo@demo.tashawur.example', name: 'كريم', isAdmin: false },
  memberships: [],
};

/** A fake API: signed out until a login with the right password. */
function fakeApi(calls: Call[]) {
  let signedIn = false;
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    if (url === '/api/me') return signedIn ? json(200, demoMe) : json(401, { error: { code: 'not_signed_in', message: 'Sign in first.' } });
    if (url === '/api/auth/login') {
      const body = JSON.parse(String(init?.body)) as { password: string };
      if (body.password !== 'demo-password-2026') return json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
      signedIn = true;
      return json(200, { user: demoMe.user, token: 'secret' });
    }
    return json(404, { error: { code: 'not_found', message: 'Not found.' } });
  });
}

function renderSignIn() {
  const history = createMemoryHistory();
  history.set({ value: '/signin?next=%2Forganizations' });
  const container = document.createElement('div');
  document.body.append(container);
  const dispose = render(
    () => (
      <SessionProvider>
        <MemoryRouter history={history}>
          <Route path="/signin" component={SignInPage} />
          <Route path="/organizations" component={() => <p id="arrived" />} />
        </MemoryRouter>
      </SessionProvider>
    ),
    container,
  );
  return { container, history, dispose };
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function submit(container: HTMLElement): void {
  const form = container.querySelector('form') as HTMLFormElement;
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

describe('sign-in page in Arabic', () => {
  let calls: Call[];
  let view: ReturnType<typeof renderSignIn>;

  beforeEach(() => {
    calls = [];
    vi.stubGlobal('fetch', fakeApi(calls));
    setLanguage('ar');
    view = renderSignIn();
  });

  afterEach(() => {
    view.dispose();
    view.container.remove();
    vi.unstubAllGlobals();
  });

  it('lays the document out right to left with Arabic labels', () => {
    expect(document.documentElement.getAttribute('dir')).toBe('rtl');
    expect(document.documentElement.getAttribute('lang')).toBe('ar');
    const label = view.container.querySelector('label[for="signin-email"]');
    expect(label?.textContent).toBe('البريد الإلكتروني');
    expect(view.container.querySelector('h1')?.textContent).toBe('تسجيل الدخول');
    // Email addresses are written left to right even in an Arabic page.
    expect(view.container.querySelector('#signin-email')?.getAttribute('dir')).toBe('ltr');
  });

  it('switches to English and back without reloading', () => {
    setLanguage('en');
    expect(document.documentElement.getAttribute('dir')).toBe('ltr');
    expect(view.container.querySelector('label[for="signin-email"]')?.textContent).toBe('Email address');
    setLanguage('ar');
    expect(view.container.querySelector('label[for="signin-email"]')?.textContent).toBe('البريد الإلكتروني');
  });

  it('lists mistakes in an Arabic error summary and marks the fields invalid', () => {
    submit(view.container);
    const summary = view.container.querySelector('[role="alert"]');
    expect(summary?.textContent).toContain('توجد مشكلة');
    expect(summary?.textContent).toContain('أدخل بريدك الإلكتروني.');
    const email = view.container.querySelector('#signin-email') as HTMLInputElement;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('signin-email-error');
    expect(document.getElementById('signin-email-error')?.textContent).toContain('أدخل بريدك الإلكتروني.');
    expect(calls.filter((call) => call.url === '/api/auth/login')).toHaveLength(0);
  });

  it('translates the server error code for a wrong password', async () => {
    type(view.container.querySelector('#signin-email') as HTMLInputElement, 'ngo@demo.tashawur.example');
    type(view.container.querySelector('#signin-password') as HTMLInputElement, 'not-the-password');
    submit(view.container);
    await vi.waitFor(() => {
      expect(view.container.querySelector('[role="alert"]')?.textContent).toContain('البريد الإلكتروني أو كلمة المرور غير صحيحين.');
    });
  });

  it('signs in with a same-origin JSON request and returns to the page asked for', async () => {
    type(view.container.querySelector('#signin-email') as HTMLInputElement, ' ngo@demo.tashawur.example ');
    type(view.container.querySelector('#signin-password') as HTMLInputElement, 'demo-password-2026');
    submit(view.container);
    await vi.waitFor(() => expect(view.container.querySelector('#arrived')).not.toBeNull());
    const init = calls.find((call) => call.url === '/api/auth/login')?.init ?? {};
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual({ email: 'ngo@demo.tashawur.example', password: 'demo-password-2026' });
  });
});
