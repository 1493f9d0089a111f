import type { Group as AgentGroup } from '@loket/contract';
import { MultiSelect, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi, groupsQuery, staffQuery } from './admin-api.ts';
import { AdminListPage, AdminTable, FormButtons } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';

/** /admin/groups — groups of agents with their lead and members. */
export function GroupsPage() {
  const { t } = useTranslation();
  const groups = useQuery(groupsQuery);
  const staff = useQuery(staffQuery);
  const nameOf = (id: string | null) => (id ? (staff.data?.find((p) => p.id === id)?.name ?? '…') : '—');
  return (
    <AdminListPage<AgentGroup>
      title={t('admin.group.listTitle')}
      newLabel={t('admin.group.new')}
      formTitle={(g) => (g ? t('admin.group.edit', { name: g.name }) : t('admin.group.new'))}
      renderForm={(g, done) => <GroupForm group={g} onDone={done} />}
    >
      {(edit) => (
        <QueryState query={groups}>
          {(data) => (
            <AdminTable
              label={t('admin.group.listTitle')}
              items={data.items}
              onEdit={edit}
              columns={[
                { header: t('admin.group.lead'), cell: (g) => nameOf(g.leadId) },
                { header: t('admin.group.members'), cell: (g) => g.memberIds.map(nameOf).join(', ') },
              ]}
            />
          )}
        </QueryState>
      )}
    </AdminListPage>
  );
}

function GroupForm({ group, onDone }: { group: AgentGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const staff = useQuery(staffQuery);
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [leadId, setLeadId] = useState<string | null>(group?.leadId ?? null);
  const [memberIds, setMemberIds] = useState<string[]>(group?.memberIds ?? []);
  const people = (staff.data ?? []).filter((p) => p.isActive).map((p) => ({ value: p.id, label: p.name }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: name.trim(),
        memberIds: memberIds as never[],
      };
      return group
        ? adminApi.updateGroup(group.id, {
            ...body,
            description: description.trim() || null,
            leadId: (leadId ?? null) as never,
          })
        : adminApi.createGroup({
            ...body,
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(leadId ? { leadId: leadId as never } : {}),
          });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['groups'] });
      onDone();
    },
  });
  return (
    <Stack
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <TextInput
        label={t('admin.name')}
        required
        value={name}
        error={fieldError(save.error, 'name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Textarea
        label={t('admin.group.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <Select
        label={t('admin.group.lead')}
        clearable
        searchable
        data={people}
        value={leadId}
        error={fieldError(save.error, 'leadId')}
        onChange={setLeadId}
      />
      <MultiSelect
        label={t('admin.group.members')}
        searchable
        data={people}
        value={memberIds}
        error={fieldError(save.error, 'memberIds')}
        onChange={setMemberIds}
      />
      <FormError error={save.error} />
      <FormButtons loading={save.isPending} isNew={!group} />
    </Stack>
  );
}
