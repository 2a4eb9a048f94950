/** The site header: product name, main navigation, language switch and account menu. */
import { A, useLocation } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { getNotifications } from '../api/monitoring.ts';
import { Badge } from '../components/Badge.tsx';
import { PRODUCT_NAME, t, tp } from '../i18n/index.ts';
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

/**
 * The reminders page, with how many measures are overdue: the only notifications the API has
 * (there is no read/unread state), so the count is what still needs someone's attention.
 */
function NotificationsLink(props: { userId: string }) {
  const location = useLocation();
  // Re-read when the person changes and when they come back from the page (it may have changed).
  // A string key: other navigations leave it equal, so they do not fetch again.
  const [reminders] = createResource(
    () => `${props.userId}:${location.pathname === '/notifications'}`,
    () => getNotifications().catch(() => null),
  );
  const count = () => reminders.latest?.notifications.length ?? 0;
  return (
    <A href="/notifications">
      {t('nav.notifications')}
      <Show when={count() > 0}>
        {' '}
        <Badge tone="warning">{tp('nav.notifications.count', count())}</Badge>
      </Show>
    </A>
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
        <Show when={session.user()}>
          {(user) => (
            <li>
              <NotificationsLink userId={user().id} />
            </li>
          )}
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
