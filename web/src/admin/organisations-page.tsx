import type { Language, Organisation, OrganisationKind } from '@loket/contract';
import { Select, Stack, Switch, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi, organisationsQuery } from './admin-api.ts';
import { AdminListPage, AdminTable, FormButtons } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';

const KIND_KEY = {
  provider: 'admin.kindProvider',
  customer: 'admin.kindCustomer',
  unmatched: 'admin.kindUnmatched',
} as const satisfies Record<OrganisationKind, string>;

export function useLanguageOptions() {
  const { t } = useTranslation();
  return (['en', 'nl', 'sv'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }));
}

/** /admin/organisations — customers (and the provider) with their e-mail domains, language and kind. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const organisations = useQuery(organisationsQuery);
  return (
    <AdminListPage<Organisation>
      title={t('admin.organisationsTitle')}
      newLabel={t('admin.organisation.new')}
      formTitle={(o) => (o ? t('admin.organisation.edit', { name: o.name }) : t('admin.organisation.new'))}
      renderForm={(o, done) => <OrganisationForm organisation={o} onDone={done} />}
    >
      {(edit) => (
        <QueryState query={organisations}>
          {(data) => (
            <AdminTable
              label={t('admin.organisationsTitle')}
              items={data.items}
              onEdit={edit}
              columns={[
                { header: t('admin.kind'), cell: (o) => t(KIND_KEY[o.kind]) },
                { header: t('admin.domains'), cell: (o) => o.domains.join(', ') },
                { header: t('admin.language'), cell: (o) => t(`language.${o.language}`) },
                { header: t('admin.active'), cell: (o) => (o.isActive ? t('admin.yes') : t('admin.no')) },
              ]}
            />
          )}
        </QueryState>
      )}
    </AdminListPage>
  );
}

function OrganisationForm({ organisation, onDone }: { organisation: Organisation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const languages = useLanguageOptions();
  const [name, setName] = useState(organisation?.name ?? '');
  const [domains, setDomains] = useState(organisation?.domains ?? []);
  const [language, setLanguage] = useState<Language>(organisation?.language ?? 'en');
  const [isActive, setActive] = useState(organisation?.isActive ?? true);
  const save = useMutation({
    mutationFn: () =>
      organisation
        ? adminApi.updateOrganisation(organisation.id, { name: name.trim(), domains, language, isActive })
        : adminApi.createOrganisation({ name: name.trim(), domains, language }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
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
      <TagsInput
        label={t('admin.domains')}
        description={t('admin.organisation.domainsHint')}
        value={domains}
        error={fieldError(save.error, 'domains')}
        onChange={setDomains}
      />
      <Select
        label={t('admin.language')}
        data={languages}
        allowDeselect={false}
        value={language}
        onChange={(v) => v && setLanguage(v as Language)}
      />
      {organisation && (
        <Switch label={t('admin.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
      )}
      <FormError error={save.error} />
      <FormButtons loading={save.isPending} isNew={!organisation} />
    </Stack>
  );
}
