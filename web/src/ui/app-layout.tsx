import { isAgentRole, type Me } from '@loket/contract';
import { AppShell, Burger, Button, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { adminNav } from '../admin/routes.tsx';
import { agentNav } from '../agent/routes.tsx';
import { useLogout, useMe } from '../lib/session.tsx';
import { portalNav } from '../portal/routes.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import type { NavItem } from './nav-item.ts';

/** The navigation a role gets: agents the console, admins also the administration, customers their portal. */
export function navItemsFor(me: Pick<Me, 'role'>, t: TFunction): NavItem[] {
  if (!isAgentRole(me.role)) return portalNav(t);
  return [...agentNav(t), ...(me.role === 'admin' ? adminNav(t) : [])];
}

/** The shell around every page after login (inside RequireSession, so `me` is there). */
export function AppLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  if (!me) return null;
  const items = navItemsFor(me, t);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNavigation')} />
            <Text component={Link} to="/" fw={700} size="lg" c="blue.8" td="none">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <Text size="sm" visibleFrom="sm">
              <VisuallyHidden>{t('auth.signedInAs', { name: me.name })}</VisuallyHidden>
              <span aria-hidden="true">{me.name}</span>
            </Text>
            <Button
              variant="default"
              size="xs"
              loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
            >
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNavigation')}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={location.pathname === item.to || (!item.exact && location.pathname.startsWith(`${item.to}/`))}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
