/** The signed-in person's details, password change and sign-out. */
import { Show } from 'solid-js';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';
import { SignOutButton } from './SignOutButton.tsx';

function AccountDetails() {
  const session = useSession();
  return (
    <section class="panel" aria-labelledby="account-details-title">
      <h2 id="account-details-title">{t('accountPage.details')}</h2>
      <dl class="details">
        <dt>{t('field.name')}</dt>
        <dd>
          <bdi>{session.user()?.name}</bdi>
        </dd>
        <dt>{t('field.email')}</dt>
        <dd>
          <bdi dir="ltr">{session.user()?.email}</bdi>
        </dd>
      </dl>
      <Show when={session.isAdmin()}>
        <p>
          <Badge tone="success">{t('accountPage.admin')}</Badge>
        </p>
      </Show>
      <SignOutButton />
    </section>
  );
}

export default function AccountPage() {
  return (
    <section class="page page--narrow">
      <PageHeading title={t('accountPage.title')} />
      <RequireSignIn>
        <AccountDetails />
        <ChangePasswordForm />
      </RequireSignIn>
    </section>
  );
}
