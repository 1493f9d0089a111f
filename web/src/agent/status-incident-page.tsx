import type {
  ComponentState,
  Incident,
  IncidentImpact,
  IncidentStatus,
  PostIncidentUpdateInput,
} from '@loket/contract';
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../lib/api-client.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError, useErrorMessage } from '../ui/query-error.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { STATUS_KEYS, statusApi } from './status-api.ts';
import { ComponentStateBadge, DraftBadge, ImpactBadge, IncidentStatusBadge } from './status-badges.tsx';
import { FormError, useStatusNotify, useStatusOptions } from './status-shared.tsx';

function useIncidentSaved() {
  const queryClient = useQueryClient();
  return async (incident: Incident) => {
    queryClient.setQueryData(STATUS_KEYS.incident(incident.id), incident);
    await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.incidents, exact: false });
    await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.components });
  };
}

function PostUpdateForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const options = useStatusOptions();
  const saved = useIncidentSaved();
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [body, setBody] = useState('');
  const [states, setStates] = useState<Record<string, ComponentState | null>>({});
  const [postToTickets, setPostToTickets] = useState(false);
  const affected = (components.data?.items ?? []).filter((c) => incident.componentIds.includes(c.id));
  const post = useMutation({
    mutationFn: () =>
      statusApi.postIncidentUpdate(incident.id, {
        status,
        body: body.trim(),
        componentStates: Object.entries(states)
          .filter((entry): entry is [string, ComponentState] => entry[1] !== null)
          .map(([componentId, state]) => ({ componentId, state })) as PostIncidentUpdateInput['componentStates'],
        postToTickets,
      }),
    onSuccess: async (updated) => {
      setBody('');
      setStates({});
      setPostToTickets(false);
      await saved(updated);
      notify.saved(t('status.incident.updatePosted'));
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="post-update-heading">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          post.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="post-update-heading">
            {t('status.incident.postUpdate')}
          </Title>
          <Select
            label={t('status.incidents.status')}
            allowDeselect={false}
            value={status}
            onChange={(value) => value && setStatus(value as IncidentStatus)}
            data={options.incidentStatuses}
          />
          <Textarea
            label={t('status.incidents.message')}
            required
            autosize
            minRows={3}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          {affected.length > 0 && (
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('status.incident.componentChanges')}
              </Text>
              {status === 'resolved' && (
                <Text size="xs" c="gray.7">
                  {t('status.incident.resolveRestores')}
                </Text>
              )}
              {affected.map((component) => (
                <Select
                  key={component.id}
                  label={component.name}
                  placeholder={t('status.incident.unchanged')}
                  clearable
                  value={states[component.id] ?? null}
                  onChange={(value) => setStates((s) => ({ ...s, [component.id]: value as ComponentState | null }))}
                  data={options.componentStates}
                />
              ))}
            </Stack>
          )}
          <Switch
            label={t('status.incident.postToTickets', { count: incident.ticketIds.length })}
            disabled={incident.ticketIds.length === 0}
            checked={postToTickets}
            onChange={(e) => setPostToTickets(e.currentTarget.checked)}
          />
          <FormError error={post.error} />
          <Group>
            <Button type="submit" loading={post.isPending}>
              {status === 'resolved' ? t('status.incident.resolve') : t('status.incident.post')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function LinkedTicket({
  incidentId,
  ticketId,
  canDetach,
}: {
  incidentId: string;
  ticketId: string;
  canDetach: boolean;
}) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const saved = useIncidentSaved();
  const ticket = useQuery({ queryKey: ['ticket', ticketId], queryFn: () => api.getTicket(ticketId) });
  const detach = useMutation({
    mutationFn: () => statusApi.detachTicket(incidentId, ticketId),
    onSuccess: saved,
    onError: notify.failed,
  });
  const label = ticket.data ? `${ticket.data.reference} — ${ticket.data.subject}` : ticketId;
  return (
    <Group justify="space-between" wrap="nowrap">
      <Anchor component={Link} to={`/agent/tickets/${ticketId}`} size="sm">
        {label}
      </Anchor>
      {canDetach && (
        <Button
          size="xs"
          variant="outline"
          color="red.8"
          loading={detach.isPending}
          onClick={() => detach.mutate()}
          aria-label={t('status.incident.detachNamed', { name: ticket.data?.reference ?? ticketId })}
        >
          {t('status.incident.detach')}
        </Button>
      )}
    </Group>
  );
}

function TicketsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const saved = useIncidentSaved();
  const [reference, setReference] = useState('');
  const [notFound, setNotFound] = useState(false);
  const attach = useMutation({
    mutationFn: async () => {
      const wanted = reference.trim();
      const found = await api.listTickets({ q: wanted, limit: 10 });
      const ticket = found.items.find((item) => item.reference.toLowerCase() === wanted.toLowerCase());
      if (!ticket) return null;
      return statusApi.attachTicket(incident.id, ticket.id);
    },
    onSuccess: async (updated) => {
      setNotFound(updated === null);
      if (updated) {
        setReference('');
        await saved(updated);
      }
    },
  });
  const open = incident.status !== 'resolved';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-tickets-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="incident-tickets-heading">
          {t('status.incident.ticketsTitle')}
        </Title>
        {incident.ticketIds.length === 0 && <Text size="sm">{t('status.incident.noTickets')}</Text>}
        {incident.ticketIds.map((ticketId) => (
          <LinkedTicket key={ticketId} incidentId={incident.id} ticketId={ticketId} canDetach={open} />
        ))}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reference.trim()) attach.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('status.incident.attachLabel')}
              placeholder="T-2026-00001"
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={
                notFound ? t('status.incident.ticketNotFound') : attach.isError ? errorMessage(attach.error) : undefined
              }
            />
            <Button type="submit" variant="default" loading={attach.isPending}>
              {t('status.incident.attach')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

function PostmortemPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const saved = useIncidentSaved();
  const [text, setText] = useState(incident.postmortem ?? '');
  const save = useMutation({
    mutationFn: () => statusApi.updateIncident(incident.id, { postmortem: text.trim() || null }),
    onSuccess: async (updated) => {
      await saved(updated);
      notify.saved(t('status.incident.postmortemSaved'));
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="postmortem-heading">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="postmortem-heading">
            {t('status.incident.postmortem')}
          </Title>
          <Textarea
            label={t('status.incident.postmortemLabel')}
            autosize
            minRows={4}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <FormError error={save.error} />
          <Group>
            <Button type="submit" variant="default" loading={save.isPending}>
              {t('status.incident.savePostmortem')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** One incident: its timeline, the next update, the tickets it touches, publishing a draft, and the postmortem. */
export function StatusIncidentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notify = useStatusNotify();
  const options = useStatusOptions();
  const saved = useIncidentSaved();
  const incident = useQuery({ queryKey: STATUS_KEYS.incident(id), queryFn: () => statusApi.getIncident(id) });
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const change = useMutation({
    mutationFn: (input: { publish?: boolean; impact?: IncidentImpact }) => statusApi.updateIncident(id, input),
    onSuccess: saved,
    onError: notify.failed,
  });
  if (incident.isPending) return <PageLoader />;
  if (incident.isError) return <QueryError error={incident.error} onRetry={() => void incident.refetch()} />;
  const i = incident.data;
  const nameOf = (componentId: string) => components.data?.items.find((c) => c.id === componentId)?.name ?? componentId;
  return (
    <Stack>
      <Anchor component={Link} to="/agent/status/incidents" size="sm">
        {t('status.incident.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {i.name}
          </Title>
          <Group gap="xs">
            <IncidentStatusBadge status={i.status} />
            <ImpactBadge impact={i.impact} />
            {!i.isPublished && <DraftBadge />}
          </Group>
        </Stack>
        <Group align="flex-end">
          <Select
            label={t('status.incidents.impact')}
            allowDeselect={false}
            value={i.impact}
            onChange={(value) => value && change.mutate({ impact: value as IncidentImpact })}
            data={options.impacts}
            w={160}
          />
          {!i.isPublished && (
            <Button loading={change.isPending} onClick={() => change.mutate({ publish: true })}>
              {t('status.incident.publish')}
            </Button>
          )}
        </Group>
      </Group>
      <Table variant="vertical" withTableBorder maw={640}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('status.incidents.started')}</Table.Th>
            <Table.Td>
              <ZonedTime at={i.startedAt} />
            </Table.Td>
          </Table.Tr>
          {i.resolvedAt && (
            <Table.Tr>
              <Table.Th>{t('status.incident.resolvedAt')}</Table.Th>
              <Table.Td>
                <ZonedTime at={i.resolvedAt} />
              </Table.Td>
            </Table.Tr>
          )}
          <Table.Tr>
            <Table.Th>{t('status.incidents.affected')}</Table.Th>
            <Table.Td>{i.componentIds.length ? i.componentIds.map(nameOf).join(', ') : '—'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <section aria-labelledby="timeline-heading">
          <Title order={2} size="h4" id="timeline-heading" mb="sm">
            {t('status.incident.timeline')}
          </Title>
          <Timeline active={i.updates.length} bulletSize={14} lineWidth={2}>
            {[...i.updates]
              .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
              .map((update) => (
                <Timeline.Item
                  key={update.id}
                  title={t(`status.incidentStatus.${update.status}`)}
                  data-testid="incident-update"
                >
                  <Text size="xs" c="gray.7">
                    <ZonedTime at={update.createdAt} />
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {update.body}
                  </Text>
                  {update.componentStates.length > 0 && (
                    <Group gap="xs" mt={4}>
                      {update.componentStates.map((change) => (
                        <Group key={change.componentId} gap={4}>
                          <Text size="xs">{nameOf(change.componentId)}:</Text>
                          <ComponentStateBadge state={change.state} />
                        </Group>
                      ))}
                    </Group>
                  )}
                </Timeline.Item>
              ))}
          </Timeline>
        </section>
        <Stack>
          {i.status !== 'resolved' ? <PostUpdateForm key={i.updatedAt} incident={i} /> : null}
          <TicketsPanel incident={i} />
          <PostmortemPanel key={`pm-${i.postmortem ?? ''}`} incident={i} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
