/**
 * Every route of the client, in one place. Pages are loaded on demand (one chunk each), so the
 * first visit downloads only the shell and the page asked for.
 *
 * To add a page: create `features/<feature>/<Name>Page.tsx` with a default export, add it
 * below, and give it a <PageHeading> (document title and focus after navigation).
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';

export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./features/home/HomePage.tsx')) },
  // Replaced by the documents feature (list, reader, threads).
  { path: '/documents', component: lazy(() => import('./features/documents/DocumentsPlaceholderPage.tsx')) },
  { path: '/signin', component: lazy(() => import('./features/account/SignInPage.tsx')) },
  { path: '/signup', component: lazy(() => import('./features/account/SignUpPage.tsx')) },
  { path: '/account', component: lazy(() => import('./features/account/AccountPage.tsx')) },
  { path: '/organizations', component: lazy(() => import('./features/organizations/MyOrganizationsPage.tsx')) },
  { path: '/organizations/new', component: lazy(() => import('./features/organizations/CreateOrganizationPage.tsx')) },
  { path: '/organizations/:id', component: lazy(() => import('./features/organizations/OrganizationPage.tsx')) },
  { path: '/admin', component: lazy(() => import('./features/admin/AdminPage.tsx')) },
  { path: '/preferences', component: lazy(() => import('./features/preferences/PreferencesPage.tsx')) },
  { path: '*404', component: lazy(() => import('./features/home/NotFoundPage.tsx')) },
];
