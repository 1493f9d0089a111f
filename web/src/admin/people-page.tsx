import type { Language, Person, Role } from '@loket/contract';
import { isAgentRole } from '@loket/contract';
import { Group, MultiSelect, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi, groupsQuery, organisationsQuery } from './admin-api.ts';
import { AdminListPage, AdminTable, FormButtons } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { useLanguageOptions } from './organisations-page.tsx';

const ROLES = ['admin', 'agent', 'manager', 'contact'] as const satisfies readonly Role[];

/** /admin/people — everyone who can log in or write in, filtered by name/e-mail, role and organisation. */
export function PeoplePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [search] = useDebouncedValue(q, 300);
  const organisations = useQuery(organisationsQuery);
  const groups = useQuery(groupsQuery);
  const people = useQuery({
    queryKey: ['people', { search, role, organisationId }],
    queryFn: () =>
      adminApi.listPeople({
        limit: 200,
        ...(search ? { q: search } : {}),
        ...(role ? { role } : {}),
        ...(organisationId ? { organisationId: organisationId as never } : {}),
      }),
  });
  const orgName = (id: string) => organisations.data?.items.find((o) => o.id === id)?.name ?? '…';
  const groupsOf = (id: string) =>
    (groups.data?.items ?? [])
      .filter((g) => g.memberIds.includes(id as never))
      .map((g) => g.name)
      .join(', ');
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }));
  return (
    <AdminListPage<Person>
      title={t('admin.person.listTitle')}
      newLabel={t('admin.person.new')}
      formTitle={(p) => (p ? t('admin.person.edit', { name: p.name }) : t('admin.person.new'))}
      renderForm={(p, done) => <PersonForm person={p} onDone={done} />}
    >
      {(edit) => (
        <>
          <Group align="flex-end">
            <TextInput label={t('admin.person.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <Select
              label={t('admin.person.role')}
              clearable
              data={roleOptions}
              value={role}
              onChange={(v) => setRole(v as Role | null)}
            />
            <Select
              label={t('admin.organisationLabel')}
              clearable
              searchable
              data={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={organisationId}
              onChange={setOrganisationId}
            />
          </Group>
          <QueryState query={people}>
            {(data) => (
              <AdminTable
                label={t('admin.person.listTitle')}
                items={data.items}
                onEdit={edit}
                minWidth={800}
                columns={[
                  { header: t('admin.person.email'), cell: (p) => p.email },
                  { header: t('admin.person.role'), cell: (p) => t(`admin.role.${p.role}`) },
                  { header: t('admin.organisationLabel'), cell: (p) => orgName(p.organisationId) },
                  {
                    header: t('admin.language'),
                    cell: (p) => (p.language ? t(`language.${p.language}`) : t('admin.person.orgLanguage')),
                  },
                  { header: t('admin.person.groups'), cell: (p) => (isAgentRole(p.role) ? groupsOf(p.id) : '') },
                  { header: t('admin.active'), cell: (p) => (p.isActive ? t('admin.yes') : t('admin.no')) },
                ]}
              >
                {data.nextCursor && (
                  <Text size="sm" c="gray.7">
                    {t('admin.person.narrowDown')}
                  </Text>
                )}
              </AdminTable>
            )}
          </QueryState>
        </>
      )}
    </AdminListPage>
  );
}

function PersonForm({ person, onDone }: { person: Person | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const languages = useLanguageOptions();
  const organisations = useQuery(organisationsQuery);
  const groups = useQuery(groupsQuery);
  const [email, setEmail] = useState('');
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<Role>(person?.role ?? 'contact');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language | null>(person?.language ?? null);
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [isActive, setActive] = useState(person?.isActive ?? true);
  const [password, setPassword] = useState('');
  const initialGroups = (groups.data?.items ?? [])
    .filter((g) => person && g.memberIds.includes(person.id))
    .map((g) => g.id);
  const [groupIds, setGroupIds] = useState<string[] | null>(null);
  const chosenGroups = groupIds ?? initialGroups;

  const save = useMutation({
    mutationFn: async () => {
      const saved = person
        ? await adminApi.updatePerson(person.id, {
            name: name.trim(),
            role,
            language,
            phone: phone.trim() || null,
            isActive,
            ...(password ? { password } : {}),
          })
        : await adminApi.createPerson({
            email: email.trim(),
            role,
            ...(name.trim() ? { name: name.trim() } : {}),
            ...(organisationId ? { organisationId: organisationId as never } : {}),
            ...(language ? { language } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
            ...(password ? { password } : {}),
          });
      // Group membership is held by the groups: change each group whose membership of this person changed.
      if (groupIds && isAgentRole(role)) {
        for (const group of groups.data?.items ?? []) {
          const isMember = group.memberIds.includes(saved.id);
          const shouldBe = groupIds.includes(group.id);
          if (isMember === shouldBe) continue;
          const memberIds = shouldBe ? [...group.memberIds, saved.id] : group.memberIds.filter((m) => m !== saved.id);
          await adminApi.updateGroup(group.id, { memberIds });
        }
      }
      return saved;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['people'] });
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
      {person ? (
        <Text size="sm">{person.email}</Text>
      ) : (
        <TextInput
          label={t('admin.person.email')}
          type="email"
          required
          value={email}
          error={fieldError(save.error, 'email')}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('admin.name')}
        value={name}
        required={!!person}
        error={fieldError(save.error, 'name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('admin.person.role')}
        allowDeselect={false}
        data={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
        value={role}
        error={fieldError(save.error, 'role')}
        onChange={(v) => v && setRole(v as Role)}
      />
      {!person && (
        <Select
          label={t('admin.organisationLabel')}
          description={t('admin.person.organisationHint')}
          clearable
          searchable
          data={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={organisationId}
          error={fieldError(save.error, 'organisationId')}
          onChange={setOrganisationId}
        />
      )}
      <Select
        label={t('admin.language')}
        placeholder={t('admin.person.orgLanguage')}
        clearable
        data={languages}
        value={language}
        onChange={(v) => setLanguage(v as Language | null)}
      />
      <TextInput label={t('admin.person.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
      {isAgentRole(role) && (
        <MultiSelect
          label={t('admin.person.groups')}
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={chosenGroups}
          onChange={setGroupIds}
        />
      )}
      <PasswordInput
        label={person ? t('admin.person.newPassword') : t('admin.person.password')}
        description={t('admin.person.passwordHint')}
        value={password}
        error={fieldError(save.error, 'password')}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
      {person && (
        <Switch label={t('admin.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
      )}
      <FormError error={save.error} />
      <FormButtons loading={save.isPending} isNew={!person} />
    </Stack>
  );
}
