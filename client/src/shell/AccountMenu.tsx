/**
 * Signed out: "Sign in" and "Create an account". Signed in: a disclosure button with the
 * person's name opening links to their account and organisations, and "Sign out". A disclosure
 * (not an ARIA menu) keeps ordinary Tab navigation; Escape closes it and returns focus.
 */
import { A, useLocation } from '@solidjs/router';
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import type { User } from '../../../shared/auth.ts';
import { SignOutButton } from '../features/account/SignOutButton.tsx';
import { t } from '../i18n/index.ts';
import { useSession } from '../state/session.ts';

function SignedOutLinks() {
  return (
    <div class="account-links">
      <A href="/signin">{t('account.signIn')}</A>
      <A class="button button--primary button--small" href="/signup">
        {t('account.signUp')}
      </A>
    </div>
  );
}

function SignedInMenu(props: { user: User; isAdmin: boolean }) {
  const [open, setOpen] = createSignal(false);
  const location = useLocation();
  let container: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;

  const closeOnOutsideClick = (event: MouseEvent) => {
    if (open() && container && !container.contains(event.target as Node)) setOpen(false);
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open()) return;
    setOpen(false);
    toggle?.focus();
  };
  // Tabbing past the last link closes the panel, as leaving any disclosure should.
  const closeOnFocusLeaving = (event: FocusEvent) => {
    if (container && !container.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  onMount(() => {
    document.addEventListener('click', closeOnOutsideClick);
    container?.addEventListener('keydown', closeOnEscape);
    container?.addEventListener('focusout', closeOnFocusLeaving);
  });
  onCleanup(() => document.removeEventListener('click', closeOnOutsideClick));
  createEffect(
    on(
      () => location.pathname,
      () => setOpen(false),
      { defer: true },
    ),
  );

  return (
    <div class="account-menu" ref={container}>
      <button type="button" class="account-menu__toggle" ref={toggle} aria-expanded={open() ? 'true' : 'false'} aria-controls="account-menu-panel" onClick={() => setOpen(!open())}>
        <span class="visually-hidden">{t('account.menu.label')} </span>
        <bdi>{props.user.name}</bdi>
        <span class="account-menu__chevron" aria-hidden="true" />
      </button>
      <div class="account-menu__panel" id="account-menu-panel" hidden={!open()}>
        <ul class="account-menu__links">
          <li>
            <A href="/account">{t('account.menu.myAccount')}</A>
          </li>
          <li>
            <A href="/organizations">{t('nav.organizations')}</A>
          </li>
          <Show when={props.isAdmin}>
            <li>
              <A href="/admin">{t('nav.admin')}</A>
            </li>
          </Show>
        </ul>
        <SignOutButton />
      </div>
    </div>
  );
}

export function AccountMenu() {
  const session = useSession();
  // Nothing until /me answers: no "Sign in" flashing for someone already signed in.
  return (
    <Show when={session.ready()}>
      <Show when={session.user()} fallback={<SignedOutLinks />}>
        {(user) => <SignedInMenu user={user()} isAdmin={session.isAdmin()} />}
      </Show>
    </Show>
  );
}
