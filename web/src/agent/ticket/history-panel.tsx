import type { Level, Status, TicketEvent } from '@loket/contract';
import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { QueryError } from '../../ui/query-error.tsx';
import { ticketApi } from './ticket-api.ts';
import { changeValue, type HistoryLookups, visibleChanges } from './ticket-logic.ts';

const KNOWN_KINDS = new Set([
  'created',
  'updated',
  'replied',
  'note_added',
  'status_changed',
  'assigned',
  'confirmed',
  'reopened',
  'auto_closed',
  'follow_up_opened',
  'linked',
  'unlinked',
  'merged_into',
  'merged_from',
  'merge_details',
  'time_logged',
  'task_completed',
  'mail_bounced',
  'sla_warning',
  'sla_breached',
  'sla_replayed',
]);
const KNOWN_FIELDS = new Set([
  'status',
  'priority',
  'urgency',
  'impact',
  'categoryId',
  'groupId',
  'assigneeId',
  'requesterId',
  'subject',
  'estimateMinutes',
  'mergedIntoId',
  'firstResponseAt',
  'organisationId',
  'resolvedAt',
  'closedAt',
]);

/** What happened to the ticket, newest first: when, who, and what changed from what to what. */
export function HistoryPanel({
  ticketId,
  statuses,
  statusName,
}: {
  ticketId: string;
  statuses: Status[];
  statusName: (status: Status) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useQuery({ queryKey: ['ticket', ticketId, 'history'], queryFn: () => ticketApi.history(ticketId) });
  const groups = useQuery({ queryKey: ['groups'], queryFn: ticketApi.groups, staleTime: 5 * 60_000 });
  const agents = useQuery({ queryKey: ['agents'], queryFn: ticketApi.agents, staleTime: 5 * 60_000 });
  const categories = useQuery({ queryKey: ['categories'], queryFn: ticketApi.categories, staleTime: 5 * 60_000 });
  if (history.isPending) return <PageLoader />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;

  const lookups: HistoryLookups = {
    status: (key) => {
      const status = statuses.find((s) => s.key === key || s.id === key);
      return status ? statusName(status) : undefined;
    },
    group: (id) => groups.data?.items.find((g) => g.id === id)?.name,
    person: (id) => agents.data?.find((p) => p.id === id)?.name,
    category: (id) => categories.data?.items.find((c) => c.id === id)?.name,
  };
  const describe = (event: TicketEvent): string => {
    const data = event.data;
    const text = (key: string) =>
      typeof data[key] === 'string' || typeof data[key] === 'number' ? String(data[key]) : '';
    if (event.kind === 'merged_into' && text('into'))
      return t('ticket.history.mergedIntoRef', { reference: text('into') });
    if (event.kind === 'merged_from' && text('from'))
      return t('ticket.history.mergedFromRef', { reference: text('from') });
    if ((event.kind === 'linked' || event.kind === 'unlinked') && text('source') && text('target'))
      return t(event.kind === 'linked' ? 'ticket.history.linkedRefs' : 'ticket.history.unlinkedRefs', {
        source: text('source'),
        target: text('target'),
      });
    if (event.kind === 'time_logged' && text('minutes'))
      return t('ticket.history.timeLogged', { minutes: Number(text('minutes')) });
    return KNOWN_KINDS.has(event.kind)
      ? t(`ticket.history.kinds.${event.kind as 'created'}`)
      : event.kind.replaceAll('_', ' ');
  };
  const fieldLabel = (field: string): string => {
    if (KNOWN_FIELDS.has(field)) return t(`ticket.history.fields.${field as 'status'}`);
    const sla = /^sla\.(first_response|resolution|update)\.dueAt$/.exec(field);
    if (sla) return t('ticket.history.slaDue', { clock: t(`ticket.sla.clock.${sla[1] as 'update'}`) });
    return field;
  };
  const labels: ValueLabels = {
    empty: t('ticket.history.empty'),
    level: {
      high: t('ticket.page.level.high'),
      normal: t('ticket.page.level.normal'),
      low: t('ticket.page.level.low'),
    },
  };
  const items = [...history.data.items].reverse();

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('ticket.history.title')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" striped data-testid="ticket-history">
          <Table.Caption>{t('ticket.history.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ticket.history.when')}</Table.Th>
              <Table.Th>{t('ticket.history.who')}</Table.Th>
              <Table.Th>{t('ticket.history.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => {
              const changes = visibleChanges(event);
              return (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={event.createdAt}>{format.dateTime(event.createdAt)}</time>
                  </Table.Td>
                  <Table.Td>{event.actor?.name ?? t('ticket.history.system')}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {describe(event)}
                    </Text>
                    {changes.map((change, index) => (
                      <Text size="sm" key={index} c="gray.8">
                        {t('ticket.history.change', {
                          field: fieldLabel(change.field),
                          from: formatValue(change.field, change.from, lookups, format.dateTime, labels),
                          to: formatValue(change.field, change.to, lookups, format.dateTime, labels),
                        })}
                      </Text>
                    ))}
                    {typeof event.data.priorityReason === 'string' && (
                      <Text size="sm" c="gray.8">
                        {t('ticket.history.reason', { reason: event.data.priorityReason })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

type ValueLabels = { empty: string; level: Record<Level, string> };

function formatValue(
  field: string,
  value: unknown,
  lookups: HistoryLookups,
  dateTime: (at: string) => string,
  labels: ValueLabels,
): string {
  const text = changeValue(field, value, lookups);
  if (text === null) return labels.empty;
  if (field === 'urgency' || field === 'impact') return labels.level[text as Level] ?? text;
  if (field.endsWith('At') && !Number.isNaN(Date.parse(text))) return dateTime(text);
  return text;
}
