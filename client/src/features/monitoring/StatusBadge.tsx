/** A status as a badge: the word says it, the colour only repeats it. */
import type { AssessmentStatus } from '../../../../shared/monitoring.ts';
import { Badge } from '../../components/Badge.tsx';
import { t } from '../../i18n/index.ts';
import { STATUS_KEY, statusTone } from './labels.ts';

export function StatusBadge(props: { status: AssessmentStatus | null }) {
  return <Badge tone={statusTone(props.status)}>{t(STATUS_KEY[props.status ?? 'not_assessed'])}</Badge>;
}
