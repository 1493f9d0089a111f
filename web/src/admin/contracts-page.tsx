import { Anchor, Button, Group, Modal, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { viewerTimeZone } from '../i18n/format.ts';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { adminApi, calendarsQuery, organisationsQuery } from './admin-api.ts';
import { defaultVersionForm, versionInputFrom } from './contract-form.ts';
import { notifySaved } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { VersionFields } from './version-fields.tsx';

/** /admin/contracts — every contract with the version in force; a new one is created with its first version. */
export function ContractsPage() {
  const { t } = useTranslation();
  const contracts = useQuery({ queryKey: ['contracts'], queryFn: adminApi.listContracts });
  const organisations = useQuery(organisationsQuery);
  const calendars = useQuery(calendarsQuery);
  const [opened, { open, close }] = useDisclosure();
  const orgName = (id: string) => organisations.data?.items.find((o) => o.id === id)?.name ?? '…';
  const calendarName = (id: string) => calendars.data?.items.find((c) => c.id === id)?.name ?? '…';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.contract.listTitle')}
        </Title>
        <Button onClick={open}>{t('admin.contract.new')}</Button>
      </Group>
      <QueryState query={contracts}>
        {(data) => (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label={t('admin.contract.listTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.name')}</Table.Th>
                  <Table.Th>{t('admin.organisationLabel')}</Table.Th>
                  <Table.Th>{t('admin.contract.calendar')}</Table.Th>
                  <Table.Th>{t('admin.contract.version')}</Table.Th>
                  <Table.Th>{t('admin.contract.effectiveFrom')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((contract) => (
                  <Table.Tr key={contract.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/contracts/${contract.id}`}>
                        {contract.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{orgName(contract.organisationId)}</Table.Td>
                    <Table.Td>
                      {contract.currentVersion ? calendarName(contract.currentVersion.calendarId) : '—'}
                    </Table.Td>
                    <Table.Td>
                      {contract.currentVersion
                        ? t('admin.contract.versionOf', {
                            version: contract.currentVersion.version,
                            latest: contract.latestVersion,
                          })
                        : t('admin.contract.notYetInForce')}
                    </Table.Td>
                    <Table.Td>
                      {contract.currentVersion ? <ZonedTime at={contract.currentVersion.effectiveFrom} /> : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={opened} onClose={close} title={t('admin.contract.new')} size="xl">
        {opened && <NewContractForm onDone={close} />}
      </Modal>
    </Stack>
  );
}

function NewContractForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisations = useQuery(organisationsQuery);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [version, setVersion] = useState(defaultVersionForm);
  const create = useMutation({
    mutationFn: () =>
      adminApi.createContract({
        name: name.trim(),
        organisationId: (organisationId ?? '') as never,
        version: versionInputFrom(version, viewerTimeZone()),
      }),
    onSuccess: (contract) => {
      void queryClient.invalidateQueries({ queryKey: ['contracts'] });
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
      onDone();
      void navigate(`/admin/contracts/${contract.id}`);
    },
  });
  return (
    <Stack
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <TextInput
        label={t('admin.name')}
        required
        value={name}
        error={fieldError(create.error, 'name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('admin.organisationLabel')}
        required
        searchable
        data={(organisations.data?.items ?? [])
          .filter((o) => o.kind === 'customer')
          .map((o) => ({ value: o.id, label: o.name }))}
        value={organisationId}
        error={fieldError(create.error, 'organisationId')}
        onChange={setOrganisationId}
      />
      <VersionFields form={version} onChange={setVersion} error={create.error} prefix="version." />
      <FormError error={create.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('admin.form.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {t('admin.form.create')}
        </Button>
      </Group>
    </Stack>
  );
}
