import type { SlaClock, SlaClockState, TicketSla } from '@loket/contract';
import { Alert, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { QueryError } from '../../ui/query-error.tsx';
import { ZonedTime } from '../../ui/zoned-time.tsx';
import { ticketApi } from './ticket-api.ts';

const STATE_COLOR: Record<SlaClockState, string> = {
  running: 'blue.8',
  paused: 'orange.4',
  met: 'teal.9',
  breached: 'red.9',
};

/**
 * Each SLA clock of the ticket: its state, the due instant (in the viewer's zone, and on the calendar's clock when
 * that reads differently), the business time used and left, its warnings, and the timeline of running and paused
 * stretches that explains it (GET /tickets/:id/sla).
 */
export function SlaPanel({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const sla = useQuery({ queryKey: ['ticket', ticketId, 'sla'], queryFn: () => ticketApi.sla(ticketId) });
  if (sla.isPending) return <PageLoader />;
  if (sla.isError) return <QueryError error={sla.error} onRetry={() => void sla.refetch()} />;
  const data = sla.data;
  return (
    <Stack gap="md" data-testid="sla-panel">
      <Title order={2} size="h3">
        {t('ticket.sla.title')}
      </Title>
      {!data.contract ? (
        <Text>{t('ticket.sla.noContract')}</Text>
      ) : (
        <>
          <ContractFacts sla={data} />
          <SimpleGrid cols={{ base: 1, lg: data.clocks.length > 1 ? 2 : 1 }}>
            {data.clocks.map((clock) => (
              <ClockCard key={clock.clock} clock={clock} calendarTimeZone={data.contract!.calendar.timezone} />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function ContractFacts({ sla }: { sla: TicketSla }) {
  const { t } = useTranslation();
  const format = useFormat();
  const contract = sla.contract!;
  // Zones with other names but the same wall clock (Amsterdam and Stockholm) need no note.
  const zoneDiffers = format.withCalendarZone(new Date(), contract.calendar.timezone).inCalendar !== null;
  return (
    <Card withBorder padding="sm">
      <Stack gap={4}>
        <Text size="sm">
          {t('ticket.sla.contract', { name: contract.name, version: contract.version, priority: sla.priority })}
        </Text>
        <Text size="sm">
          {t('ticket.sla.calendar', { name: contract.calendar.name, zone: contract.calendar.timezone })}
        </Text>
        {zoneDiffers && (
          <Text size="sm" c="gray.7">
            {t('ticket.sla.zoneDiffers', { calendarZone: contract.calendar.timezone, viewerZone: format.timeZone })}
          </Text>
        )}
        {sla.nextDeadlineAt && (
          <Text size="sm">
            {t('ticket.sla.nextDeadline')}{' '}
            <ZonedTime at={sla.nextDeadlineAt} calendarTimeZone={contract.calendar.timezone} />
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function ClockCard({ clock, calendarTimeZone }: { clock: SlaClock; calendarTimeZone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = clock.targetMinutes > 0 ? Math.min(100, (clock.usedMinutes / clock.targetMinutes) * 100) : 0;
  return (
    <Card withBorder padding="md" component="section" aria-label={t(`ticket.sla.clock.${clock.clock}`)}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t(`ticket.sla.clock.${clock.clock}`)}
          </Title>
          <Badge color={STATE_COLOR[clock.state]} variant="filled" autoContrast>
            {t(`ticket.sla.state.${clock.state}`)}
          </Badge>
        </Group>
        <Table variant="vertical" layout="fixed" withRowBorders={false} fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w="40%">{t('ticket.sla.due')}</Table.Th>
              <Table.Td>
                {clock.dueAt ? (
                  <ZonedTime at={clock.dueAt} calendarTimeZone={calendarTimeZone} />
                ) : clock.state === 'paused' ? (
                  t('ticket.sla.dueWhilePaused')
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('ticket.sla.target')}</Table.Th>
              <Table.Td>{format.workingDuration(clock.targetMinutes)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('ticket.sla.used')}</Table.Th>
              <Table.Td>{format.workingDuration(clock.usedMinutes)}</Table.Td>
            </Table.Tr>
            {clock.state !== 'met' && (
              <Table.Tr>
                <Table.Th>{t('ticket.sla.left')}</Table.Th>
                <Table.Td>
                  <Text span size="sm" fw={600} c={clock.leftMinutes < 0 ? 'red.9' : undefined}>
                    {clock.leftMinutes < 0
                      ? t('ticket.sla.overdueBy', { duration: format.workingDuration(-clock.leftMinutes) })
                      : format.workingDuration(clock.leftMinutes)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {clock.stoppedAt && (
              <Table.Tr>
                <Table.Th>{clock.state === 'met' ? t('ticket.sla.metAt') : t('ticket.sla.stopped')}</Table.Th>
                <Table.Td>
                  <ZonedTime at={clock.stoppedAt} />
                </Table.Td>
              </Table.Tr>
            )}
            {clock.breachedAt && (
              <Table.Tr>
                <Table.Th>{t('ticket.sla.breached')}</Table.Th>
                <Table.Td>
                  <ZonedTime at={clock.breachedAt} calendarTimeZone={calendarTimeZone} />
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <Progress
          value={percent}
          color={clock.state === 'breached' ? 'red.9' : percent >= 75 ? 'orange.6' : 'blue.8'}
          aria-label={t('ticket.sla.usedPercent', { percent: Math.round(percent) })}
        />
        {clock.warnings.length > 0 && (
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              {t('ticket.sla.warnings')}
            </Text>
            {clock.warnings.map((warning, index) => (
              <Text key={index} size="xs" c="gray.7">
                {warning.kind === 'percentOfTarget'
                  ? t('ticket.sla.warningPercent', { value: warning.value })
                  : t('ticket.sla.warningBefore', { duration: format.workingDuration(warning.value) })}
                {': '}
                {warning.at ? <ZonedTime at={warning.at} /> : t('ticket.sla.warningUnknown')}
                {warning.past ? ` (${t('ticket.sla.warningPast')})` : ''}
              </Text>
            ))}
          </Stack>
        )}
        <SegmentsTimeline clock={clock} />
        {clock.cycles && clock.cycles.length > 0 && (
          <Alert color="gray" variant="light" p="xs">
            <Text size="xs">
              {t('ticket.sla.cycles', { count: clock.cycles.length, breached: clock.breachedCycles ?? 0 })}
            </Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

/** Why the clock stands where it does: each stretch it ran or was paused (and by which status kind). */
function SegmentsTimeline({ clock }: { clock: SlaClock }) {
  const { t } = useTranslation();
  if (clock.segments.length === 0) return null;
  return (
    <div>
      <Text size="xs" fw={600} mb={4}>
        {t('ticket.sla.timeline')}
      </Text>
      <Timeline active={clock.segments.length - 1} bulletSize={12} lineWidth={2} color="blue.8">
        {clock.segments.map((segment, index) => (
          <Timeline.Item
            key={index}
            color={segment.state === 'paused' ? 'orange.6' : 'blue.8'}
            title={
              <Text size="sm" fw={500}>
                {segment.state === 'paused'
                  ? t('ticket.sla.pausedBecause', { reason: t(`statusKind.${segment.reason ?? 'waiting_customer'}`) })
                  : t('ticket.sla.running')}
              </Text>
            }
          >
            <Text size="xs" c="gray.7">
              <ZonedTime at={segment.from} /> – {segment.to ? <ZonedTime at={segment.to} /> : t('ticket.sla.now')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </div>
  );
}
