import type { Person, Ticket } from '@loket/contract';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../ui/query-error.tsx';
import { PhoneIcon } from '../../ui/icons.tsx';
import { ticketApi } from './ticket-api.ts';
import { notify } from './notify.ts';

/**
 * Open tasks on the ticket ("call the customer"), shown prominently above everything else until done; with the
 * requester's phone number when known.
 */
export function TasksPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const tasks = useQuery({ queryKey: ['ticket', ticket.id, 'tasks'], queryFn: () => ticketApi.tasks(ticket.id) });
  const open = (tasks.data?.items ?? []).filter((task) => task.doneAt === null);
  const requester = useQuery({
    queryKey: ['person', ticket.requester.id],
    queryFn: () => api.request<Person>('GET', `/people/${encodeURIComponent(ticket.requester.id)}`),
    enabled: open.some((task) => task.kind === 'call_customer'),
    staleTime: 5 * 60_000,
  });
  const complete = useMutation({
    mutationFn: (taskId: string) => ticketApi.completeTask(ticket.id, taskId),
    onSuccess: async () => {
      notify({ color: 'teal', message: t('ticket.tasks.completed') });
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    },
  });
  if (open.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="ticket-tasks">
      {open.map((task) => (
        <Alert
          key={task.id}
          color="orange"
          variant="light"
          title={t(`ticket.tasks.kind.${task.kind}`)}
          icon={<PhoneIcon />}
          styles={{ root: { borderLeft: '6px solid var(--mantine-color-orange-7)' } }}
        >
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm">
              {t('ticket.tasks.callWho', { name: ticket.requester.name })}{' '}
              {requester.data?.phone && (
                <Anchor href={`tel:${requester.data.phone}`} fw={600}>
                  {requester.data.phone}
                </Anchor>
              )}
            </Text>
            <Button
              size="xs"
              color="orange.9"
              loading={complete.isPending && complete.variables === task.id}
              onClick={() => complete.mutate(task.id)}
            >
              {t('ticket.tasks.markDone')}
            </Button>
          </Group>
        </Alert>
      ))}
      {complete.isError && (
        <Alert color="red" role="alert">
          {errorMessage(complete.error)}
        </Alert>
      )}
    </Stack>
  );
}
