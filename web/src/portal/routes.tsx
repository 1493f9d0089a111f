import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import type { NavItem } from '../ui/nav-item.ts';
import { PortalHomePage } from './portal-home-page.tsx';
import { PortalNewTicketPage } from './portal-new-ticket-page.tsx';
import { PortalStatusPage } from './portal-status-page.tsx';
import { PortalTicketPage } from './portal-ticket-page.tsx';

/** The customer portal's pages (contacts and managers), inside the app shell. */
export const portalRoutes: RouteObject[] = [
  { path: '/portal', element: <PortalHomePage /> },
  { path: '/portal/tickets/new', element: <PortalNewTicketPage /> },
  { path: '/portal/tickets/:id', element: <PortalTicketPage /> },
  { path: '/portal/status', element: <PortalStatusPage /> },
];

/** The portal's entries in the navigation; `/portal` prefixes the others' paths, so it is active on itself only. */
export const portalNav = (t: TFunction): NavItem[] => [
  { to: '/portal', label: t('portal.nav.tickets'), exact: true },
  { to: '/portal/tickets/new', label: t('portal.nav.newTicket') },
  { to: '/portal/status', label: t('portal.nav.status') },
];
