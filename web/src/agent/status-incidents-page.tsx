import type { ComponentState, CreateIncidentInput, IncidentImpact, IncidentStatus } from '@loket/contract';
import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { STATUS_KEYS, statusApi } from './status-api.ts';
import { DraftBadge, ImpactBadge, IncidentStatusBadge } from './status-badges.tsx';
import { FormActions, FormError, FormModal, useStatusOptions } from './status-shared.tsx';

function NewIncidentForm({ onDone }: { onDone: (id: string | null) => void }) {
  const { t } = useTranslation();
  const options = useStatusOptions();
  const queryClient = useQueryClient();
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const [name, setName] = useState('');
  const [impact, setImpact] = useState<IncidentImpact>('minor');
  const [status, setStatus] = useState<IncidentStatus>('investigating');
  const [body, setBody] = useState('');
  const [componentIds, setComponentIds] = useState<string[]>([]);
  const [componentState, setComponentState] = useState<ComponentState>('partial_outage');
  const [publish, setPublish] = useState(true);
  const create = useMutation({
    mutationFn: () =>
      statusApi.createIncident({
        name: name.trim(),
        impact,
        status,
        body: body.trim(),
        componentIds: componentIds as CreateIncidentInput['componentIds'],
        componentState,
        publish,
      }),
    onSuccess: async (incident) => {
      await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.incidents });
      await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.components });
      onDone(incident.id);
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('status.incidents.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Group grow>
          <Select
            label={t('status.incidents.impact')}
            allowDeselect={false}
            value={impact}
            onChange={(value) => value && setImpact(value as IncidentImpact)}
            data={options.impacts}
          />
          <Select
            label={t('status.incidents.status')}
            allowDeselect={false}
            value={status}
            onChange={(value) => value && setStatus(value as IncidentStatus)}
            data={options.incidentStatuses.filter((s) => s.value !== 'resolved')}
          />
        </Group>
        <Textarea
          label={t('status.incidents.message')}
          description={t('status.incidents.messageHint')}
          required
          autosize
          minRows={3}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <MultiSelect
          label={t('status.incidents.affected')}
          searchable
          data={(components.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={componentIds}
          onChange={setComponentIds}
        />
        {componentIds.length > 0 && (
          <Select
            label={t('status.incidents.affectedState')}
            allowDeselect={false}
            value={componentState}
            onChange={(value) => value && setComponentState(value as ComponentState)}
            data={options.componentStates}
          />
        )}
        <Switch
          label={t('status.incidents.publishNow')}
          description={t('status.incidents.publishHint')}
          checked={publish}
          onChange={(e) => setPublish(e.currentTarget.checked)}
        />
        <FormError error={create.error} />
        <FormActions
          onCancel={() => onDone(null)}
          pending={create.isPending}
          submitLabel={t('status.incidents.open')}
        />
      </Stack>
    </form>
  );
}

/** Incidents, drafts included, newest first; a new one opens here and continues on its own page. */
export function StatusIncidentsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'open' | 'resolved' | 'all'>('open');
  const [creating, setCreating] = useState(false);
  const incidents = useQuery({
    queryKey: [...STATUS_KEYS.incidents, filter],
    queryFn: () => statusApi.listIncidents({ status: filter, limit: 100 }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('status.incidents.title')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('status.incidents.new')}</Button>
      </Group>
      <SegmentedControl
        aria-label={t('status.incidents.filter')}
        w="fit-content"
        value={filter}
        onChange={(value) => setFilter(value as typeof filter)}
        data={[
          { value: 'open', label: t('status.incidents.filterOpen') },
          { value: 'resolved', label: t('status.incidents.filterResolved') },
          { value: 'all', label: t('status.incidents.filterAll') },
        ]}
      />
      <QueryState query={incidents} empty={t('status.incidents.empty')}>
        {(data) => (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label={t('status.incidents.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('status.incidents.name')}</Table.Th>
                  <Table.Th>{t('status.incidents.impact')}</Table.Th>
                  <Table.Th>{t('status.incidents.status')}</Table.Th>
                  <Table.Th>{t('status.incidents.started')}</Table.Th>
                  <Table.Th>{t('status.incidents.tickets')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((incident) => (
                  <Table.Tr key={incident.id} data-testid="incident-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/agent/status/incidents/${incident.id}`}>
                        {incident.name}
                      </Anchor>
                      {!incident.isPublished && <DraftBadge ml="xs" />}
                    </Table.Td>
                    <Table.Td>
                      <ImpactBadge impact={incident.impact} />
                    </Table.Td>
                    <Table.Td>
                      <IncidentStatusBadge status={incident.status} />
                    </Table.Td>
                    <Table.Td>
                      <ZonedTime at={incident.startedAt} />
                    </Table.Td>
                    <Table.Td>{incident.ticketIds.length}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('status.incidents.new')} size="lg">
        <NewIncidentForm
          onDone={(id) => {
            setCreating(false);
            if (id) void navigate(`/agent/status/incidents/${id}`);
          }}
        />
      </FormModal>
    </Stack>
  );
}
