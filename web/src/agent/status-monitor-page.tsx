import type { Monitor } from '@loket/contract';
import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../lib/session.tsx';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { monitorInput, STATUS_KEYS, statusApi } from './status-api.ts';
import { MonitorStateBadge } from './status-badges.tsx';
import { MonitorForm } from './status-monitor-form.tsx';
import { HeartbeatOnce, UptimeText } from './status-monitors-page.tsx';
import { FormModal, useStatusNotify } from './status-shared.tsx';

/** One monitor: state, uptime over 24 hours and 30 days, its recent checks; admins change, pause or delete it. */
export function StatusMonitorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const isAdmin = me?.role === 'admin';
  const navigate = useNavigate();
  const notify = useStatusNotify();
  const queryClient = useQueryClient();
  const monitor = useQuery({
    queryKey: STATUS_KEYS.monitor(id),
    queryFn: () => statusApi.getMonitor(id),
    refetchInterval: 15_000,
  });
  const [editing, setEditing] = useState(false);
  const [rotated, setRotated] = useState<Monitor | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.monitors });
  };
  const update = useMutation({
    mutationFn: (form: Parameters<typeof monitorInput>[0]) => statusApi.updateMonitor(id, monitorInput(form)),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
  });
  const pause = useMutation({
    mutationFn: () => statusApi.pauseMonitor(id),
    onSuccess: refresh,
    onError: notify.failed,
  });
  const resume = useMutation({
    mutationFn: () => statusApi.resumeMonitor(id),
    onSuccess: refresh,
    onError: notify.failed,
  });
  const rotate = useMutation({
    mutationFn: () => statusApi.updateMonitor(id, { rotateHeartbeatSecret: true }),
    onSuccess: async (answer) => {
      setRotated(answer);
      await refresh();
    },
    onError: notify.failed,
  });
  const remove = useMutation({
    mutationFn: () => statusApi.deleteMonitor(id),
    onSuccess: async () => {
      await refresh();
      void navigate('/agent/status/monitors');
    },
    onError: notify.failed,
  });
  if (monitor.isPending) return <PageLoader />;
  if (monitor.isError) return <QueryError error={monitor.error} onRetry={() => void monitor.refetch()} />;
  const m = monitor.data;
  return (
    <Stack>
      <Anchor component={Link} to="/agent/status/monitors" size="sm">
        {t('status.monitor.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {m.name}
          </Title>
          <Group gap="xs">
            <MonitorStateBadge state={m.state} />
            <Badge color="gray.7" variant="outline">
              {t(`status.monitorKind.${m.kind}`)}
            </Badge>
          </Group>
        </Stack>
        {isAdmin && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('status.edit')}
            </Button>
            {m.state === 'paused' ? (
              <Button loading={resume.isPending} onClick={() => resume.mutate()}>
                {t('status.monitor.resume')}
              </Button>
            ) : (
              <Button variant="default" loading={pause.isPending} onClick={() => pause.mutate()}>
                {t('status.monitor.pause')}
              </Button>
            )}
            {m.kind === 'heartbeat' && (
              <Button variant="default" loading={rotate.isPending} onClick={() => rotate.mutate()}>
                {t('status.monitor.rotate')}
              </Button>
            )}
            <Button
              variant="outline"
              color="red.8"
              loading={remove.isPending}
              onClick={() => window.confirm(t('status.monitor.confirmDelete', { name: m.name })) && remove.mutate()}
            >
              {t('status.delete')}
            </Button>
          </Group>
        )}
      </Group>
      {rotated && <HeartbeatOnce monitor={rotated} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('status.monitors.uptime24h')}</Table.Th>
              <Table.Td data-testid="uptime-24h">
                <UptimeText share={m.uptime.last24Hours} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('status.monitors.uptime30d')}</Table.Th>
              <Table.Td>
                <UptimeText share={m.uptime.last30Days} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('status.monitor.since')}</Table.Th>
              <Table.Td>
                <ZonedTime at={m.stateChangedAt} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('status.monitor.nextCheck')}</Table.Th>
              <Table.Td>{m.nextCheckAt ? <ZonedTime at={m.nextCheckAt} /> : '—'}</Table.Td>
            </Table.Tr>
            {m.kind === 'heartbeat' && (
              <Table.Tr>
                <Table.Th>{t('status.monitor.lastHeartbeat')}</Table.Th>
                <Table.Td>{m.lastHeartbeatAt ? <ZonedTime at={m.lastHeartbeatAt} /> : '—'}</Table.Td>
              </Table.Tr>
            )}
            {m.openTicketId && (
              <Table.Tr>
                <Table.Th>{t('status.monitor.openTicket')}</Table.Th>
                <Table.Td>
                  <Anchor component={Link} to={`/agent/tickets/${m.openTicketId}`}>
                    {t('status.monitor.openTicketLink')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            )}
            {m.openStatusIncidentId && (
              <Table.Tr>
                <Table.Th>{t('status.monitor.openIncident')}</Table.Th>
                <Table.Td>
                  <Anchor component={Link} to={`/agent/status/incidents/${m.openStatusIncidentId}`}>
                    {t('status.monitor.openIncidentLink')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Table variant="vertical" withTableBorder>
          <Table.Tbody>
            {m.target && (
              <Table.Tr>
                <Table.Th w={200}>{t('status.monitors.target')}</Table.Th>
                <Table.Td style={{ wordBreak: 'break-all' }}>{m.target}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th w={200}>{t('status.monitors.interval')}</Table.Th>
              <Table.Td>{m.intervalSeconds}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('status.monitor.thresholds')}</Table.Th>
              <Table.Td>
                {t('status.monitor.thresholdsValue', { down: m.failuresBeforeDown, up: m.successesBeforeUp })}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('status.monitors.urgency')}</Table.Th>
              <Table.Td>
                {t(`status.level.${m.urgency}`)} / {t(`status.level.${m.impact}`)}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </SimpleGrid>
      <Title order={3} size="h4">
        {t('status.monitor.recentChecks')}
      </Title>
      {m.recentChecks.length === 0 ? (
        <Text>{t('status.monitor.noChecks')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label={t('status.monitor.recentChecks')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('status.monitor.checkedAt')}</Table.Th>
                <Table.Th>{t('status.monitor.result')}</Table.Th>
                <Table.Th>{t('status.monitor.latency')}</Table.Th>
                <Table.Th>{t('status.monitor.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.recentChecks.map((check) => (
                <Table.Tr key={check.checkedAt} data-testid="monitor-check">
                  <Table.Td>
                    <ZonedTime at={check.checkedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={check.ok ? 'teal.9' : 'red.9'}>
                      {check.ok ? t('status.monitor.ok') : t('status.monitor.failed')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{check.latencyMs === null ? '—' : `${check.latencyMs} ms`}</Table.Td>
                  <Table.Td>{check.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('status.monitor.edit')} size="xl">
        <MonitorForm
          monitor={m}
          onSubmit={(form) => update.mutate(form)}
          onCancel={() => setEditing(false)}
          pending={update.isPending}
          error={update.error}
        />
      </FormModal>
    </Stack>
  );
}
