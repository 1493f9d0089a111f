import type { ComponentState, PortalStatus } from '@loket/contract';
import { Alert, Anchor, Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { portalApi } from './portal-api.ts';

// Filled badges with text colour by contrast, each at least 4.5:1 (checked by the axe scan of the journey).
const STATE_COLOR: Record<ComponentState, string> = {
  operational: 'teal.9',
  degraded_performance: 'yellow.5',
  partial_outage: 'orange.5',
  major_outage: 'red.9',
  under_maintenance: 'blue.8',
};
const INDICATOR_COLOR: Record<PortalStatus['indicator'], string> = {
  none: 'teal',
  minor: 'yellow',
  major: 'orange',
  critical: 'red',
  maintenance: 'blue',
};

/**
 * The status of the services that concern the customer's organisation (GET /portal/status: the public components
 * and those of their contracts), current incidents and planned maintenance; refreshed every minute.
 */
export function PortalStatusPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useQuery({ queryKey: ['portal', 'status'], queryFn: portalApi.status, refetchInterval: 60_000 });

  if (status.isPending) return <PageLoader />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  const nameOf = (id: string) => s.components.find((c) => c.id === id)?.name ?? '';
  const groups = new Map<string, PortalStatus['components']>();
  for (const component of s.components) {
    const key = component.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), component]);
  }

  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {t('portal.status.title')}
      </Title>
      <Text>{t('portal.status.intro')}</Text>
      <Alert color={INDICATOR_COLOR[s.indicator]} variant="light" data-testid="status-indicator">
        <Text fw={600} c="dark.9">
          {t(`portal.status.indicator.${s.indicator}`)}
        </Text>
        <Text size="xs" c="dark.7">
          {t('portal.status.lastChange', { time: format.dateTime(s.updatedAt) })}
        </Text>
      </Alert>

      <Title order={2} size="h3">
        {t('portal.status.incidents')}
      </Title>
      {s.incidents.length === 0 ? (
        <Text>{t('portal.status.noIncidents')}</Text>
      ) : (
        <Stack gap="sm">
          {s.incidents.map((incident) => {
            const latest = incident.updates.at(-1);
            return (
              <Card withBorder key={incident.id} component="article" data-testid="status-incident">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Title order={3} size="h5">
                    {incident.name}
                  </Title>
                  <Group gap={6}>
                    <Badge color="gray.8" variant="outline">
                      {t(`portal.status.incidentStatus.${incident.status}`)}
                    </Badge>
                    <Badge
                      color={incident.impact === 'critical' || incident.impact === 'major' ? 'red.9' : 'orange.5'}
                      autoContrast
                    >
                      {t(`portal.status.impact.${incident.impact}`)}
                    </Badge>
                  </Group>
                </Group>
                <Text size="xs" c="gray.7" mt={4}>
                  {t('portal.status.since', { time: format.dateTime(incident.startedAt) })}
                  {incident.components.length > 0 &&
                    ` · ${t('portal.status.affects', { names: incident.components.map(nameOf).join(', ') })}`}
                </Text>
                {latest && (
                  <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    <Text span fw={600}>
                      {t('portal.status.latestUpdate')} ({format.dateTime(latest.createdAt)}):
                    </Text>{' '}
                    {latest.body}
                  </Text>
                )}
              </Card>
            );
          })}
        </Stack>
      )}

      <Title order={2} size="h3">
        {t('portal.status.components')}
      </Title>
      {s.components.length === 0 ? (
        <Text>{t('portal.status.noComponents')}</Text>
      ) : (
        [...groups.entries()].map(([group, components]) => (
          <Paper
            withBorder
            p="md"
            key={group || '-'}
            component="section"
            aria-label={group || t('portal.status.ungrouped')}
          >
            {groups.size > 1 || group ? (
              <Title order={3} size="h5" mb="xs">
                {group || t('portal.status.ungrouped')}
              </Title>
            ) : null}
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {components.map((component) => (
                <Group
                  component="li"
                  key={component.id}
                  justify="space-between"
                  wrap="nowrap"
                  gap="sm"
                  data-testid="status-component"
                >
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {component.name}
                  </Text>
                  <Badge color={STATE_COLOR[component.state]} autoContrast style={{ flexShrink: 0 }}>
                    {t(`portal.status.state.${component.state}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          </Paper>
        ))
      )}

      <Title order={2} size="h3">
        {t('portal.status.maintenance')}
      </Title>
      {s.maintenances.length === 0 ? (
        <Text>{t('portal.status.noMaintenance')}</Text>
      ) : (
        <Stack gap="sm">
          {s.maintenances.map((m) => (
            <Card withBorder key={m.id} component="article" data-testid="status-maintenance">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  {m.name}
                </Title>
                <Badge color="blue.8">{t(`portal.status.maintenanceStatus.${m.status}`)}</Badge>
              </Group>
              <Text size="xs" c="gray.7" mt={4}>
                {t('portal.status.window', {
                  from: format.dateTime(m.scheduledFor),
                  until: format.dateTime(m.scheduledUntil),
                })}
                {m.components.length > 0 &&
                  ` · ${t('portal.status.affects', { names: m.components.map(nameOf).join(', ') })}`}
              </Text>
              {m.body && (
                <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {m.body}
                </Text>
              )}
            </Card>
          ))}
        </Stack>
      )}
      <Anchor href="/status/mine">{t('portal.status.fullPage')}</Anchor>
    </Stack>
  );
}
