import { OPEN_STATUS_KINDS, type StatusKind, type Ticket } from '@loket/contract';
import { Anchor, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { PageLoader } from './page-loader.tsx';
import { QueryError } from './query-error.tsx';
import { PriorityBadge, StatusBadge } from './ticket-badges.tsx';

type Filter = 'open' | 'resolved' | 'closed' | 'all';
const KINDS: Record<Filter, readonly StatusKind[] | undefined> = {
  open: OPEN_STATUS_KINDS,
  resolved: ['resolved'],
  closed: ['closed'],
  all: undefined,
};

/**
 * The tickets the viewer may see (the server scopes the list: agents every ticket, managers their organisation's,
 * contacts their own), newest change first, a page at a time. Rows lead to `${detailPath}/:id`.
 */
export function TicketList({
  title,
  detailPath,
  showOrganisation,
}: {
  title: string;
  detailPath: string;
  showOrganisation: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<Filter>('open');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const tickets = useInfiniteQuery({
    queryKey: ['tickets', { filter, q }],
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

  return (
    <Stack>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <div>
          <Text component="span" size="sm" fw={500} id="ticket-filter-label" display="block" mb={4}>
            {t('tickets.filter')}
          </Text>
          <SegmentedControl
            aria-labelledby="ticket-filter-label"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            data={[
              { value: 'open', label: t('tickets.filterOpen') },
              { value: 'resolved', label: t('tickets.filterResolved') },
              { value: 'closed', label: t('tickets.filterClosed') },
              { value: 'all', label: t('tickets.filterAll') },
            ]}
          />
        </div>
        <TextInput
          label={t('tickets.search')}
          placeholder={t('tickets.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
      </Group>
      {tickets.isPending ? (
        <PageLoader />
      ) : tickets.isError ? (
        <QueryError error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : rows.length === 0 ? (
        <Text>{t('tickets.empty')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tickets.columns.reference')}</Table.Th>
                  <Table.Th>{t('tickets.columns.subject')}</Table.Th>
                  <Table.Th>{t('tickets.columns.status')}</Table.Th>
                  <Table.Th>{t('tickets.columns.priority')}</Table.Th>
                  {showOrganisation && <Table.Th>{t('tickets.columns.organisation')}</Table.Th>}
                  <Table.Th>{t('tickets.columns.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((ticket) => (
                  <Table.Tr
                    key={ticket.id}
                    data-testid="ticket-row"
                    style={{ cursor: 'pointer' }}
                    // The reference is the link (keyboard, screen readers, open in new tab); the row is a larger target.
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a')) return;
                      void navigate(`${detailPath}/${ticket.id}`);
                    }}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`${detailPath}/${ticket.id}`}
                        ff="monospace"
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {ticket.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{ticket.subject}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={ticket.status} />
                    </Table.Td>
                    <Table.Td>
                      <PriorityBadge priority={ticket.priority} />
                    </Table.Td>
                    {showOrganisation && <Table.Td>{ticket.organisation.name}</Table.Td>}
                    <Table.Td>
                      <time dateTime={ticket.updatedAt}>{format.dateTime(ticket.updatedAt)}</time>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between">
            <Text size="sm" c="gray.7" aria-live="polite">
              {t('tickets.count', { count: rows.length })}
            </Text>
            {tickets.hasNextPage && (
              <Button
                variant="default"
                loading={tickets.isFetchingNextPage}
                onClick={() => void tickets.fetchNextPage()}
              >
                {t('tickets.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
