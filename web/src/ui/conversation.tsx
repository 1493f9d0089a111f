import type { Article } from '@loket/contract';
import { Anchor, Badge, Button, Card, Collapse, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { LockIcon, PaperclipIcon, PhoneIcon, ReplyIcon } from './icons.tsx';

/**
 * A ticket's conversation, for agents (the ticket page) and customers (the portal, where the server sends public
 * replies only, so each is simply a "reply"). Internal notes stand apart from public replies in three ways at once — a
 * yellow card with a thick edge, a lock icon and the words "Internal note · not visible to the customer" — so that
 * nobody relies on colour alone to tell what the customer saw.
 */
export function Conversation({
  articles,
  audience = 'agent',
}: {
  articles: Article[];
  audience?: 'agent' | 'customer';
}) {
  const { t } = useTranslation();
  if (articles.length === 0) return <Text>{t('ticket.noArticles')}</Text>;
  return (
    <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('ticket.conversation')}>
      {articles.map((article) => (
        <li key={article.id}>
          <ArticleCard article={article} audience={audience} />
        </li>
      ))}
    </Stack>
  );
}

function ArticleCard({ article, audience }: { article: Article; audience: 'agent' | 'customer' }) {
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
      style={{
        borderLeft: isNote ? '6px solid var(--mantine-color-yellow-7)' : '6px solid var(--mantine-color-blue-7)',
      }}
      aria-label={
        isNote
          ? t('ticket.page.noteBy', { name: article.author.name })
          : t('ticket.page.replyBy', { name: article.author.name })
      }
      component="article"
    >
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Badge
            size="md"
            variant="filled"
            color={isNote ? 'yellow.9' : 'blue.8'}
            leftSection={isNote ? <LockIcon /> : <ReplyIcon />}
          >
            {isNote ? t('ticket.note') : audience === 'customer' ? t('ticket.reply') : t('ticket.page.publicReply')}
          </Badge>
          <Text fw={600} size="sm">
            {article.author.name}
          </Text>
          {article.author.isAgent && (
            <Badge size="sm" variant="outline" color="gray.8">
              {t('ticket.byAgent')}
            </Badge>
          )}
          {article.channel === 'phone' && (
            <Badge size="sm" variant="outline" color="gray.8" leftSection={<PhoneIcon />}>
              {t('ticket.page.viaPhone')}
            </Badge>
          )}
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
      {isNote && (
        <Text size="xs" fw={700} c="gray.9" mb={4}>
          {t('ticket.page.noteHint')}
        </Text>
      )}
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
            <Text
              size="sm"
              c="gray.7"
              pl="sm"
              style={{
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
                borderLeft: '2px solid var(--mantine-color-gray-4)',
              }}
            >
              {article.display.folded}
            </Text>
          </Collapse>
        </>
      )}
      {article.attachments.length > 0 && (
        <>
          <Group gap={4} mt="sm">
            <PaperclipIcon />
            <Text size="xs" fw={500}>
              {t('ticket.attachments')}
            </Text>
          </Group>
          <List size="sm">
            {article.attachments.map((attachment) => (
              <List.Item key={attachment.id}>
                <Anchor href={`/api/v1/attachments/${attachment.id}`} download={attachment.filename}>
                  {attachment.filename}
                </Anchor>{' '}
                <Text span size="xs" c="gray.7">
                  ({formatBytes(attachment.sizeBytes)})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
