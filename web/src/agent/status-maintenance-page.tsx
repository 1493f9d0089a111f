import type { CreateMaintenanceInput, Maintenance, MaintenanceStatus } from '@loket/contract';
import { Button, Group, MultiSelect, Paper, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { localInputToInstant, STATUS_KEYS, statusApi } from './status-api.ts';
import { DraftBadge, MaintenanceStatusBadge } from './status-badges.tsx';
import { FormActions, FormError, FormModal, useStatusNotify } from './status-shared.tsx';

const NEXT_STEP: Record<MaintenanceStatus, MaintenanceStatus | null> = {
  scheduled: 'in_progress',
  in_progress: 'verifying',
  verifying: 'completed',
  completed: null,
};

function NewMaintenanceForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [componentIds, setComponentIds] = useState<string[]>([]);
  const [publish, setPublish] = useState(true);
  const scheduledFor = localInputToInstant(from);
  const scheduledUntil = localInputToInstant(until);
  const windowWrong = scheduledFor !== null && scheduledUntil !== null && scheduledUntil <= scheduledFor;
  const create = useMutation({
    mutationFn: () =>
      statusApi.createMaintenance({
        name: name.trim(),
        body: body.trim(),
        scheduledFor: scheduledFor!,
        scheduledUntil: scheduledUntil!,
        componentIds: componentIds as CreateMaintenanceInput['componentIds'],
        publish,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.maintenances });
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (scheduledFor && scheduledUntil && !windowWrong) create.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('status.maintenance.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea
          label={t('status.maintenance.body')}
          autosize
          minRows={2}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            type="datetime-local"
            label={t('status.maintenance.from')}
            required
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('status.maintenance.until')}
            required
            value={until}
            onChange={(e) => setUntil(e.currentTarget.value)}
            error={windowWrong ? t('status.maintenance.windowWrong') : undefined}
          />
        </Group>
        <MultiSelect
          label={t('status.maintenance.components')}
          searchable
          data={(components.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={componentIds}
          onChange={setComponentIds}
        />
        <Switch
          label={t('status.maintenance.publish')}
          checked={publish}
          onChange={(e) => setPublish(e.currentTarget.checked)}
        />
        <FormError error={create.error} />
        <FormActions onCancel={onDone} pending={create.isPending} submitLabel={t('status.maintenance.schedule')} />
      </Stack>
    </form>
  );
}

function MaintenanceCard({
  maintenance,
  componentName,
}: {
  maintenance: Maintenance;
  componentName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.maintenances });
    await queryClient.invalidateQueries({ queryKey: STATUS_KEYS.components });
  };
  const next = NEXT_STEP[maintenance.status];
  const step = useMutation({
    mutationFn: () => statusApi.stepMaintenance(maintenance.id, next!, note.trim()),
    onSuccess: async () => {
      setNote('');
      await refresh();
    },
    onError: notify.failed,
  });
  const cancel = useMutation({
    mutationFn: () => statusApi.deleteMaintenance(maintenance.id),
    onSuccess: refresh,
    onError: notify.failed,
  });
  return (
    <Paper withBorder p="md" data-testid="maintenance">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {maintenance.name}
          </Title>
          <Group gap="xs">
            <MaintenanceStatusBadge status={maintenance.status} />
            {!maintenance.isPublished && <DraftBadge />}
          </Group>
        </Group>
        <Text size="sm">
          <ZonedTime at={maintenance.scheduledFor} /> – <ZonedTime at={maintenance.scheduledUntil} />
        </Text>
        {maintenance.componentIds.length > 0 && (
          <Text size="sm" c="gray.7">
            {t('status.maintenance.components')}: {maintenance.componentIds.map(componentName).join(', ')}
          </Text>
        )}
        {maintenance.body && <Text size="sm">{maintenance.body}</Text>}
        {maintenance.updates.length > 0 && (
          <Stack gap={2}>
            {maintenance.updates.map((update) => (
              <Text key={update.id} size="xs" c="gray.7">
                <ZonedTime at={update.createdAt} /> · {t(`status.maintenanceStatus.${update.status}`)}
                {update.body ? ` — ${update.body}` : ''}
              </Text>
            ))}
          </Stack>
        )}
        {next && (
          <Group align="flex-end">
            <TextInput
              label={t('status.maintenance.note')}
              size="xs"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Button size="xs" loading={step.isPending} onClick={() => step.mutate()}>
              {t(`status.maintenance.stepTo.${next}`)}
            </Button>
            {maintenance.status === 'scheduled' && (
              <Button
                size="xs"
                variant="outline"
                color="red.8"
                loading={cancel.isPending}
                onClick={() => window.confirm(t('status.maintenance.confirmCancel')) && cancel.mutate()}
              >
                {t('status.maintenance.cancel')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Scheduled maintenance: its window, components and steps (scheduled → in progress → verifying → completed). */
export function StatusMaintenancePage() {
  const { t } = useTranslation();
  const maintenances = useQuery({ queryKey: STATUS_KEYS.maintenances, queryFn: statusApi.listMaintenances });
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const [creating, setCreating] = useState(false);
  const componentName = (id: string) => components.data?.items.find((c) => c.id === id)?.name ?? id;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('status.maintenance.title')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('status.maintenance.new')}</Button>
      </Group>
      <QueryState query={maintenances} empty={t('status.maintenance.empty')}>
        {(data) => data.items.map((m) => <MaintenanceCard key={m.id} maintenance={m} componentName={componentName} />)}
      </QueryState>
      <FormModal opened={creating} onClose={() => setCreating(false)} title={t('status.maintenance.new')} size="lg">
        <NewMaintenanceForm onDone={() => setCreating(false)} />
      </FormModal>
    </Stack>
  );
}
