import type { Language, Organisation, OrganisationKind } from '@loket/contract';
import { Button, Select, Stack, Switch, Table, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { adminApi, organisationsQuery } from './admin-api.ts';
import { AdminListPage, FormButtons } from './admin-page.tsx';
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
      {(edit) =>
        organisations.isPending ? (
          <PageLoader />
        ) : organisations.isError ? (
          <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label={t('admin.organisationsTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.name')}</Table.Th>
                  <Table.Th>{t('admin.kind')}</Table.Th>
                  <Table.Th>{t('admin.domains')}</Table.Th>
                  <Table.Th>{t('admin.language')}</Table.Th>
                  <Table.Th>{t('admin.active')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {organisations.data.items.map((organisation) => (
                  <Table.Tr key={organisation.id}>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => edit(organisation)}>
                        {organisation.name}
                      </Button>
                    </Table.Td>
                    <Table.Td>{t(KIND_KEY[organisation.kind])}</Table.Td>
                    <Table.Td>{organisation.domains.join(', ')}</Table.Td>
                    <Table.Td>{t(`language.${organisation.language}`)}</Table.Td>
                    <Table.Td>{organisation.isActive ? t('admin.yes') : t('admin.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
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
