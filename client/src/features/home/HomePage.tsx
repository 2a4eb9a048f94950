/** What Tashawur is, in the interface language, and where to start. */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';

function StartLinks() {
  const session = useSession();
  return (
    <nav class="actions" aria-label={t('home.actions')}>
      <A class="button button--primary" href="/documents">
        {t('home.browseDocuments')}
      </A>
      <Show
        when={session.user()}
        fallback={
          <>
            <A class="button button--secondary" href="/signin">
              {t('account.signIn')}
            </A>
            <A class="button button--secondary" href="/signup">
              {t('account.signUp')}
            </A>
          </>
        }
      >
        <A class="button button--secondary" href="/organizations">
          {t('home.myOrganizations')}
        </A>
      </Show>
    </nav>
  );
}

export default function HomePage() {
  return (
    <section class="page home">
      <PageHeading title={t('home.title')} />
      <p class="lead">{t('home.what')}</p>
      <p>{t('home.monitoring')}</p>
      <p>{t('home.languages')}</p>
      <StartLinks />
    </section>
  );
}
