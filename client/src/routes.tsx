/**
 * Every route of the client, in one place. Pages are loaded on demand (one chunk each), so the
 * first visit downloads only the shell and the page asked for.
 *
 * To add a page: create `features/<feature>/<Name>Page.tsx` with a default export, add it
 * below, and give it a <PageHeading> (document title and focus after navigation).
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { preloadDocument } from './features/documents/document-preload.ts';

export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./features/home/HomePage.tsx')) },
  { path: '/documents', component: lazy(() => import('./features/documents/DocumentsPage.tsx')) },
  { path: '/documents/new', component: lazy(() => import('./features/documents/NewDocumentPage.tsx')) },
  { path: '/documents/:id', component: lazy(() => import('./features/documents/DocumentPage.tsx')), preload: preloadDocument },
  { path: '/documents/:id/queue', component: lazy(() => import('./features/documents/QueuePage.tsx')) },
  { path: '/documents/:id/diff', component: lazy(() => import('./features/documents/DiffPage.tsx')) },
  { path: '/documents/:id/report', component: lazy(() => import('./features/documents/ReportPage.tsx')) },
  { path: '/documents/:id/monitoring', component: lazy(() => import('./features/monitoring/MonitoringPage.tsx')) },
  { path: '/notifications', component: lazy(() => import('./features/monitoring/NotificationsPage.tsx')) },
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
