import type { Article } from '@loket/contract';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { api } from '../lib/api-client.ts';
import { PageLoader } from './page-loader.tsx';
import { QueryError } from './query-error.tsx';
import { PriorityBadge, StatusBadge } from './ticket-badges.tsx';

/**
 * A ticket read-only: its facts and its conversation (GET /tickets/:id and /tickets/:id/articles; customers get
 * public replies only, the server decides). Shared by the agent console and the portal, which add their actions.
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
      {articles.isPending ? (
        <PageLoader />
      ) : articles.isError ? (
        <QueryError error={articles.error} onRetry={() => void articles.refetch()} />
      ) : articles.data.items.length === 0 ? (
        <Text>{t('ticket.noArticles')}</Text>
      ) : (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('ticket.conversation')}>
          {articles.data.items.map((article) => (
            <li key={article.id}>
              <ArticleCard article={article} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.7" fw={500}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

/** Internal notes stand apart: a yellow edge and a label, never to be mistaken for what the customer sees. */
function ArticleCard({ article }: { article: Article }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [showFolded, setShowFolded] = useState(false);
  const isNote = article.kind === 'note';
  return (
    <Card
      withBorder
      padding="md"
      data-testid="article"
      data-kind={article.kind}
      bg={isNote ? 'yellow.0' : undefined}
      style={isNote ? { borderLeft: '4px solid var(--mantine-color-yellow-7)' } : undefined}
    >
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {article.author.name}
          </Text>
          {article.author.isAgent && (
            <Badge size="sm" variant="outline" color="gray.8">
              {t('ticket.byAgent')}
            </Badge>
          )}
          <Badge size="sm" variant="filled" color={isNote ? 'yellow.9' : 'blue.8'}>
            {isNote ? t('ticket.note') : t('ticket.reply')}
          </Badge>
          {article.fromTicket && (
            <Badge size="sm" variant="outline" color="gray.8">
              {t('ticket.fromTicket', { reference: article.fromTicket.reference })}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="gray.7">
          <time dateTime={article.createdAt}>{format.dateTime(article.createdAt)}</time>
        </Text>
      </Group>
      {/* Plain text, rendered as text: React escapes it; mail HTML is only ever an attachment. */}
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {article.display.visible}
      </Text>
      {article.display.folded && (
        <>
          <Button
            variant="subtle"
            size="compact-xs"
            mt="xs"
            onClick={() => setShowFolded((v) => !v)}
            aria-expanded={showFolded}
          >
            {showFolded ? t('ticket.hideQuoted') : t('ticket.showQuoted')}
          </Button>
          <Collapse expanded={showFolded}>
            <Text size="sm" c="gray.7" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {article.display.folded}
            </Text>
          </Collapse>
        </>
      )}
      {article.attachments.length > 0 && (
        <>
          <Text size="xs" fw={500} mt="sm">
            {t('ticket.attachments')}
          </Text>
          <List size="sm">
            {article.attachments.map((attachment) => (
              <List.Item key={attachment.id}>
                <Anchor href={`/api/v1/attachments/${attachment.id}`} download={attachment.filename}>
                  {attachment.filename}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
