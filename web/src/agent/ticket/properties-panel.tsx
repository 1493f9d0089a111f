import type { Level, Priority, Status, Ticket } from '@loket/contract';
import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toLanguage } from '../../i18n/i18n.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useMe } from '../../lib/session.tsx';
import { useErrorMessage } from '../../ui/query-error.tsx';
import { PriorityBadge, StatusBadge } from '../../ui/ticket-badges.tsx';
import { ticketApi } from './ticket-api.ts';
import { matrixPriority } from './ticket-logic.ts';
import { notify } from './notify.ts';

const LEVELS: Level[] = ['high', 'normal', 'low'];
const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** A mutation on the ticket that refreshes everything about it afterwards and says so. */
function useTicketMutation<I>(ticketId: string, fn: (input: I) => Promise<unknown>, done: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      notify({ color: 'teal', message: done });
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });
}

function MutationError({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" p="xs">
      <Text size="sm">{message(error)}</Text>
    </Alert>
  );
}

/** The ticket's fields an agent changes: status, category, urgency/impact and priority, group, assignee, estimate. */
export function PropertiesPanel({
  ticket,
  nextStatuses,
  statusName,
}: {
  ticket: Ticket;
  nextStatuses: Status[];
  statusName: (status: Status) => string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="ticket-details-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="ticket-details-heading">
          {t('ticket.page.details')}
        </Title>
        <StatusField ticket={ticket} nextStatuses={nextStatuses} statusName={statusName} />
        <Divider />
        <CategoryField ticket={ticket} />
        <Divider />
        <PriorityFields key={`${ticket.urgency}/${ticket.impact}/${ticket.priority}`} ticket={ticket} />
        <Divider />
        <AssignFields ticket={ticket} />
        <Divider />
        <EstimateField key={ticket.estimateMinutes ?? 'none'} ticket={ticket} />
      </Stack>
    </Paper>
  );
}

function StatusField({
  ticket,
  nextStatuses,
  statusName,
}: {
  ticket: Ticket;
  nextStatuses: Status[];
  statusName: (status: Status) => string;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);
  const change = useTicketMutation(
    ticket.id,
    (status: string) => ticketApi.changeStatus(ticket.id, { status }),
    t('ticket.page.statusChanged'),
  );
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('ticket.status')}
        </Text>
        <StatusBadge status={ticket.status} />
      </Group>
      {nextStatuses.length === 0 ? (
        <Text size="sm" c="gray.7">
          {t('ticket.page.noTransitions')}
        </Text>
      ) : (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Select
            label={t('ticket.page.moveTo')}
            placeholder={t('ticket.page.chooseStatus')}
            value={target}
            onChange={setTarget}
            data={nextStatuses.map((s) => ({ value: s.id, label: statusName(s) }))}
            style={{ flex: 1 }}
          />
          <Button
            disabled={!target}
            loading={change.isPending}
            onClick={() => target && change.mutate(target, { onSuccess: () => setTarget(null) })}
          >
            {t('ticket.page.apply')}
          </Button>
        </Group>
      )}
      <MutationError error={change.error} />
    </Stack>
  );
}

function CategoryField({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const language = toLanguage(i18n.language);
  const categories = useQuery({ queryKey: ['categories'], queryFn: ticketApi.categories, staleTime: 5 * 60_000 });
  const change = useTicketMutation(
    ticket.id,
    (category: string) => ticketApi.updateTicket(ticket.id, { category }),
    t('ticket.page.categoryChanged'),
  );
  const options = (categories.data?.items ?? [])
    .filter((c) => c.isActive || c.id === ticket.category.id)
    .map((c) => ({ value: c.id, label: c.translations[language] ?? c.name }));
  return (
    <Stack gap="xs">
      <Select
        label={t('ticket.page.category')}
        value={ticket.category.id}
        data={options.length ? options : [{ value: ticket.category.id, label: ticket.category.name }]}
        onChange={(value) => value && value !== ticket.category.id && change.mutate(value)}
        disabled={change.isPending}
        allowDeselect={false}
      />
      <MutationError error={change.error} />
    </Stack>
  );
}

function PriorityFields({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const matrix = useQuery({ queryKey: ['priority-matrix'], queryFn: ticketApi.priorityMatrix, staleTime: 5 * 60_000 });
  const [urgency, setUrgency] = useState<Level>(ticket.urgency);
  const [impact, setImpact] = useState<Level>(ticket.impact);
  const [overriding, setOverriding] = useState(false);
  const [override, setOverride] = useState<Priority | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const levels = LEVELS.map((level) => ({ value: level, label: t(`ticket.page.level.${level}`) }));
  const resulting = matrixPriority(matrix.data?.cells, urgency, impact);
  const dirty = urgency !== ticket.urgency || impact !== ticket.impact;

  const save = useTicketMutation(
    ticket.id,
    () => ticketApi.updateTicket(ticket.id, { urgency, impact }),
    t('ticket.page.priorityChanged'),
  );
  const overrideMutation = useTicketMutation(
    ticket.id,
    (input: { priority: Priority; priorityReason: string }) => ticketApi.updateTicket(ticket.id, input),
    t('ticket.page.priorityOverridden'),
  );

  const submitOverride = (event: React.FormEvent) => {
    event.preventDefault();
    if (!override) return;
    if (!reason.trim()) {
      setReasonError(t('ticket.page.reasonRequired'));
      return;
    }
    setReasonError(null);
    overrideMutation.mutate(
      { priority: override, priorityReason: reason.trim() },
      {
        onSuccess: () => {
          setOverriding(false);
          setReason('');
          setOverride(null);
        },
      },
    );
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('ticket.priority')}
        </Text>
        <span data-testid="ticket-priority">
          <PriorityBadge priority={ticket.priority} />
        </span>
        {ticket.priorityOverridden && (
          <Badge variant="outline" color="gray.8" size="sm">
            {t('ticket.page.overridden')}
          </Badge>
        )}
      </Group>
      <Group grow align="flex-start" gap="xs">
        <Select
          label={t('ticket.page.urgency')}
          value={urgency}
          data={levels}
          onChange={(v) => v && setUrgency(v as Level)}
          allowDeselect={false}
        />
        <Select
          label={t('ticket.page.impact')}
          value={impact}
          data={levels}
          onChange={(v) => v && setImpact(v as Level)}
          allowDeselect={false}
        />
      </Group>
      <Text size="sm" aria-live="polite" data-testid="resulting-priority">
        {ticket.priorityOverridden
          ? t('ticket.page.overrideHolds')
          : resulting
            ? t('ticket.page.resultingPriority', { priority: resulting })
            : null}
      </Text>
      {dirty && (
        <Group gap="xs">
          <Button size="xs" loading={save.isPending} onClick={() => save.mutate(undefined)}>
            {t('ticket.page.saveUrgencyImpact')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setUrgency(ticket.urgency);
              setImpact(ticket.impact);
            }}
          >
            {t('ticket.page.cancel')}
          </Button>
        </Group>
      )}
      <MutationError error={save.error} />
      {!overriding ? (
        <Button variant="subtle" size="compact-sm" onClick={() => setOverriding(true)} w="fit-content">
          {t('ticket.page.overridePriority')}
        </Button>
      ) : (
        <form onSubmit={submitOverride} aria-label={t('ticket.page.overridePriority')}>
          <Stack gap="xs">
            <Select
              label={t('ticket.page.newPriority')}
              value={override}
              onChange={(v) => setOverride(v as Priority | null)}
              data={PRIORITIES}
              withAsterisk
            />
            <Textarea
              label={t('ticket.page.overrideReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reasonError}
              withAsterisk
              autosize
              minRows={2}
            />
            <Group gap="xs">
              <Button size="xs" type="submit" disabled={!override} loading={overrideMutation.isPending}>
                {t('ticket.page.saveOverride')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setOverriding(false)}>
                {t('ticket.page.cancel')}
              </Button>
            </Group>
            <MutationError error={overrideMutation.error} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function AssignFields({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const me = useMe();
  const groups = useQuery({ queryKey: ['groups'], queryFn: ticketApi.groups, staleTime: 5 * 60_000 });
  const agents = useQuery({ queryKey: ['agents'], queryFn: ticketApi.agents, staleTime: 5 * 60_000 });
  const assign = useTicketMutation(
    ticket.id,
    (input: { groupId?: string | null; assigneeId?: string | null }) =>
      ticketApi.assign(ticket.id, input as Parameters<typeof ticketApi.assign>[1]),
    t('ticket.page.assigned'),
  );
  const groupOptions = (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }));
  if (ticket.group && !groupOptions.some((g) => g.value === ticket.group!.id))
    groupOptions.push({ value: ticket.group.id, label: ticket.group.name });
  const agentOptions = (agents.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (ticket.assignee && !agentOptions.some((a) => a.value === ticket.assignee!.id))
    agentOptions.push({ value: ticket.assignee.id, label: ticket.assignee.name });
  const myId = me.data?.id;
  return (
    <Stack gap="xs">
      <Select
        label={t('ticket.group')}
        placeholder={t('ticket.page.noGroup')}
        value={ticket.group?.id ?? null}
        data={groupOptions}
        clearable
        searchable
        disabled={assign.isPending}
        onChange={(value) => value !== (ticket.group?.id ?? null) && assign.mutate({ groupId: value })}
      />
      <Select
        label={t('ticket.assignee')}
        placeholder={t('ticket.unassigned')}
        value={ticket.assignee?.id ?? null}
        data={agentOptions}
        clearable
        searchable
        disabled={assign.isPending}
        onChange={(value) => value !== (ticket.assignee?.id ?? null) && assign.mutate({ assigneeId: value })}
      />
      {myId && ticket.assignee?.id !== myId && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          loading={assign.isPending}
          onClick={() => assign.mutate({ assigneeId: myId })}
        >
          {t('ticket.page.assignToMe')}
        </Button>
      )}
      <MutationError error={assign.error} />
    </Stack>
  );
}

function EstimateField({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [minutes, setMinutes] = useState<number | string>(ticket.estimateMinutes ?? '');
  const save = useTicketMutation(
    ticket.id,
    (estimateMinutes: number | null) => ticketApi.updateTicket(ticket.id, { estimateMinutes }),
    t('ticket.page.estimateSaved'),
  );
  const value = typeof minutes === 'number' ? minutes : null;
  const dirty = value !== ticket.estimateMinutes;
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <NumberInput
          label={t('ticket.page.estimate')}
          description={
            ticket.estimateMinutes !== null
              ? format.workingDuration(ticket.estimateMinutes)
              : t('ticket.page.noEstimate')
          }
          value={minutes}
          onChange={setMinutes}
          min={0}
          max={100_000}
          step={15}
          allowDecimal={false}
          suffix={` ${t('ticket.page.minutesUnit')}`}
          style={{ flex: 1 }}
        />
        <Button disabled={!dirty} loading={save.isPending} onClick={() => save.mutate(value)}>
          {t('ticket.page.save')}
        </Button>
      </Group>
      <MutationError error={save.error} />
    </Stack>
  );
}
