import type { OutboxMail, OutboxStatus } from '@loket/contract';
import { Anchor, Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { MAIL_KEYS, mailApi } from './mail-api.ts';

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
      {m.ticketId && (
        <Anchor component={Link} to={`/agent/tickets/${m.ticketId}`}>
          {t('mail.outbox.openTicket')}
        </Anchor>
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
      {outbox.isPending ? (
        <PageLoader />
      ) : outbox.isError ? (
        <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.items.length === 0 ? (
        <Text>{t('mail.outbox.empty')}</Text>
      ) : (
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
              {outbox.data.items.map((mail) => (
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
