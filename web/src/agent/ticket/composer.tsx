import type { Status } from '@loket/contract';
import { Alert, Button, FileInput, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/query-error.tsx';
import { LockIcon, ReplyIcon } from '../../ui/icons.tsx';
import { ticketApi, uploadAttachment } from './ticket-api.ts';
import { notify } from './notify.ts';

type Mode = 'reply' | 'note';

/**
 * Writes a public reply or an internal note, with attachments (each uploaded first, then named by id). The whole box
 * takes the note's look while writing a note, and the button says which one goes out.
 */
export function Composer({
  ticketId,
  nextStatuses,
  statusName,
}: {
  ticketId: string;
  nextStatuses: Status[];
  statusName: (status: Status) => string;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('reply');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [bodyError, setBodyError] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: async () => {
      const attachments = await Promise.all(files.map((file) => uploadAttachment(file)));
      const attachmentIds = attachments.map((a) => a.id);
      const common = { body, ...(attachmentIds.length ? { attachmentIds } : {}) };
      return mode === 'note'
        ? ticketApi.note(ticketId, common)
        : ticketApi.reply(ticketId, { ...common, ...(status ? { status } : {}) });
    },
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      setStatus(null);
      notify({
        color: 'teal',
        message: mode === 'note' ? t('ticket.page.noteAdded') : t('ticket.page.replySent'),
      });
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setBodyError(t('ticket.page.bodyRequired'));
      return;
    }
    setBodyError(null);
    send.mutate();
  };

  const isNote = mode === 'note';
  return (
    <Paper
      withBorder
      p="md"
      bg={isNote ? 'yellow.0' : undefined}
      style={{ borderLeft: `6px solid var(--mantine-color-${isNote ? 'yellow' : 'blue'}-7)` }}
    >
      <form onSubmit={submit} aria-label={t('ticket.page.write')}>
        <Stack gap="sm">
          <SegmentedControl
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            aria-label={t('ticket.page.writeKind')}
            color={isNote ? 'yellow.9' : 'blue.8'}
            data={[
              { value: 'reply', label: t('ticket.page.publicReply') },
              { value: 'note', label: t('ticket.note') },
            ]}
          />
          <Group gap={6}>
            {isNote ? <LockIcon /> : <ReplyIcon />}
            <Text size="sm" fw={600} c={isNote ? 'gray.9' : 'blue.8'}>
              {isNote ? t('ticket.page.noteHint') : t('ticket.page.replyHint')}
            </Text>
          </Group>
          <Textarea
            label={isNote ? t('ticket.page.noteBody') : t('ticket.page.replyBody')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={4}
            maxRows={16}
            error={bodyError}
            withAsterisk
          />
          <FileInput label={t('ticket.attachments')} multiple clearable value={files} onChange={setFiles} />
          {!isNote && nextStatuses.length > 0 && (
            <Select
              label={t('ticket.page.replyAndSetStatus')}
              placeholder={t('ticket.page.keepStatus')}
              clearable
              value={status}
              onChange={setStatus}
              data={nextStatuses.map((s) => ({ value: s.id, label: statusName(s) }))}
            />
          )}
          {send.isError && (
            <Alert color="red" role="alert">
              {errorMessage(send.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={send.isPending}
              color={isNote ? 'yellow.9' : 'blue.8'}
              leftSection={isNote ? <LockIcon /> : <ReplyIcon />}
            >
              {isNote ? t('ticket.page.addNote') : t('ticket.page.sendReply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
