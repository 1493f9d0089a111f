import type { Ticket } from '@loket/contract';
import { Alert, Button, FileInput, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useFormat } from '../i18n/use-format.ts';
import { useErrorMessage } from '../ui/query-error.tsx';
import { TicketView } from '../ui/ticket-view.tsx';
import { api } from '../lib/api-client.ts';
import { useTicketIdOf } from '../lib/ticket-address.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { portalApi } from './portal-api.ts';
import { responseDue } from './service-terms.ts';

/**
 * A ticket in the portal: its facts and the public conversation (the server never sends internal notes to
 * customers), when a response is due, confirming or reopening a resolved ticket, and a reply with attachments.
 */
export function PortalTicketPage() {
  const { id = '' } = useParams();
  const ticketId = useTicketIdOf(id);
  if (!ticketId) return <PageLoader />;
  return <PortalTicket key={ticketId} ticketId={ticketId} />;
}

function PortalTicket({ ticketId }: { ticketId: string }) {
  const ticket = useQuery({ queryKey: ['ticket', ticketId], queryFn: () => api.getTicket(ticketId) });
  return (
    <Stack>
      <TicketView ticketId={ticketId} listPath="/portal" />
      {ticket.data && <TicketActions ticket={ticket.data} />}
    </Stack>
  );
}

function TicketActions({ ticket }: { ticket: Ticket }) {
  const kind = ticket.status.kind;
  const isClosed = kind === 'closed';
  return (
    <Stack>
      {kind !== 'resolved' && !isClosed && <DuePanel ticket={ticket} />}
      {(kind === 'resolved' || isClosed) && <ResolutionPanel ticket={ticket} />}
      {!isClosed && <ReplyForm ticket={ticket} />}
    </Stack>
  );
}

function DuePanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const due = responseDue(ticket.sla, new Date());
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-due-title">
      <Title order={2} size="h4" id="portal-due-title" mb="xs">
        {t('portal.ticket.dueTitle')}
      </Title>
      {due ? (
        <Stack gap={4}>
          <Text size="sm" data-testid="ticket-due">
            {due.kind === 'response'
              ? t('portal.ticket.responseDue', { time: format.dateTime(due.at) })
              : t('portal.ticket.resolutionDue', { time: format.dateTime(due.at) })}
          </Text>
          {due.overdue && (
            <Text size="sm" c="red.9" fw={500}>
              {t('portal.ticket.overdue')}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm">{t('portal.ticket.noDue')}</Text>
      )}
    </Paper>
  );
}

/** Resolved: confirm (the ticket closes) or reopen with an optional reason. Closed: reopen only. */
function ResolutionPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    await queryClient.invalidateQueries({ queryKey: ['tickets'] });
  };
  const confirm = useMutation({
    mutationFn: () => portalApi.confirm(ticket.id),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['ticket', ticket.id], updated);
      await refresh();
      notifications.show({
        closeButtonProps: { 'aria-label': t('portal.common.closeNotice') },
        color: 'teal',
        message: t('portal.ticket.confirmed'),
      });
    },
  });
  const reopen = useMutation({
    mutationFn: () => portalApi.reopen(ticket.id, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: async (result) => {
      await refresh();
      if (result.outcome === 'follow_up') {
        notifications.show({
          closeButtonProps: { 'aria-label': t('portal.common.closeNotice') },
          message: t('portal.ticket.followUp', { reference: result.ticket.reference }),
        });
        void navigate(`/portal/tickets/${result.ticket.id}`);
      } else {
        notifications.show({
          closeButtonProps: { 'aria-label': t('portal.common.closeNotice') },
          color: 'teal',
          message: t('portal.ticket.reopened'),
        });
      }
      setReason('');
    },
  });
  const error = confirm.error ?? reopen.error;
  const isResolved = ticket.status.kind === 'resolved';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-resolution-title">
      <Stack>
        <Title order={2} size="h4" id="portal-resolution-title">
          {isResolved ? t('portal.ticket.resolvedTitle') : t('statusKind.closed')}
        </Title>
        <Text size="sm">{isResolved ? t('portal.ticket.resolvedBody') : t('portal.ticket.closedNote')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        <Textarea
          label={t('portal.ticket.reopenReason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Group>
          {isResolved && (
            <Button color="teal.9" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              {t('portal.ticket.confirm')}
            </Button>
          )}
          <Button variant="default" loading={reopen.isPending} onClick={() => reopen.mutate()}>
            {t('portal.ticket.reopen')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ReplyForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const send = useMutation({
    mutationFn: async () => {
      const attachmentIds = files.length ? await portalApi.uploadAll(files) : undefined;
      return portalApi.reply(ticket.id, { body: body.trim(), ...(attachmentIds ? { attachmentIds } : {}) });
    },
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        closeButtonProps: { 'aria-label': t('portal.common.closeNotice') },
        color: 'teal',
        message: t('portal.ticket.sent'),
      });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim()) send.mutate();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-reply-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4" id="portal-reply-title">
            {t('portal.ticket.replyTitle')}
          </Title>
          {send.isError && (
            <Alert color="red" role="alert">
              {errorMessage(send.error)}
            </Alert>
          )}
          <Textarea
            label={t('portal.ticket.replyLabel')}
            required
            autosize
            minRows={4}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
          <FileInput
            label={t('portal.ticket.attachments')}
            placeholder={t('portal.ticket.attachmentsPlaceholder')}
            multiple
            clearable
            // Mantine's placeholder grey is below 4.5:1 on white; this one reads.
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            clearButtonProps={{ 'aria-label': t('portal.common.clearFiles') }}
            value={files}
            onChange={(value) => setFiles((value ?? []).slice(0, 20))}
          />
          <Group>
            <Button type="submit" loading={send.isPending} disabled={!body.trim()}>
              {t('portal.ticket.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
