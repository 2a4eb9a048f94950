/**
 * The application: session, router and the page layout (skip link, header, main, footer).
 * Routes live in routes.tsx.
 */
import { Router, type RouteSectionProps, useBeforeLeave } from '@solidjs/router';
import { Suspense } from 'solid-js';
import { focusHeadingOnNextPage } from './components/PageHeading.tsx';
import { Loading } from './components/Spinner.tsx';
import { t } from './i18n/index.ts';
import { routes } from './routes.tsx';
import { Footer } from './shell/Footer.tsx';
import { Header } from './shell/Header.tsx';
import { SessionProvider } from './state/session.ts';

function Layout(props: RouteSectionProps) {
  // Not on the first load: there the browser starts at the top of the document, as it should.
  useBeforeLeave(() => focusHeadingOnNextPage());
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main; the handler only stops the router from treating it as a navigation. */}
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" class="site-main" tabindex="-1">
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <Footer />
    </>
  );
}

function skipToMain(event: MouseEvent): void {
  // The router would treat "#main" as a navigation; focus the main region instead.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function App() {
  return (
    <SessionProvider>
      <Router root={Layout}>{routes}</Router>
    </SessionProvider>
  );
}
