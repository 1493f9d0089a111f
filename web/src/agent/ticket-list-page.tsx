import { Priority, type Ticket, type TicketSort } from '@loket/contract';
import {
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { useLiveTicketUpdates } from '../lib/live-updates.ts';
import { LoadMore } from '../ui/load-more.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { PriorityBadge, StatusBadge } from '../ui/ticket-badges.tsx';
import { CONSOLE_KEYS, consoleApi } from './console-api.ts';
import { KeyboardHelp, useListKeyboard } from './console-keyboard.tsx';
import classes from './console-list.module.css';
import {
  CLOCK_DRIVEN_REFRESH_MS,
  CONSOLE_VIEWS,
  COUNT_FIELD,
  type ConsoleFilters,
  type ConsoleView,
  defaultSort,
  filtersFromQuery,
  filtersFromSearchParams,
  filtersToQuery,
  filtersToSavedQuery,
  listQueryFor,
  moveSelection,
} from './console-logic.ts';
import { SavedFilters } from './console-saved-filters.tsx';
import { SlaSummary, useNow } from './console-sla.tsx';

const SORTS = ['-updatedAt', 'dueAt', 'priority', '-createdAt'] as const satisfies readonly TicketSort[];
/** Sorts no longer offered that an address or a saved filter may still name: shown while chosen. */
const FORMER_SORTS = ['nextDeadlineAt'] as const satisfies readonly TicketSort[];

/**
 * The agent console: the views with their counts, filters (kept in the address, savable), the tickets with their
 * SLA, kept live by the event stream, and driven by keyboard as well as by mouse.
 */
export function AgentTicketListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearchParams(params);
  const sort = filters.sort ?? defaultSort(filters.view);
  const sortChoices = [...SORTS, ...FORMER_SORTS.filter((s) => s === sort)];
  const setFilters = (next: ConsoleFilters) => setParams(filtersToQuery(next));
  // From the address as it is now, not as last rendered: two quick changes both count.
  const update = (patch: Partial<ConsoleFilters>) =>
    setParams((current) => filtersToQuery({ ...filtersFromSearchParams(current), ...patch }));

  // The search field types freely; the address (and the list) follows after a pause.
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  useEffect(() => setSearch(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if ((filters.q ?? '') !== debounced) update({ q: debounced || undefined });
    // Only the debounced text drives this; the filters are read as they are then.
  }, [debounced]);

  const live = useLiveTicketUpdates();
  const counts = useQuery({
    queryKey: CONSOLE_KEYS.counts,
    queryFn: consoleApi.ticketCounts,
    refetchInterval: CLOCK_DRIVEN_REFRESH_MS,
  });
  const organisations = useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: () => api.listOrganisations({ limit: 200 }),
    staleTime: 5 * 60_000,
  });
  const listQuery = listQueryFor(filters);
  const tickets = useInfiniteQuery({
    queryKey: CONSOLE_KEYS.list(listQuery),
    queryFn: ({ pageParam }) => api.listTickets({ ...listQuery, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: filters.view === 'breaching_soon' ? CLOCK_DRIVEN_REFRESH_MS : false,
  });
  const rows: Ticket[] = tickets.data?.pages.flatMap((page) => page.items) ?? [];

  // Keyboard selection: a roving focus over the rows.
  const [selected, setSelected] = useState(-1);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const searchRef = useRef<HTMLInputElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const listKey = JSON.stringify(listQuery);
  useEffect(() => setSelected(-1), [listKey]);
  const select = (index: number) => {
    setSelected(index);
    const row = rowRefs.current[index];
    row?.focus();
    row?.scrollIntoView?.({ block: 'nearest' });
  };
  const openTicket = (ticket: Ticket | undefined) => {
    if (ticket) void navigate(`/agent/tickets/${ticket.id}`);
  };
  useListKeyboard({
    next: () => select(moveSelection(selected, 1, rows.length)),
    previous: () => select(moveSelection(selected, -1, rows.length)),
    open: () => openTicket(rows[selected]),
    help: () => setHelpOpen(true),
    search: searchRef,
  });

  const viewLabel = (view: ConsoleView) => t(`console.views.${view}`);
  const countOf = (view: ConsoleView) => (view === 'all' ? null : (counts.data?.[COUNT_FIELD[view]] ?? null));
  const customerOrganisations = (organisations.data?.items ?? []).filter((o) => o.kind !== 'provider');
  const title = viewLabel(filters.view);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('console.title')}
          </Title>
          <Text size="sm" c="gray.7" data-testid="live-status" data-live={live}>
            {live ? t('console.live.on') : t('console.live.off')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            {t('console.keys.button')}
          </Button>
          <Button component={Link} to="/agent/phone-call">
            {t('console.phone.button')}
          </Button>
        </Group>
      </Group>

      <nav aria-label={t('console.views.label')}>
        <Group gap="xs">
          {CONSOLE_VIEWS.map((view) => {
            const active = filters.view === view;
            const count = countOf(view);
            return (
              <Button
                key={view}
                component={Link}
                to={`?${new URLSearchParams(filtersToQuery({ ...filters, view, sort: undefined })).toString()}`}
                variant={active ? 'filled' : 'default'}
                aria-current={active ? 'page' : undefined}
                data-testid={`view-${view}`}
                rightSection={
                  count !== null ? (
                    <Badge
                      size="sm"
                      variant={active ? 'white' : 'filled'}
                      color={active ? 'blue.8' : 'gray.7'}
                      autoContrast
                      data-testid={`count-${view}`}
                    >
                      {count}
                    </Badge>
                  ) : undefined
                }
              >
                {viewLabel(view)}
              </Button>
            );
          })}
        </Group>
      </nav>

      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              ref={searchRef}
              label={t('console.filters.search')}
              placeholder={t('console.filters.searchPlaceholder')}
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
              type="search"
              aria-keyshortcuts="/"
            />
            <Select
              label={t('console.filters.organisation')}
              placeholder={t('console.filters.anyOrganisation')}
              data={customerOrganisations.map((o) => ({ value: o.id, label: o.name }))}
              value={filters.organisationId ?? null}
              onChange={(value) => update({ organisationId: value ?? undefined })}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('console.clearField') }}
              w={220}
            />
            <MultiSelect
              label={t('console.filters.priority')}
              placeholder={filters.priority?.length ? undefined : t('console.filters.anyPriority')}
              data={Priority.options.map((p) => ({ value: p, label: p }))}
              value={filters.priority ?? []}
              onChange={(value) => update({ priority: value.length ? (value as Priority[]) : undefined })}
              clearable
              clearButtonProps={{ 'aria-label': t('console.clearField') }}
              w={200}
            />
            <Select
              label={t('console.filters.sort')}
              w={200}
              data={sortChoices.map((s) => ({ value: s, label: t(`console.sort.${s}`) }))}
              value={sort}
              onChange={(value) => update({ sort: (value as TicketSort | null) ?? undefined })}
              allowDeselect={false}
            />
            <Button
              variant="subtle"
              onClick={() => setParams((current) => ({ view: filtersFromSearchParams(current).view }))}
            >
              {t('console.filters.clear')}
            </Button>
          </Group>
          <SavedFilters
            currentQuery={filtersToSavedQuery(filters)}
            onApply={(filter) => setFilters(filtersFromQuery({ view: 'all', ...filter.query }))}
          />
        </Stack>
      </Paper>

      <Title order={2} size="h4" id="ticket-list-heading">
        {title}
      </Title>
      <QueryState query={tickets} empty={t('console.empty')} isEmpty={() => rows.length === 0}>
        {() => (
          <>
            <Table.ScrollContainer minWidth={960}>
              <Table
                verticalSpacing="xs"
                highlightOnHover
                aria-labelledby="ticket-list-heading"
                // The previous filters' rows stay in view until the new ones arrive; say so to assistive technology.
                aria-busy={tickets.isPlaceholderData}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('console.columns.reference')}</Table.Th>
                    <Table.Th>{t('console.columns.subject')}</Table.Th>
                    <Table.Th>{t('console.columns.organisation')}</Table.Th>
                    <Table.Th>{t('console.columns.status')}</Table.Th>
                    <Table.Th>{t('console.columns.priority')}</Table.Th>
                    <Table.Th>{t('console.columns.sla')}</Table.Th>
                    <Table.Th>{t('console.columns.assignee')}</Table.Th>
                    <Table.Th>{t('console.columns.updated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((ticket, index) => (
                    <Table.Tr
                      key={ticket.id}
                      ref={(element) => {
                        rowRefs.current[index] = element;
                      }}
                      className={classes.row}
                      data-testid="ticket-row"
                      data-selected={index === selected}
                      data-due-at={ticket.sla?.dueAt ?? ''}
                      tabIndex={index === selected || (selected < 0 && index === 0) ? 0 : -1}
                      onFocus={() => setSelected(index)}
                      // The reference is the link (screen readers, open in a new tab); the row is a larger target.
                      onClick={(event) => {
                        if ((event.target as HTMLElement).closest('a')) return;
                        openTicket(ticket);
                      }}
                    >
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/agent/tickets/${ticket.id}`}
                          ff="monospace"
                          tabIndex={-1}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {ticket.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{ticket.subject}</Table.Td>
                      <Table.Td>
                        <Text size="sm" data-testid="organisation">
                          {ticket.organisation.name}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {ticket.requester.name}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <StatusBadge status={ticket.status} />
                      </Table.Td>
                      <Table.Td>
                        <PriorityBadge priority={ticket.priority} />
                      </Table.Td>
                      <Table.Td>
                        <SlaSummary sla={ticket.sla} now={now} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{ticket.assignee?.name ?? t('console.unassigned')}</Text>
                        {ticket.group && (
                          <Text size="xs" c="gray.7">
                            {ticket.group.name}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          <time dateTime={ticket.updatedAt}>{format.dateTime(ticket.updatedAt)}</time>
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore
              shown={t('console.shown', { count: rows.length })}
              label={t('console.loadMore')}
              query={tickets}
            />
          </>
        )}
      </QueryState>
      <KeyboardHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </Stack>
  );
}
