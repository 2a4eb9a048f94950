/** "Approved" or "Pending approval" for an organisation. */
import { Badge } from '../../components/Badge.tsx';
import { t } from '../../i18n/index.ts';

export function ApprovalBadge(props: { approved: boolean }) {
  return <Badge tone={props.approved ? 'success' : 'warning'}>{props.approved ? t('org.status.approved') : t('org.status.pending')}</Badge>;
}
