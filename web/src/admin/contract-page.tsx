import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ContractWithVersions } from '@loket/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { viewerTimeZone } from '../i18n/format.ts';
import { useFormat } from '../i18n/use-format.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { adminApi, calendarsQuery, organisationsQuery } from './admin-api.ts';
import { defaultVersionForm, PRIORITIES, versionFormFrom, versionInputFrom } from './contract-form.ts';
import { notifySaved } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { VersionFields } from './version-fields.tsx';

/** /admin/contracts/:id — the contract, its version history (append-only) and a form for the next version. */
export function ContractPage() {
  const { id } = useParams();
  const contract = useQuery({ queryKey: ['contracts', id], queryFn: () => adminApi.getContract(id!) });
  if (contract.isPending) return <PageLoader />;
  if (contract.isError) return <QueryError error={contract.error} onRetry={() => void contract.refetch()} />;
  return <ContractDetail key={`${contract.data.id}:${contract.data.latestVersion}`} contract={contract.data} />;
}

function ContractDetail({ contract }: { contract: ContractWithVersions }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const organisations = useQuery(organisationsQuery);
  const calendars = useQuery(calendarsQuery);
  const [name, setName] = useState(contract.name);
  const latest = contract.versions[0];
  const [version, setVersion] = useState(() => (latest ? versionFormFrom(latest) : defaultVersionForm()));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['contracts'] });
  };
  const rename = useMutation({
    mutationFn: () => adminApi.updateContract(contract.id, { name: name.trim() }),
    onSuccess: () => {
      refresh();
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
    },
  });
  const addVersion = useMutation({
    mutationFn: () => adminApi.addContractVersion(contract.id, versionInputFrom(version, viewerTimeZone())),
    onSuccess: (saved) => {
      queryClient.setQueryData(['contracts', contract.id], saved);
      refresh();
      notifySaved(t('admin.contract.versionAdded', { version: saved.latestVersion }), t('admin.form.dismiss'));
    },
  });
  const calendarName = (id: string) => calendars.data?.items.find((c) => c.id === id)?.name ?? '…';
  const organisation = organisations.data?.items.find((o) => o.id === contract.organisationId);

  return (
    <Stack>
      <Anchor component={Link} to="/admin/contracts" size="sm">
        {t('admin.contract.back')}
      </Anchor>
      <Title order={1} size="h2">
        {contract.name}
      </Title>
      <Text c="gray.7">{organisation?.name}</Text>

      <Group
        component="form"
        align="flex-end"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate();
        }}
      >
        <TextInput
          label={t('admin.name')}
          value={name}
          error={fieldError(rename.error, 'name')}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button type="submit" variant="light" loading={rename.isPending}>
          {t('admin.contract.rename')}
        </Button>
      </Group>
      {rename.isError && <FormError error={rename.error} />}

      <Title order={2} size="h3">
        {t('admin.contract.historyTitle')}
      </Title>
      <Table.ScrollContainer minWidth={800}>
        <Table aria-label={t('admin.contract.historyTitle')} data-testid="version-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.contract.version')}</Table.Th>
              <Table.Th>{t('admin.contract.effectiveFrom')}</Table.Th>
              <Table.Th>{t('admin.contract.calendar')}</Table.Th>
              {PRIORITIES.map((p) => (
                <Table.Th key={p}>{p}</Table.Th>
              ))}
              <Table.Th>{t('admin.contract.autoClose')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contract.versions.map((v) => (
              <Table.Tr key={v.id} data-testid="version-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={6} wrap="nowrap">
                    {v.version}
                    {contract.currentVersion?.id === v.id && (
                      <Badge size="sm" color="teal.9">
                        {t('admin.contract.inForce')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ZonedTime at={v.effectiveFrom} />
                </Table.Td>
                <Table.Td>{calendarName(v.calendarId)}</Table.Td>
                {PRIORITIES.map((p) => (
                  <Table.Td key={p}>
                    <Text size="xs">
                      {t('admin.contract.targetSummary', {
                        response: format.workingDuration(v.targets[p].firstResponseMinutes),
                        resolution: format.workingDuration(v.targets[p].resolutionMinutes),
                      })}
                    </Text>
                  </Table.Td>
                ))}
                <Table.Td>{t('admin.contract.workingDays', { count: v.autoCloseWorkingDays })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Card withBorder>
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            addVersion.mutate();
          }}
        >
          <Title order={2} size="h3">
            {t('admin.contract.newVersionTitle')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('admin.contract.newVersionHint')}
          </Text>
          <VersionFields form={version} onChange={setVersion} error={addVersion.error} />
          <FormError error={addVersion.error} />
          <Group>
            <Button type="submit" loading={addVersion.isPending}>
              {t('admin.contract.addVersion')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
