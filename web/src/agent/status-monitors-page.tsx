import type { Monitor } from '@loket/contract';
import { Alert, Anchor, Button, Code, CopyButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { useMe } from '../lib/session.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { formatUptime, monitorInput, STATUS_KEYS, statusApi } from './status-api.ts';
import { MonitorStateBadge } from './status-badges.tsx';
import { MonitorForm } from './status-monitor-form.tsx';
import { FormModal } from './status-shared.tsx';

/** The heartbeat URL, shown once: the answer that created or rotated the secret is the only one that has it. */
export function HeartbeatOnce({ monitor }: { monitor: Monitor }) {
  const { t } = useTranslation();
  if (!monitor.heartbeatUrl) return null;
  return (
    <Alert color="yellow" title={t('status.monitors.heartbeatTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('status.monitors.heartbeatOnce')}</Text>
        <Code block data-testid="heartbeat-url">
          {monitor.heartbeatUrl}
        </Code>
        <CopyButton value={monitor.heartbeatUrl}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy} w="fit-content">
              {copied ? t('status.monitors.copied') : t('status.monitors.copy')}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Alert>
  );
}

export function UptimeText({ share }: { share: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return <>{formatUptime(share, format.locale) ?? t('status.monitors.noData')}</>;
}

/** Every monitor with its state and uptime; admins add monitors here. */
export function StatusMonitorsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isAdmin = me?.role === 'admin';
  const queryClient = useQueryClient();
  const monitors = useQuery({
    queryKey: STATUS_KEYS.monitors,
    queryFn: statusApi.listMonitors,
    refetchInterval: 15_000,
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Monitor | null>(null);
  const create = useMutation({
    mutationFn: (form: Parameters<typeof monitorInput>[0]) =>
      statusApi.createMonitor({ ...monitorInput(form), kind: form.kind }),
    onSuccess: async (monitor) => {
      setCreating(false);
      setCreated(monitor);
      await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.monitors });
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('status.monitors.title')}
        </Title>
        {isAdmin && (
          <Button
            onClick={() => {
              create.reset();
              setCreating(true);
            }}
          >
            {t('status.monitors.add')}
          </Button>
        )}
      </Group>
      {created && (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {t('status.monitors.createdNamed', { name: created.name })}
          </Text>
          <HeartbeatOnce monitor={created} />
        </Stack>
      )}
      <QueryState query={monitors} empty={t('status.monitors.empty')}>
        {(data) => (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('status.monitors.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('status.monitors.name')}</Table.Th>
                  <Table.Th>{t('status.monitors.kind')}</Table.Th>
                  <Table.Th>{t('status.monitors.state')}</Table.Th>
                  <Table.Th>{t('status.monitors.uptime24h')}</Table.Th>
                  <Table.Th>{t('status.monitors.uptime30d')}</Table.Th>
                  <Table.Th>{t('status.monitors.lastCheck')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((monitor) => (
                  <Table.Tr key={monitor.id} data-testid="monitor-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/agent/status/monitors/${monitor.id}`}>
                        {monitor.name}
                      </Anchor>
                      {monitor.target && (
                        <Text size="xs" c="gray.7">
                          {monitor.target}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`status.monitorKind.${monitor.kind}`)}</Table.Td>
                    <Table.Td>
                      <MonitorStateBadge state={monitor.state} />
                    </Table.Td>
                    <Table.Td>
                      <UptimeText share={monitor.uptime.last24Hours} />
                    </Table.Td>
                    <Table.Td>
                      <UptimeText share={monitor.uptime.last30Days} />
                    </Table.Td>
                    <Table.Td>
                      {monitor.lastCheckedAt ? <ZonedTime at={monitor.lastCheckedAt} /> : '—'}
                      {monitor.lastMessage && (
                        <Text size="xs" c="gray.7">
                          {monitor.lastMessage}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('status.monitors.add')} size="xl">
        <MonitorForm
          monitor={null}
          onSubmit={(form) => create.mutate(form)}
          onCancel={() => setCreating(false)}
          pending={create.isPending}
          error={create.error}
        />
      </FormModal>
    </Stack>
  );
}
