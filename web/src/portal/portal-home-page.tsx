import { OPEN_STATUS_KINDS, type StatusKind, type Ticket } from '@loket/contract';
import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { useMe } from '../lib/session.tsx';
import { LoadMore } from '../ui/load-more.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { PriorityBadge, StatusBadge } from '../ui/ticket-badges.tsx';
import { DueText } from './due-text.tsx';

type Filter = 'open' | 'resolved' | 'closed' | 'all';
const KINDS: Record<Filter, readonly StatusKind[] | undefined> = {
  open: OPEN_STATUS_KINDS,
  resolved: ['resolved'],
  closed: ['closed'],
  all: undefined,
};

/**
 * The portal opens on the customer's tickets (a manager's: the organisation's; the server scopes the list), as cards
 * that read well on a phone: reference, subject, status, priority and when a response is due.
 */
export function PortalHomePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // The filter and the search live in the address, so that Back from a ticket returns to the list as it was.
  const [params, setParams] = useSearchParams();
  const filterParam = params.get('filter');
  const filter: Filter = filterParam && filterParam in KINDS ? (filterParam as Filter) : 'open';
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const setAddress = (next: { filter: Filter; q: string }) =>
    setParams(
      { ...(next.filter !== 'open' ? { filter: next.filter } : {}), ...(next.q ? { q: next.q } : {}) },
      { replace: true },
    );
  const setFilter = (next: Filter) => setAddress({ filter: next, q });
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setAddress({ filter, q });
    // Only the debounced text drives this; the filter is read as it is then.
  }, [q]);
  const tickets = useInfiniteQuery({
    queryKey: ['tickets', 'portal', { filter, q }],
    queryFn: ({ pageParam }) =>
      api.listTickets({
        statusKind: KINDS[filter] ? [...KINDS[filter]] : undefined,
        q: q || undefined,
        cursor: pageParam,
        limit: 50,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows: Ticket[] = tickets.data?.pages.flatMap((page) => page.items) ?? [];
  const isManager = me?.role === 'manager';
  const title = isManager ? t('portal.list.titleManager') : t('portal.list.title');
  const now = new Date();

  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Button component={Link} to="/portal/tickets/new">
          {t('portal.list.newTicket')}
        </Button>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <div style={{ maxWidth: '100%' }}>
          <Text component="span" size="sm" fw={500} id="portal-filter-label" display="block" mb={4}>
            {t('portal.list.filter')}
          </Text>
          <SegmentedControl
            aria-labelledby="portal-filter-label"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            data={[
              { value: 'open', label: t('portal.list.filterOpen') },
              { value: 'resolved', label: t('portal.list.filterResolved') },
              { value: 'closed', label: t('portal.list.filterClosed') },
              { value: 'all', label: t('portal.list.filterAll') },
            ]}
          />
        </div>
        <TextInput
          label={t('portal.list.search')}
          placeholder={t('portal.list.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
      </Group>
      <QueryState query={tickets} empty={t('portal.list.empty')} isEmpty={() => rows.length === 0}>
        {() => (
          <>
            <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={title}>
              {rows.map((ticket) => (
                <li key={ticket.id}>
                  <TicketCard ticket={ticket} showRequester={isManager} now={now} />
                </li>
              ))}
            </Stack>
            <LoadMore
              shown={t('portal.list.count', { count: rows.length })}
              label={t('portal.list.loadMore')}
              query={tickets}
            />
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function TicketCard({ ticket, showRequester, now }: { ticket: Ticket; showRequester: boolean; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder padding="sm" data-testid="ticket-row">
      {/* Reference and badges on one line, the subject below at full width: nothing is cut off on a phone. */}
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
        <Text size="xs" ff="monospace" c="gray.7">
          {ticket.reference}
        </Text>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
        </Group>
      </Group>
      <Anchor
        component={Link}
        to={`/portal/tickets/${ticket.id}`}
        fw={600}
        mt={4}
        display="block"
        style={{ overflowWrap: 'anywhere' }}
      >
        {ticket.subject}
      </Anchor>
      <Group justify="space-between" mt="xs" gap="xs" wrap="wrap">
        {ticket.status.kind === 'resolved' || ticket.status.kind === 'closed' ? (
          <span />
        ) : (
          <DueText ticket={ticket} now={now} />
        )}
        <Text size="xs" c="gray.7">
          {showRequester && `${t('portal.list.requestedBy', { name: ticket.requester.name })} · `}
          {t('portal.list.updated', { time: format.dateTime(ticket.updatedAt) })}
        </Text>
      </Group>
    </Card>
  );
}
