/** Any address the client does not know. */
import { A } from '@solidjs/router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { t } from '../../i18n/index.ts';

export default function NotFoundPage() {
  return (
    <section class="page page--narrow">
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <p>
        <A href="/">{t('common.backHome')}</A>
      </p>
    </section>
  );
}
