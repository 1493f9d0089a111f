import { Anchor, Group, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';

const TABS = ['components', 'incidents', 'maintenance', 'monitors'] as const;

/** Status page management and monitoring: one heading, a tab per part, and the way to the public page. */
export function StatusLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((tab) => location.pathname.startsWith(`/agent/status/${tab}`)) ?? 'components';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('status.title')}
        </Title>
        <Anchor href="/status" target="_blank" rel="noopener">
          {t('status.publicPage')}
        </Anchor>
      </Group>
      <Tabs value={current} onChange={(value) => value && void navigate(`/agent/status/${value}`)}>
        <Tabs.List aria-label={t('status.title')}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`status.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
