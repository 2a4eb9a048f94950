/** The site footer: display preferences, the API description for scripts, the licence. */
import { A } from '@solidjs/router';
import { PRODUCT_NAME, t } from '../i18n/index.ts';

export function Footer() {
  return (
    <footer class="site-footer">
      <nav class="site-footer__inner" aria-label={t('app.footer.label')}>
        <span class="site-footer__name">
          <span lang="ar">{PRODUCT_NAME.arabic}</span> · {PRODUCT_NAME.latin}
        </span>
        <A href="/preferences">{t('app.footer.preferences')}</A>
        {/* rel="external": served by the API server, so the client router must not take it. */}
        <a href="/api/docs" rel="external">
          {t('app.footer.apiDocs')}
        </a>
        <span>{t('app.footer.licence')}</span>
      </nav>
    </footer>
  );
}
