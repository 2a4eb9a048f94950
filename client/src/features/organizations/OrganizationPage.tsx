/**
 * One organisation: its details, and for its members (and admins) the member list; leads can
 * add members. Anyone may read an approved organisation's details; the server hides pending
 * ones from outsiders (404).
 */
import { A, useLocation, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Organization } from '../../../../shared/auth.ts';
import { getOrganization, listMembers } from '../../api/organizations.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, t } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import { ApprovalBadge } from './ApprovalBadge.tsx';
import { kindLabel } from './labels.ts';
import { MembersTable } from './MembersTable.tsx';

function OrganizationDetails(props: { organization: Organization }) {
  return (
    <section class="panel" aria-labelledby="org-details-title">
      <h2 id="org-details-title">{t('org.details')}</h2>
      <dl class="details">
        <dt>{t('org.kind')}</dt>
        <dd>{kindLabel(props.organization.kind)}</dd>
        <dt>{t('org.country')}</dt>
        <dd>
          <bdi>{props.organization.country}</bdi>
        </dd>
        <dt>{t('org.status')}</dt>
        <dd>
          <ApprovalBadge approved={props.organization.approved} />
        </dd>
        <dt>{t('org.createdAt')}</dt>
        <dd>
          <time datetime={props.organization.createdAt}>{formatDate(props.organization.createdAt)}</time>
        </dd>
      </dl>
    </section>
  );
}

function MembersSection(props: { organizationId: string }) {
  const session = useSession();
  const membership = () => session.membership(props.organizationId);
  const canList = () => session.isAdmin() || !!membership();
  const canManage = () => session.isAdmin() || membership()?.role === 'lead';
  const [members, { refetch }] = createResource(() => (canList() ? props.organizationId : false), listMembers);
  const onAdded = () => {
    void refetch();
    // The person added may be oneself (a lead changing their own role).
    void session.refresh();
  };
  return (
    <section class="panel" aria-labelledby="members-title">
      <h2 id="members-title">{t('org.members.title')}</h2>
      <Show when={canList()} fallback={<p>{t('org.members.notVisible')}</p>}>
        <ResourceView resource={members} onRetry={() => void refetch()}>
          {(list) => <MembersTable members={list()} />}
        </ResourceView>
        <Show when={canManage()}>
          <AddMemberForm organizationId={props.organizationId} onAdded={onAdded} />
        </Show>
      </Show>
    </section>
  );
}

export default function OrganizationPage() {
  const params = useParams();
  const location = useLocation<{ created?: boolean }>();
  const session = useSession();
  const [organization, { refetch }] = createResource(() => params.id, getOrganization);
  return (
    <section class="page">
      <Show when={session.user()}>
        <p class="page__back">
          <A href="/organizations">{t('org.back')}</A>
        </p>
      </Show>
      <ResourceView resource={organization} onRetry={() => void refetch()}>
        {(org) => (
          <>
            <PageHeading title={org().name} isolate />
            <Show when={location.state?.created}>
              <Alert tone="success">{t('createOrg.created')}</Alert>
            </Show>
            <OrganizationDetails organization={org()} />
            <MembersSection organizationId={org().id} />
          </>
        )}
      </ResourceView>
    </section>
  );
}
