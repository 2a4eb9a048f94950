/** /notifications — overdue reminders: measures past their deadline in the plans I draft or monitor. */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { getNotifications } from '../../api/monitoring.ts';
import { Badge } from '../../components/Badge.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ResourceView } from '../../components/ResourceView.tsx';
import { formatDate, t, tp } from '../../i18n/index.ts';
import { RequireSignIn } from '../account/RequireSignIn.tsx';
import { measureTitle } from './labels.ts';
import { StatusBadge } from './StatusBadge.tsx';
import './monitoring.css';

const day = (value: string) => formatDate(`${value}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });

function Reminders() {
  const [reminders, { refetch }] = createResource(getNotifications);
  return (
    <ResourceView resource={reminders} onRetry={refetch}>
      {(value) => (
        <>
          <p>{t('monitoring.notifications.intro', { date: day(value().asOf) })}</p>
          <Show when={value().notifications.length > 0} fallback={<p role="status">{t('monitoring.notifications.none')}</p>}>
            <section class="table-scroll" aria-labelledby="notifications-caption" tabindex="0">
              <table class="table">
                <caption id="notifications-caption">{t('monitoring.notifications.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.notifications.plan')}</th>
                    <th scope="col">{t('monitoring.measure')}</th>
                    <th scope="col">{t('monitoring.measures.responsible')}</th>
                    <th scope="col">{t('monitoring.measures.deadline')}</th>
                    <th scope="col">{t('monitoring.voice.government')}</th>
                    <th scope="col">{t('monitoring.voice.nhri')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={value().notifications}>
                    {(n) => (
                      <tr>
                        <td>
                          <A href={`/documents/${encodeURIComponent(n.documentId)}/monitoring`}>
                            <span class="visually-hidden">{t('monitoring.notifications.open', { title: n.documentTitle })}</span>
                            <bdi aria-hidden="true">{n.documentTitle}</bdi>
                          </A>
                          <br />
                          <span class="muted">{n.as === 'drafter' ? t('monitoring.notifications.as.drafter') : t('monitoring.notifications.as.nhri')}</span>
                        </td>
                        <th scope="row">
                          <bdi>{measureTitle(n) || '—'}</bdi>
                        </th>
                        <td>
                          <bdi>{n.responsible}</bdi>
                        </td>
                        <td>
                          {day(n.deadline)} <Badge tone="warning">{tp('monitoring.overdue.days', n.daysOverdue)}</Badge>
                        </td>
                        <td>
                          <StatusBadge status={n.government} />
                        </td>
                        <td>
                          <StatusBadge status={n.nhri} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </section>
          </Show>
        </>
      )}
    </ResourceView>
  );
}

export default function NotificationsPage() {
  return (
    <section class="page page--wide monitoring">
      <PageHeading title={t('monitoring.notifications.title')} />
      <RequireSignIn>
        <Reminders />
      </RequireSignIn>
    </section>
  );
}
