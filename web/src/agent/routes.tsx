import { Navigate, type RouteObject } from 'react-router';
import { lazyPage } from '../lib/lazy-page.ts';
import type { NavItem } from '../ui/nav-item.ts';

/** The agent console's pages (agents and admins), inside the app shell. */
export const agentRoutes: RouteObject[] = [
  { path: '/agent/tickets', lazy: lazyPage(() => import('./ticket-list-page.tsx'), 'AgentTicketListPage') },
  { path: '/agent/tickets/:id', lazy: lazyPage(() => import('./ticket-page.tsx'), 'AgentTicketPage') },
  { path: '/agent/phone-call', lazy: lazyPage(() => import('./console-phone-call-page.tsx'), 'PhoneCallPage') },
  {
    path: '/agent/status',
    lazy: lazyPage(() => import('./status-layout.tsx'), 'StatusLayout'),
    children: [
      { index: true, element: <Navigate to="/agent/status/components" replace /> },
      { path: 'components', lazy: lazyPage(() => import('./status-components-page.tsx'), 'StatusComponentsPage') },
      { path: 'incidents', lazy: lazyPage(() => import('./status-incidents-page.tsx'), 'StatusIncidentsPage') },
      { path: 'incidents/:id', lazy: lazyPage(() => import('./status-incident-page.tsx'), 'StatusIncidentPage') },
      { path: 'maintenance', lazy: lazyPage(() => import('./status-maintenance-page.tsx'), 'StatusMaintenancePage') },
      { path: 'monitors', lazy: lazyPage(() => import('./status-monitors-page.tsx'), 'StatusMonitorsPage') },
      { path: 'monitors/:id', lazy: lazyPage(() => import('./status-monitor-page.tsx'), 'StatusMonitorPage') },
    ],
  },
];

/** The console's entries in the navigation. */
export const agentNav = (t: (key: 'nav.agentTickets' | 'console.phone.nav' | 'status.nav') => string): NavItem[] => [
  { to: '/agent/tickets', label: t('nav.agentTickets') },
  { to: '/agent/phone-call', label: t('console.phone.nav') },
  { to: '/agent/status', label: t('status.nav') },
];
