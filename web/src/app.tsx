import { AGENT_ROLES } from '@loket/contract';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { adminRoutes } from './admin/routes.tsx';
import { agentRoutes } from './agent/routes.tsx';
import { ApiError } from './lib/api-client.ts';
import { HomeRedirect, LanguageFollowsSession, ME_KEY, RequireSession, TicketRedirect } from './lib/session.tsx';
import { LoginLinkPage } from './portal/login-link-page.tsx';
import { portalRoutes } from './portal/routes.tsx';
import { AppLayout } from './ui/app-layout.tsx';
import { LoginPage } from './ui/login-page.tsx';
import { NotFoundPage } from './ui/not-found-page.tsx';

// Shade 8 as the primary: white on it, and it on white, keep WCAG AA contrast (the default shade 6 does not).
// Transitions follow the person's "reduce motion" setting.
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, autoContrast: true, respectReducedMotion: true });

/** A 401 anywhere means the session ended: forget who was logged in, and the guards send the person to /login. */
function createQueryClient() {
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'unauthenticated') client.setQueryData(ME_KEY, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

const CUSTOMER_ROLES = ['manager', 'contact'] as const;

export const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/login/link', element: <LoginLinkPage /> },
  { path: '/', element: <HomeRedirect /> },
  { path: '/tickets/:ticket', element: <TicketRedirect /> },
  {
    element: <RequireSession roles={AGENT_ROLES} />,
    children: [
      {
        element: <AppLayout />,
        children: agentRoutes,
      },
    ],
  },
  {
    element: <RequireSession roles={['admin']} />,
    children: [{ element: <AppLayout />, children: adminRoutes }],
  },
  {
    element: <RequireSession roles={CUSTOMER_ROLES} />,
    children: [
      {
        element: <AppLayout />,
        children: portalRoutes,
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];

export function App() {
  const queryClient = createQueryClient();
  const router = createBrowserRouter(routes);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <LanguageFollowsSession />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
