/** A decorative spinner, and a "Loading…" status that screen readers announce. */
import { t } from '../i18n/index.ts';

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function Loading() {
  return (
    <p class="loading" role="status">
      <Spinner />
      <span>{t('common.loading')}</span>
    </p>
  );
}
