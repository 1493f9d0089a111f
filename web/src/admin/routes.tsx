import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../lib/lazy-page.ts';
import type { NavItem } from '../ui/nav-item.ts';

/** The administration's pages (admins only), inside the app shell. */
export const adminRoutes: RouteObject[] = [
  { path: '/admin/organisations', lazy: lazyPage(() => import('./organisations-page.tsx'), 'OrganisationsPage') },
  { path: '/admin/people', lazy: lazyPage(() => import('./people-page.tsx'), 'PeoplePage') },
  { path: '/admin/groups', lazy: lazyPage(() => import('./groups-page.tsx'), 'GroupsPage') },
  { path: '/admin/categories', lazy: lazyPage(() => import('./categories-page.tsx'), 'CategoriesPage') },
  { path: '/admin/statuses', lazy: lazyPage(() => import('./statuses-page.tsx'), 'StatusesPage') },
  { path: '/admin/settings', lazy: lazyPage(() => import('./desk-settings-page.tsx'), 'DeskSettingsPage') },
  { path: '/admin/calendars', lazy: lazyPage(() => import('./calendars-page.tsx'), 'CalendarsPage') },
  { path: '/admin/calendars/new', lazy: lazyPage(() => import('./calendar-editor-page.tsx'), 'CalendarEditorPage') },
  { path: '/admin/calendars/:id', lazy: lazyPage(() => import('./calendar-editor-page.tsx'), 'CalendarEditorPage') },
  { path: '/admin/contracts', lazy: lazyPage(() => import('./contracts-page.tsx'), 'ContractsPage') },
  { path: '/admin/contracts/:id', lazy: lazyPage(() => import('./contract-page.tsx'), 'ContractPage') },
  {
    path: '/admin/mail',
    lazy: lazyPage(() => import('./mail-layout.tsx'), 'MailLayout'),
    children: [
      { index: true, element: <Navigate to="/admin/mail/mailboxes" replace /> },
      { path: 'mailboxes', lazy: lazyPage(() => import('./mail-mailboxes-page.tsx'), 'MailMailboxesPage') },
      { path: 'quarantine', lazy: lazyPage(() => import('./mail-quarantine-page.tsx'), 'MailQuarantinePage') },
      { path: 'templates', lazy: lazyPage(() => import('./mail-templates-page.tsx'), 'MailTemplatesPage') },
      { path: 'outbox', lazy: lazyPage(() => import('./mail-outbox-page.tsx'), 'MailOutboxPage') },
    ],
  },
];

/** The administration's entries in the navigation. */
export const adminNav = (
  t: (
    key:
      | 'nav.adminOrganisations'
      | 'mail.nav'
      | 'admin.nav.people'
      | 'admin.nav.groups'
      | 'admin.nav.categories'
      | 'admin.nav.statuses'
      | 'admin.nav.settings'
      | 'admin.nav.calendars'
      | 'admin.nav.contracts',
  ) => string,
): NavItem[] => [
  { to: '/admin/organisations', label: t('nav.adminOrganisations') },
  { to: '/admin/people', label: t('admin.nav.people') },
  { to: '/admin/groups', label: t('admin.nav.groups') },
  { to: '/admin/categories', label: t('admin.nav.categories') },
  { to: '/admin/statuses', label: t('admin.nav.statuses') },
  { to: '/admin/settings', label: t('admin.nav.settings') },
  { to: '/admin/calendars', label: t('admin.nav.calendars') },
  { to: '/admin/contracts', label: t('admin.nav.contracts') },
  { to: '/admin/mail', label: t('mail.nav') },
];
