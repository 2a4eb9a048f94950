/** The organisations the signed-in person belongs to, with their role and approval status. */
import { A } from '@solidjs/router';
import { For, onMount, Show } from 'solid-js';
import type { Membership } from '../../../../shared/auth.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { ApprovalBadge } from './ApprovalBadge.tsx';
import { kindLabel, roleLabel } from './labels.ts';

function MembershipCard(props: { membership: Membership }) {
  return (
    <li class="card">
      <h2 class="card__title">
        <A href={`/organizations/${encodeURIComponent(props.membership.organizationId)}`}>
          <bdi>{props.membership.organizationName}</bdi>
        </A>
      </h2>
      <p class="card__meta">
        <span>{kindLabel(props.membership.organizationKind)}</span>
        <span>{t('orgs.yourRole', { role: roleLabel(props.membership.role) })}</span>
        <ApprovalBadge approved={props.membership.approved} />
      </p>
    </li>
  );
}

function MembershipList() {
  const session = useSession();
  // Approval may have happened since the session was read.
  onMount(() => void session.refresh());
  return (
    <Show when={session.memberships().length > 0} fallback={<p>{t('orgs.empty')}</p>}>
      <ul class="cards">
        <For each={session.memberships()}>{(membership) => <MembershipCard membership={membership} />}</For>
      </ul>
    </Show>
  );
}

export default function MyOrganizationsPage() {
  return (
    <section class="page">
      <PageHeading title={t('orgs.title')} />
      <p>{t('orgs.intro')}</p>
      <RequireSignIn>
        <p>
          <A class="button button--primary" href="/organizations/new">
            {t('orgs.create')}
          </A>
        </p>
        <MembershipList />
      </RequireSignIn>
    </section>
  );
}
