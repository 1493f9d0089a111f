import { Navigate, type RouteObject } from 'react-router';
import type { NavItem } from '../ui/nav-item.ts';
import { StatusComponentsPage } from './status-components-page.tsx';
import { StatusIncidentPage } from './status-incident-page.tsx';
import { StatusIncidentsPage } from './status-incidents-page.tsx';
import { StatusLayout } from './status-layout.tsx';
import { StatusMaintenancePage } from './status-maintenance-page.tsx';
import { StatusMonitorPage } from './status-monitor-page.tsx';
import { StatusMonitorsPage } from './status-monitors-page.tsx';
import { PhoneCallPage } from './console-phone-call-page.tsx';
import { AgentTicketListPage } from './ticket-list-page.tsx';
import { AgentTicketPage } from './ticket-page.tsx';

/** The agent console's pages (agents and admins), inside the app shell. */
export const agentRoutes: RouteObject[] = [
  { path: '/agent/tickets', element: <AgentTicketListPage /> },
  { path: '/agent/tickets/:id', element: <AgentTicketPage /> },
  { path: '/agent/phone-call', element: <PhoneCallPage /> },
  {
    path: '/agent/status',
    element: <StatusLayout />,
    children: [
      { index: true, element: <Navigate to="/agent/status/components" replace /> },
      { path: 'components', element: <StatusComponentsPage /> },
      { path: 'incidents', element: <StatusIncidentsPage /> },
      { path: 'incidents/:id', element: <StatusIncidentPage /> },
      { path: 'maintenance', element: <StatusMaintenancePage /> },
      { path: 'monitors', element: <StatusMonitorsPage /> },
      { path: 'monitors/:id', element: <StatusMonitorPage /> },
    ],
  },
];

/** The console's entries in the navigation. */
export const agentNav = (t: (key: 'nav.agentTickets' | 'console.phone.nav' | 'status.nav') => string): NavItem[] => [
  { to: '/agent/tickets', label: t('nav.agentTickets') },
  { to: '/agent/phone-call', label: t('console.phone.nav') },
  { to: '/agent/status', label: t('status.nav') },
];
