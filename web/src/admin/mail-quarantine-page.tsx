import type { InboundMessage, InboundStatus } from '@loket/contract';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../ui/query-error.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { MAIL_KEYS, mailApi } from './mail-api.ts';

const STATUSES: InboundStatus[] = ['quarantined', 'ignored', 'received', 'processed', 'discarded'];
const STATUS_COLOR: Record<InboundStatus, string> = {
  quarantined: 'red.9',
  ignored: 'gray.7',
  received: 'blue.8',
  processed: 'teal.9',
  discarded: 'dark.5',
};

function MessageActions({ message }: { message: InboundMessage }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const options = (done: string) => ({
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inbound-messages'] });
      notifications.show({ closeButtonProps: { 'aria-label': t('mail.close') }, color: 'teal', message: done });
    },
    onError: (error: unknown) =>
      notifications.show({
        closeButtonProps: { 'aria-label': t('mail.close') },
        color: 'red',
        message: errorMessage(error),
      }),
  });
  const reprocess = useMutation({
    mutationFn: () => mailApi.reprocessInbound(message.id),
    ...options(t('mail.quarantine.reprocessed')),
  });
  const discard = useMutation({
    mutationFn: () => mailApi.discardInbound(message.id),
    ...options(t('mail.quarantine.discarded')),
  });
  const canAct = message.status === 'quarantined' || message.status === 'ignored';
  const subject = message.subject ?? t('mail.quarantine.noSubject');
  return (
    <Group gap="xs" wrap="nowrap">
      {message.rawPurgedAt ? (
        // Deleted under the raw mail retention (settings): nothing to download or process again.
        <Text size="xs" c="gray.7">
          {t('mail.quarantine.rawDeleted')}
        </Text>
      ) : (
        <Button
          component="a"
          href={mailApi.inboundRawUrl(message.id)}
          download
          size="xs"
          variant="default"
          aria-label={t('mail.quarantine.downloadNamed', { subject })}
        >
          {t('mail.quarantine.download')}
        </Button>
      )}
      {canAct && (
        <>
          {!message.rawPurgedAt && (
            <Button
              size="xs"
              loading={reprocess.isPending}
              onClick={() => reprocess.mutate()}
              aria-label={t('mail.quarantine.reprocessNamed', { subject })}
            >
              {t('mail.quarantine.reprocess')}
            </Button>
          )}
          <Button
            size="xs"
            color="red.8"
            variant="outline"
            loading={discard.isPending}
            onClick={() => discard.mutate()}
            aria-label={t('mail.quarantine.discardNamed', { subject })}
          >
            {t('mail.quarantine.discard')}
          </Button>
        </>
      )}
    </Group>
  );
}

/** Received mail by status; the quarantine first: what could not be filed, why, and what to do with it. */
export function MailQuarantinePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<InboundStatus | 'all'>('quarantined');
  const query = status === 'all' ? { limit: 100 } : { status, limit: 100 };
  const messages = useQuery({ queryKey: MAIL_KEYS.inbound(query), queryFn: () => mailApi.listInbound(query) });
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('mail.quarantine.title')}
        </Title>
        <Select
          label={t('mail.quarantine.filter')}
          allowDeselect={false}
          value={status}
          onChange={(value) => value && setStatus(value as InboundStatus | 'all')}
          data={[
            ...STATUSES.map((s) => ({ value: s, label: t(`mail.inboundStatus.${s}`) })),
            { value: 'all', label: t('mail.quarantine.all') },
          ]}
        />
      </Group>
      <QueryState query={messages} empty={t('mail.quarantine.empty')}>
        {(data) => (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('mail.quarantine.title')} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.quarantine.received')}</Table.Th>
                  <Table.Th>{t('mail.quarantine.from')}</Table.Th>
                  <Table.Th>{t('mail.quarantine.subject')}</Table.Th>
                  <Table.Th>{t('mail.quarantine.status')}</Table.Th>
                  <Table.Th>{t('mail.quarantine.reason')}</Table.Th>
                  <Table.Th>{t('mail.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((message) => (
                  <Table.Tr key={message.id} data-testid="inbound-row">
                    <Table.Td>
                      <ZonedTime at={message.receivedAt} />
                    </Table.Td>
                    <Table.Td>{message.fromAddress ?? message.envelopeFrom ?? '—'}</Table.Td>
                    <Table.Td>
                      {message.subject ?? t('mail.quarantine.noSubject')}
                      {message.ticketId && (
                        <Text size="xs">
                          <Anchor component={Link} to={`/agent/tickets/${message.ticketId}`}>
                            {t('mail.quarantine.openTicket')}
                          </Anchor>
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[message.status]}>{t(`mail.inboundStatus.${message.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{message.reason ?? '—'}</Text>
                      {message.attempts > 1 && (
                        <Text size="xs" c="gray.7">
                          {t('mail.quarantine.attempts', { count: message.attempts })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <MessageActions message={message} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
