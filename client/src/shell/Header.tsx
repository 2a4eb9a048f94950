/** The site header: product name, main navigation, language switch and account menu. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { PRODUCT_NAME, t } from '../i18n/index.ts';
import { useSession } from '../state/session.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function Brand() {
  // The link's name starts with the visible product name (WCAG 2.5.3 "label in name"); the
  // tagline stays outside the link so the name is short.
  return (
    <div class="brand">
      <A href="/" end class="brand__link">
        <span class="brand__name" lang="ar">
          {PRODUCT_NAME.arabic}
        </span>{' '}
        <span class="brand__latin">{PRODUCT_NAME.latin}</span>
        <span class="visually-hidden"> {t('app.homeLink')}</span>
      </A>
      <p class="brand__tagline">{t('app.tagline')}</p>
    </div>
  );
}

function MainNavigation() {
  const session = useSession();
  return (
    <nav class="main-nav" aria-label={t('nav.label')}>
      <ul>
        <li>
          <A href="/" end>
            {t('nav.home')}
          </A>
        </li>
        <li>
          <A href="/documents">{t('nav.documents')}</A>
        </li>
        <Show when={session.user()}>
          <li>
            <A href="/organizations">{t('nav.organizations')}</A>
          </li>
        </Show>
        <Show when={session.isAdmin()}>
          <li>
            <A href="/admin">{t('nav.admin')}</A>
          </li>
        </Show>
      </ul>
    </nav>
  );
}

export function Header() {
  return (
    <header class="site-header">
      <div class="site-header__inner">
        <Brand />
        <div class="site-header__tools">
          <LanguageSwitch />
          <AccountMenu />
        </div>
        <MainNavigation />
      </div>
    </header>
  );
}
