/**
 * PLACEHOLDER for the documents feature (list of drafts open for consultation), which is built
 * separately: replace this file's route in routes.tsx with the real page.
 */
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';

export default function DocumentsPlaceholderPage() {
  return (
    <section class="page">
      <PageHeading title={t('documents.title')} />
      <p>{t('documents.coming')}</p>
    </section>
  );
}
