import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';

const TABS = ['mailboxes', 'quarantine', 'templates', 'outbox'] as const;

/** Mail administration: one heading, a tab per part (each its own address), the part below. */
export function MailLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((tab) => location.pathname.startsWith(`/admin/mail/${tab}`)) ?? 'mailboxes';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('mail.title')}
      </Title>
      <Tabs value={current} onChange={(value) => value && void navigate(`/admin/mail/${value}`)}>
        <Tabs.List aria-label={t('mail.title')}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`mail.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
