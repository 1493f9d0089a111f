import type { Component, ComponentState } from '@loket/contract';
import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../ui/query-error.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { STATUS_KEYS, statusApi } from './status-api.ts';
import { ComponentStateBadge } from './status-badges.tsx';
import { FormActions, FormError, FormModal, useStatusNotify, useStatusOptions } from './status-shared.tsx';

function useRefreshStatus() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: STATUS_KEYS.components }),
      queryClient.invalidateQueries({ queryKey: STATUS_KEYS.groups }),
    ]);
}

function ComponentForm({ component, onDone }: { component: Component | null; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const refresh = useRefreshStatus();
  const groups = useQuery({ queryKey: STATUS_KEYS.groups, queryFn: statusApi.listGroups });
  const contracts = useQuery({ queryKey: STATUS_KEYS.contracts, queryFn: statusApi.listContracts });
  const [name, setName] = useState(component?.name ?? '');
  const [group, setGroup] = useState(component?.group ?? '');
  const [description, setDescription] = useState(component?.description ?? '');
  const [isPublic, setIsPublic] = useState(component?.isPublic ?? true);
  const [contractIds, setContractIds] = useState<string[]>(component?.contractIds ?? []);
  const save = useMutation({
    mutationFn: async () => {
      if (!component) {
        return statusApi.createComponent({
          name: name.trim(),
          ...(group.trim() ? { group: group.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
          isPublic,
          contractIds: contractIds as Component['contractIds'],
        });
      }
      await statusApi.updateComponent(component.id, {
        name: name.trim(),
        group: group.trim() || null,
        description: description.trim() || null,
        isPublic,
      });
      for (const id of contractIds.filter((c) => !component.contractIds.includes(c as never)))
        await statusApi.linkContract(component.id, id);
      for (const id of component.contractIds.filter((c) => !contractIds.includes(c)))
        await statusApi.unlinkContract(component.id, id);
    },
    onSuccess: async () => {
      await refresh();
      notify.saved(t('status.components.saved'));
      onDone();
    },
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('status.components.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Autocomplete
          label={t('status.components.group')}
          description={t('status.components.groupHint')}
          data={(groups.data?.items ?? []).map((g) => g.name)}
          value={group}
          onChange={setGroup}
        />
        <Textarea
          label={t('status.components.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Switch
          label={t('status.components.public')}
          description={t('status.components.publicHint')}
          checked={isPublic}
          onChange={(e) => setIsPublic(e.currentTarget.checked)}
        />
        <MultiSelect
          label={t('status.components.contracts')}
          description={t('status.components.contractsHint')}
          searchable
          data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={contractIds}
          onChange={setContractIds}
        />
        <FormError error={save.error} />
        <FormActions onCancel={onDone} pending={save.isPending} submitLabel={t('status.save')} />
      </Stack>
    </form>
  );
}

function ComponentRow({ component, onEdit }: { component: Component; onEdit: () => void }) {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const options = useStatusOptions();
  const refresh = useRefreshStatus();
  const setState = useMutation({
    mutationFn: (state: ComponentState) => statusApi.updateComponent(component.id, { state }),
    onSuccess: refresh,
    onError: notify.failed,
  });
  const remove = useMutation({
    mutationFn: () => statusApi.deleteComponent(component.id),
    onSuccess: refresh,
    onError: notify.failed,
  });
  return (
    <Table.Tr data-testid="component-row">
      <Table.Td>
        <Text fw={500}>{component.name}</Text>
        {component.description && (
          <Text size="xs" c="gray.7">
            {component.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ComponentStateBadge state={component.state} />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={t('status.components.stateOf', { name: component.name })}
          size="xs"
          allowDeselect={false}
          value={component.state}
          disabled={setState.isPending}
          onChange={(value) => value && setState.mutate(value as ComponentState)}
          data={options.componentStates}
        />
      </Table.Td>
      <Table.Td>{component.isPublic ? t('status.components.publicYes') : t('status.components.publicNo')}</Table.Td>
      <Table.Td>{component.contractIds.length}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={onEdit}
            aria-label={t('status.editNamed', { name: component.name })}
          >
            {t('status.edit')}
          </Button>
          <Button
            size="xs"
            variant="outline"
            color="red.8"
            loading={remove.isPending}
            onClick={() =>
              window.confirm(t('status.components.confirmDelete', { name: component.name })) && remove.mutate()
            }
            aria-label={t('status.deleteNamed', { name: component.name })}
          >
            {t('status.delete')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function GroupsPanel() {
  const { t } = useTranslation();
  const notify = useStatusNotify();
  const refresh = useRefreshStatus();
  const groups = useQuery({ queryKey: STATUS_KEYS.groups, queryFn: statusApi.listGroups });
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => statusApi.createGroup({ name: name.trim() }),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
    onError: notify.failed,
  });
  const remove = useMutation({
    mutationFn: (id: string) => statusApi.deleteGroup(id),
    onSuccess: refresh,
    onError: notify.failed,
  });
  const move = useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) => statusApi.updateGroup(id, { position }),
    onSuccess: refresh,
    onError: notify.failed,
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="component-groups-heading">
      <Title order={2} size="h4" id="component-groups-heading" mb="sm">
        {t('status.groups.title')}
      </Title>
      {groups.isError && <QueryError error={groups.error} />}
      <Stack gap="xs">
        {(groups.data?.items ?? []).map((group, index, all) => (
          <Group key={group.id} justify="space-between">
            <Text>{group.name}</Text>
            <Group gap={4}>
              <ActionIcon
                variant="default"
                disabled={index === 0}
                onClick={() =>
                  move.mutate({ id: group.id, position: Math.max(0, (all[index - 1]?.position ?? 0) - 1) })
                }
                aria-label={t('status.groups.moveUp', { name: group.name })}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="default"
                disabled={index === all.length - 1}
                onClick={() => move.mutate({ id: group.id, position: (all[index + 1]?.position ?? 0) + 1 })}
                aria-label={t('status.groups.moveDown', { name: group.name })}
              >
                ↓
              </ActionIcon>
              <Button
                size="xs"
                variant="outline"
                color="red.8"
                onClick={() => remove.mutate(group.id)}
                aria-label={t('status.deleteNamed', { name: group.name })}
              >
                {t('status.delete')}
              </Button>
            </Group>
          </Group>
        ))}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate();
          }}
        >
          <Group align="flex-end">
            <TextInput label={t('status.groups.new')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <Button type="submit" variant="default" loading={create.isPending}>
              {t('status.groups.add')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

/** The components under their group's name ('' for none), groups in the order their first component comes. */
function byGroup(components: Component[]) {
  const groups = new Map<string, Component[]>();
  for (const component of components) {
    const key = component.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), component]);
  }
  return groups;
}

/** Components by group, each with its state (set here, or by incidents, maintenance and monitors). */
export function StatusComponentsPage() {
  const { t } = useTranslation();
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const [editing, setEditing] = useState<Component | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('status.components.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('status.components.add')}</Button>
      </Group>
      <QueryState query={components} empty={t('status.components.empty')}>
        {(data) =>
          [...byGroup(data.items).entries()].map(([group, items]) => (
            <Stack key={group} gap="xs">
              <Title order={3} size="h5">
                {group || t('status.components.ungrouped')}
              </Title>
              <Table.ScrollContainer minWidth={800}>
                <Table aria-label={group || t('status.components.ungrouped')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('status.components.name')}</Table.Th>
                      <Table.Th>{t('status.components.state')}</Table.Th>
                      <Table.Th>{t('status.components.setState')}</Table.Th>
                      <Table.Th>{t('status.components.visibility')}</Table.Th>
                      <Table.Th>{t('status.components.contractCount')}</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>{t('status.actions')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((component) => (
                      <ComponentRow key={component.id} component={component} onEdit={() => setEditing(component)} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          ))
        }
      </QueryState>
      <GroupsPanel />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('status.components.add') : t('status.components.edit')}
        size="lg"
      >
        <ComponentForm component={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      </FormModal>
    </Stack>
  );
}
