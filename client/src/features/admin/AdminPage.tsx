/**
 * Platform administration: approve the organisations waiting for it, and find, disable or
 * re-enable accounts. Shown to admins only; the server refuses all of it to anyone else (403)
 * whatever the client shows.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Organization } from '../../../../shared/auth.ts';
import { approveOrganization, listOrganizations } from '../../api/organizations.ts';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { errorMessage } from '../../i18n/errors.ts';
import { formatDate, t, tp } from '../../i18n/index.ts';
import { useSession } from '../../state/session.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { ApprovalBadge } from '../organizations/ApprovalBadge.tsx';
import { AccountsSection } from './AccountsSection.tsx';
import { kindLabel } from '../organizations/labels.ts';

interface Outcome {
  tone: 'success' | 'error';
  message: string;
}

function PendingOrganization(props: { organization: Organization; onApprove: (organization: Organization) => Promise<void> }) {
  const [busy, setBusy] = createSignal(false);
  const approve = async () => {
    setBusy(true);
    await props.onApprove(props.organization);
    setBusy(false);
  };
  return (
    <li class="card">
      <h3 class="card__title">
        <bdi>{props.organization.name}</bdi>
      </h3>
      <p class="card__meta">
        <span>{kindLabel(props.organization.kind)}</span>
        <bdi>{props.organization.country}</bdi>
        <span>{t('admin.proposedOn', { date: formatDate(props.organization.createdAt) })}</span>
      </p>
      <Show when={!props.organization.approved} fallback={<ApprovalBadge approved />}>
        <Button busy={busy()} aria-label={t('admin.approveNamed', { name: props.organization.name })} onClick={() => void approve()}>
          {t('admin.approve')}
        </Button>
      </Show>
    </li>
  );
}

function PendingOrganizations() {
  const [organizations, { refetch, mutate }] = createResource(listOrganizations);
  const [outcome, setOutcome] = createSignal<Outcome>();
  // Approved rows stay listed (with their new badge) until the page is left, so the list does
  // not jump under the keyboard or pointer.
  const [approvedHere, setApprovedHere] = createSignal<ReadonlySet<string>>(new Set());
  let status: HTMLDivElement | undefined;

  const waiting = (all: readonly Organization[]) => all.filter((org) => !org.approved || approvedHere().has(org.id));
  const stillPending = (all: readonly Organization[]) => all.filter((org) => !org.approved).length;

  const onApprove = async (organization: Organization) => {
    try {
      const approved = await approveOrganization(organization.id);
      setApprovedHere(new Set([...approvedHere(), approved.id]));
      mutate((all) => all?.map((org) => (org.id === approved.id ? approved : org)));
      setOutcome({ tone: 'success', message: t('admin.approved', { name: approved.name }) });
    } catch (error) {
      setOutcome({ tone: 'error', message: errorMessage(error) });
    }
    // The button just pressed is gone: give focus to the message that says what happened.
    status?.focus();
  };

  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t('admin.pending.title')}</h2>
      <div class="status-slot" tabindex="-1" ref={status}>
        <Show when={outcome()}>{(shown) => <Alert tone={shown().tone}>{shown().message}</Alert>}</Show>
      </div>
      <ResourceView resource={organizations} onRetry={() => void refetch()}>
        {(all) => (
          <Show when={waiting(all()).length > 0} fallback={<p>{t('admin.pending.empty')}</p>}>
            <p>{tp('admin.pending.count', stillPending(all()))}</p>
            <ul class="cards">
              <For each={waiting(all())}>{(organization) => <PendingOrganization organization={organization} onApprove={onApprove} />}</For>
            </ul>
          </Show>
        )}
      </ResourceView>
    </section>
  );
}

function AdminOnly() {
  const session = useSession();
  return (
    <Show when={session.isAdmin()} fallback={<Alert tone="error">{t('admin.forbidden')}</Alert>}>
      <PendingOrganizations />
      <AccountsSection />
    </Show>
  );
}

export default function AdminPage() {
  return (
    <section class="page">
      <PageHeading title={t('admin.title')} />
      <RequireSignIn>
        <AdminOnly />
      </RequireSignIn>
    </section>
  );
}
