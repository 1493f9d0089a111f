import type { OutboxMail, OutboxStatus } from '@loket/contract';
import { Anchor, Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../lib/api-client.ts';
import { QueryError, useErrorMessage } from '../ui/query-error.tsx';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { canSendAgain, MAIL_KEYS, mailApi, refusedForNoSmtp } from './mail-api.ts';

const STATUSES: OutboxStatus[] = ['pending', 'sent', 'failed', 'kept'];
const STATUS_COLOR: Record<OutboxStatus, string> = {
  pending: 'blue.8',
  sent: 'teal.9',
  failed: 'red.9',
  kept: 'gray.7',
};

function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[status]}>{t(`mail.outboxStatus.${status}`)}</Badge>;
}

/**
 * Sends a failed or kept mail again, after a confirmation (the recipient gets it). The server answers 409 when the
 * mail is no longer failed or kept (someone was first) or when no SMTP_URL is configured; the mail read again tells
 * which (refusedForNoSmtp).
 */
function SendAgainButton({ mail }: { mail: OutboxMail }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const closeButtonProps = { 'aria-label': t('mail.close') };
  const send = useMutation({
    mutationFn: () => mailApi.resendOutboxMail(mail.id),
    onSuccess: async (sent) => {
      queryClient.setQueryData(MAIL_KEYS.outboxMail(mail.id), sent);
      await queryClient.invalidateQueries({ queryKey: ['outbox'] });
      notifications.show({ closeButtonProps, color: 'teal', message: t('mail.outbox.sentAgain') });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.code === 'conflict') {
        await queryClient.invalidateQueries({ queryKey: ['outbox'] });
      }
      const now = queryClient.getQueryData<OutboxMail>(MAIL_KEYS.outboxMail(mail.id));
      const message = refusedForNoSmtp(error, now) ? t('mail.outbox.noSmtp') : errorMessage(error);
      notifications.show({ closeButtonProps, color: 'red', message });
    },
  });
  return (
    <Button
      loading={send.isPending}
      onClick={() => window.confirm(t('mail.outbox.confirmSendAgain', { to: mail.toAddress })) && send.mutate()}
    >
      {t('mail.outbox.sendAgain')}
    </Button>
  );
}

/** One mail as it was written: headers, delivery state and the text. */
function OutboxMailView({ mailId }: { mailId: string }) {
  const { t } = useTranslation();
  const mail = useQuery({ queryKey: MAIL_KEYS.outboxMail(mailId), queryFn: () => mailApi.getOutboxMail(mailId) });
  if (mail.isPending) return <PageLoader />;
  if (mail.isError) return <QueryError error={mail.error} onRetry={() => void mail.refetch()} />;
  const m: OutboxMail = mail.data;
  const rows: [string, React.ReactNode][] = [
    [t('mail.outbox.status'), <OutboxStatusBadge key="s" status={m.status} />],
    [t('mail.outbox.from'), m.fromAddress],
    [t('mail.outbox.to'), m.toAddress],
    ...(m.ccAddresses.length ? [[t('mail.outbox.cc'), m.ccAddresses.join(', ')] as [string, string]] : []),
    [t('mail.outbox.subject'), m.subject],
    [t('mail.outbox.written'), <ZonedTime key="c" at={m.createdAt} />],
    [t('mail.outbox.sent'), m.sentAt ? <ZonedTime key="t" at={m.sentAt} /> : '—'],
    [t('mail.outbox.kind'), <Code key="k">{m.kind}</Code>],
    [t('mail.outbox.messageId'), <Code key="m">{m.messageId}</Code>],
    [t('mail.outbox.attempts'), String(m.attempts)],
  ];
  return (
    <Stack>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={160}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {m.lastError && (
        <Text c="red.8" size="sm">
          {t('mail.outbox.lastError')}: {m.lastError}
        </Text>
      )}
      {(canSendAgain(m.status) || m.ticketId) && (
        <Group justify="space-between">
          {m.ticketId && (
            <Anchor component={Link} to={`/agent/tickets/${m.ticketId}`}>
              {t('mail.outbox.openTicket')}
            </Anchor>
          )}
          {canSendAgain(m.status) && <SendAgainButton mail={m} />}
        </Group>
      )}
      <Paper withBorder p="md" component="section" aria-label={t('mail.outbox.text')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }} data-testid="outbox-text">
          {m.textBody}
        </Text>
      </Paper>
    </Stack>
  );
}

/** Mail Loket wrote, newest first, by delivery state; one opens to read it as sent. */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OutboxStatus | 'all'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const query = status === 'all' ? { limit: 100 } : { status, limit: 100 };
  const outbox = useQuery({ queryKey: MAIL_KEYS.outbox(query), queryFn: () => mailApi.listOutbox(query) });
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('mail.outbox.title')}
        </Title>
        <Select
          label={t('mail.outbox.filter')}
          allowDeselect={false}
          value={status}
          onChange={(value) => value && setStatus(value as OutboxStatus | 'all')}
          data={[
            { value: 'all', label: t('mail.outbox.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`mail.outboxStatus.${s}`) })),
          ]}
        />
      </Group>
      <Text size="sm" c="gray.7">
        {t('mail.outbox.explain')}
      </Text>
      <QueryState query={outbox} empty={t('mail.outbox.empty')}>
        {(data) => (
          <Table.ScrollContainer minWidth={800}>
            <Table aria-label={t('mail.outbox.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.outbox.written')}</Table.Th>
                  <Table.Th>{t('mail.outbox.to')}</Table.Th>
                  <Table.Th>{t('mail.outbox.subject')}</Table.Th>
                  <Table.Th>{t('mail.outbox.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((mail) => (
                  <Table.Tr key={mail.id} data-testid="outbox-row">
                    <Table.Td>
                      <ZonedTime at={mail.createdAt} />
                    </Table.Td>
                    <Table.Td>{mail.toAddress}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpen(mail.id)} px={0}>
                        {mail.subject}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      <OutboxStatusBadge status={mail.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal
        closeButtonProps={{ 'aria-label': t('mail.close') }}
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={t('mail.outbox.mail')}
        size="xl"
      >
        {open && <OutboxMailView mailId={open} />}
      </Modal>
    </Stack>
  );
}
