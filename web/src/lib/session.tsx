import { isAgentRole, type Me, type Role } from '@loket/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useParams } from 'react-router';
import { resetToBrowserLanguage } from '../i18n/i18n.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { ApiError, api } from './api-client.ts';

// The session lives in the HttpOnly cookie; the app only knows whom it belongs to: /auth/me, cached as ['me'],
// null when logged out. A 401 from any other request sets it to null (app.tsx), which sends the guards to /login.

export const ME_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api.me();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthenticated') return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** Where a person starts: the agent console for the provider's people, the portal for customers. */
export const homePath = (me: Pick<Me, 'role'>) => (isAgentRole(me.role) ? '/agent/tickets' : '/portal');

/** A ticket (by id or reference) on the person's own side: the agent's page, or the customer's in the portal. */
export const ticketPath = (me: Pick<Me, 'role'>, ticket: string) =>
  `${isAgentRole(me.role) ? '/agent/tickets' : '/portal/tickets'}/${encodeURIComponent(ticket)}`;

/** After login, the person's own language; after logout, the browser's again. */
export function LanguageFollowsSession() {
  const { data: me } = useMe();
  const { i18n } = useTranslation();
  useEffect(() => {
    if (me && i18n.language !== me.language) void i18n.changeLanguage(me.language);
  }, [me, i18n]);
  return null;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: (me) => queryClient.setQueryData(ME_KEY, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    onSettled: async () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
      await resetToBrowserLanguage();
    },
  });
}

/** A path inside the app to return to after login; anything else (another site, `//host`) is ignored. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}

/**
 * Route guard: logged-out visitors go to /login (and come back afterwards), people without one of `roles` go to
 * their own start page.
 */
export function RequireSession({ roles }: { roles?: readonly Role[] }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(me.role)) return <Navigate to={homePath(me)} replace />;
  return <Outlet />;
}

/** `/`: the start page of whoever is logged in, or the login page. */
export function HomeRedirect() {
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoader />;
  return <Navigate to={me ? homePath(me) : '/login'} replace />;
}

/**
 * `/tickets/:ticket`: the ticket on the side of whoever follows the link (notification mails sent before they named
 * the agent's page link here); logged-out visitors log in first and come back.
 */
export function TicketRedirect() {
  const { ticket = '' } = useParams();
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <Navigate to={ticketPath(me, ticket)} replace />;
}
