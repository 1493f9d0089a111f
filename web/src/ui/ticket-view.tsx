import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { Conversation } from './conversation.tsx';
import { Fact } from './fact.tsx';
import { PageLoader } from './page-loader.tsx';
import { QueryError } from './query-error.tsx';
import { QueryState } from './query-state.tsx';
import { PriorityBadge, StatusBadge } from './ticket-badges.tsx';

/**
 * A ticket read-only: its facts and its conversation (GET /tickets/:id and /tickets/:id/articles; customers get
 * public replies only, the server decides). The portal's ticket page, which adds its actions.
 */
export function TicketView({ ticketId, listPath }: { ticketId: string; listPath: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ticket = useQuery({ queryKey: ['ticket', ticketId], queryFn: () => api.getTicket(ticketId) });
  const articles = useQuery({ queryKey: ['ticket', ticketId, 'articles'], queryFn: () => api.listArticles(ticketId) });

  if (ticket.isPending) return <PageLoader />;
  if (ticket.isError) {
    return (
      <Stack align="flex-start">
        <QueryError error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Anchor component={Link} to={listPath}>
          {t('ticket.back')}
        </Anchor>
      </Stack>
    );
  }
  const data = ticket.data;
  return (
    <Stack>
      <Anchor component={Link} to={listPath} size="sm">
        ← {t('ticket.back')}
      </Anchor>
      <div>
        <Text ff="monospace" size="sm" c="gray.7">
          {data.reference}
        </Text>
        <Title order={1} size="h2">
          {data.subject}
        </Title>
      </div>
      {data.mergedIntoId && (
        <Paper withBorder p="sm">
          <Group gap="sm">
            <Text size="sm">{t('ticket.mergedInto')}</Text>
            <Anchor component={Link} to={`${listPath}/${data.mergedIntoId}`} size="sm">
              {t('ticket.openMerged')}
            </Anchor>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" component="dl" m={0}>
          <Fact label={t('ticket.status')}>
            <StatusBadge status={data.status} />
          </Fact>
          <Fact label={t('ticket.priority')}>
            <PriorityBadge priority={data.priority} />
          </Fact>
          <Fact label={t('ticket.organisation')}>{data.organisation.name}</Fact>
          <Fact label={t('ticket.requester')}>{data.requester.name}</Fact>
          <Fact label={t('ticket.group')}>{data.group?.name ?? '—'}</Fact>
          <Fact label={t('ticket.assignee')}>{data.assignee?.name ?? t('ticket.unassigned')}</Fact>
          <Fact label={t('ticket.created')}>
            <time dateTime={data.createdAt}>{format.dateTime(data.createdAt)}</time>
          </Fact>
          <Fact label={t('ticket.updated')}>
            <time dateTime={data.updatedAt}>{format.dateTime(data.updatedAt)}</time>
          </Fact>
        </SimpleGrid>
      </Paper>
      <Title order={2} size="h3">
        {t('ticket.conversation')}
      </Title>
      <QueryState query={articles}>{(data) => <Conversation articles={data.items} audience="customer" />}</QueryState>
    </Stack>
  );
}
