import type { Status } from '@loket/contract';
import { Anchor, Badge, Grid, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { toLanguage } from '../i18n/i18n.ts';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { useLiveTicketUpdates } from '../lib/live-updates.ts';
import { useTicketIdOf } from '../lib/ticket-address.ts';
import { Fact } from '../ui/fact.tsx';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { PriorityBadge, StatusBadge } from '../ui/ticket-badges.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { Composer } from './ticket/composer.tsx';
import { Conversation } from '../ui/conversation.tsx';
import { HistoryPanel } from './ticket/history-panel.tsx';
import { LinksPanel } from './ticket/links-panel.tsx';
import { PropertiesPanel } from './ticket/properties-panel.tsx';
import { SlaPanel } from './ticket/sla-panel.tsx';
import { TasksPanel } from './ticket/tasks-panel.tsx';
import { allowedNextStatuses } from './ticket/ticket-logic.ts';
import { TimePanel } from './ticket/time-panel.tsx';

const LIST_PATH = '/agent/tickets';
const TABS = ['conversation', 'sla', 'time', 'links', 'history'] as const;
type Tab = (typeof TABS)[number];

/** A ticket in the agent console: its conversation and every action an agent takes on it. */
export function AgentTicketPage() {
  const { id = '' } = useParams();
  const ticketId = useTicketIdOf(id);
  if (!ticketId) return <PageLoader />;
  return <AgentTicket key={ticketId} ticketId={ticketId} />;
}

function AgentTicket({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'conversation';
  const ticket = useQuery({ queryKey: ['ticket', ticketId], queryFn: () => api.getTicket(ticketId) });
  const articles = useQuery({ queryKey: ['ticket', ticketId, 'articles'], queryFn: () => api.listArticles(ticketId) });
  const statuses = useQuery({ queryKey: ['statuses'], queryFn: api.listStatuses, staleTime: 5 * 60_000 });
  // Another agent's reply, a customer's mail or an SLA breach refreshes this page (lib/live-updates.ts).
  const isLive = useLiveTicketUpdates();

  if (ticket.isPending) return <PageLoader />;
  if (ticket.isError) {
    return (
      <Stack align="flex-start">
        <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Anchor component={Link} to={LIST_PATH}>
          {t('ticket.back')}
        </Anchor>
      </Stack>
    );
  }
  const data = ticket.data;
  const language = toLanguage(i18n.language);
  const statusName = (status: Status) => status.translations[language] ?? status.name;
  const nextStatuses = allowedNextStatuses(statuses.data?.items ?? [], data.status.id);
  const articleCount = articles.data?.items.length;

  return (
    <Stack>
      <Group justify="space-between">
        <Anchor component={Link} to={LIST_PATH} size="sm">
          ← {t('ticket.back')}
        </Anchor>
        <Badge variant="dot" color={isLive ? 'teal.9' : 'gray.7'} size="sm">
          {isLive ? t('ticket.page.live') : t('ticket.page.notLive')}
        </Badge>
      </Group>
      <div>
        <Text ff="monospace" size="sm" c="gray.7">
          {data.reference}
        </Text>
        <Title order={1} size="h2">
          {data.subject}
        </Title>
        <Group gap="xs" mt="xs">
          <StatusBadge status={data.status} />
          <PriorityBadge priority={data.priority} />
          {data.sla?.breached && (
            <Badge color="red.9" variant="filled">
              {t('ticket.page.slaBreached')}
            </Badge>
          )}
          {data.sla?.dueAt && (
            <Text size="sm" c="gray.7">
              {t('ticket.page.nextDue')} <ZonedTime at={data.sla.dueAt} />
            </Text>
          )}
        </Group>
      </div>
      {data.mergedIntoId && (
        <Paper withBorder p="sm" bg="gray.0">
          <Group gap="sm">
            <Text size="sm">{t('ticket.mergedInto')}</Text>
            <Anchor component={Link} to={`${LIST_PATH}/${data.mergedIntoId}`} size="sm">
              {t('ticket.openMerged')}
            </Anchor>
          </Group>
        </Paper>
      )}
      <TasksPanel ticket={data} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Tabs
            value={tab}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (!value || value === 'conversation') next.delete('tab');
              else next.set('tab', value);
              setParams(next, { replace: true });
            }}
            keepMounted={false}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="conversation">
                {t('ticket.conversation')}
                {articleCount !== undefined ? ` (${articleCount})` : ''}
              </Tabs.Tab>
              <Tabs.Tab value="sla">{t('ticket.sla.tab')}</Tabs.Tab>
              <Tabs.Tab value="time">{t('ticket.time.tab')}</Tabs.Tab>
              <Tabs.Tab value="links">{t('ticket.links.tab')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('ticket.history.tab')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="conversation">
              <Stack gap="md">
                <Title order={2} size="h3">
                  {t('ticket.conversation')}
                </Title>
                <QueryState query={articles}>{(data) => <Conversation articles={data.items} />}</QueryState>
                {!data.mergedIntoId && (
                  <Composer ticketId={data.id} nextStatuses={nextStatuses} statusName={statusName} />
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="sla">
              <SlaPanel ticketId={data.id} />
            </Tabs.Panel>
            <Tabs.Panel value="time">
              <TimePanel ticket={data} />
            </Tabs.Panel>
            <Tabs.Panel value="links">
              <LinksPanel ticket={data} basePath={LIST_PATH} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryPanel ticketId={data.id} statuses={statuses.data?.items ?? []} statusName={statusName} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <SimpleGrid cols={2} spacing="sm" component="dl" m={0}>
                <Fact label={t('ticket.organisation')}>{data.organisation.name}</Fact>
                <Fact label={t('ticket.requester')}>
                  {data.requester.name}
                  <Text span size="xs" c="gray.7" display="block">
                    {data.requester.email}
                  </Text>
                </Fact>
                <Fact label={t('ticket.page.channel')}>{t(`ticket.page.channels.${data.channel}`)}</Fact>
                <Fact label={t('ticket.created')}>
                  <time dateTime={data.createdAt}>{format.dateTime(data.createdAt)}</time>
                </Fact>
                <Fact label={t('ticket.updated')}>
                  <time dateTime={data.updatedAt}>{format.dateTime(data.updatedAt)}</time>
                </Fact>
                {data.time && (
                  <Fact label={t('ticket.page.timeLogged')}>{format.workingDuration(data.time.totalMinutes)}</Fact>
                )}
              </SimpleGrid>
            </Paper>
            {!data.mergedIntoId && (
              <PropertiesPanel ticket={data} nextStatuses={nextStatuses} statusName={statusName} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
