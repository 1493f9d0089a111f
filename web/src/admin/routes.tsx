import { Navigate, type RouteObject } from 'react-router';
import type { NavItem } from '../ui/nav-item.ts';
import { MailLayout } from './mail-layout.tsx';
import { MailMailboxesPage } from './mail-mailboxes-page.tsx';
import { MailOutboxPage } from './mail-outbox-page.tsx';
import { MailQuarantinePage } from './mail-quarantine-page.tsx';
import { MailTemplatesPage } from './mail-templates-page.tsx';
import { OrganisationsPage } from './organisations-page.tsx';
import { CalendarEditorPage } from './calendar-editor-page.tsx';
import { CalendarsPage } from './calendars-page.tsx';
import { CategoriesPage } from './categories-page.tsx';
import { ContractPage } from './contract-page.tsx';
import { ContractsPage } from './contracts-page.tsx';
import { DeskSettingsPage } from './desk-settings-page.tsx';
import { GroupsPage } from './groups-page.tsx';
import { PeoplePage } from './people-page.tsx';
import { StatusesPage } from './statuses-page.tsx';

/** The administration's pages (admins only), inside the app shell. */
export const adminRoutes: RouteObject[] = [
  { path: '/admin/organisations', element: <OrganisationsPage /> },
  { path: '/admin/people', element: <PeoplePage /> },
  { path: '/admin/groups', element: <GroupsPage /> },
  { path: '/admin/categories', element: <CategoriesPage /> },
  { path: '/admin/statuses', element: <StatusesPage /> },
  { path: '/admin/settings', element: <DeskSettingsPage /> },
  { path: '/admin/calendars', element: <CalendarsPage /> },
  { path: '/admin/calendars/new', element: <CalendarEditorPage /> },
  { path: '/admin/calendars/:id', element: <CalendarEditorPage /> },
  { path: '/admin/contracts', element: <ContractsPage /> },
  { path: '/admin/contracts/:id', element: <ContractPage /> },
  {
    path: '/admin/mail',
    element: <MailLayout />,
    children: [
      { index: true, element: <Navigate to="/admin/mail/mailboxes" replace /> },
      { path: 'mailboxes', element: <MailMailboxesPage /> },
      { path: 'quarantine', element: <MailQuarantinePage /> },
      { path: 'templates', element: <MailTemplatesPage /> },
      { path: 'outbox', element: <MailOutboxPage /> },
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
