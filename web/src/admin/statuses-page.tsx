import type { Status, StatusKind } from '@loket/contract';
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi, statusesQuery } from './admin-api.ts';
import { AdminListPage, AdminTable, FormButtons, notifySaved } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { translationsForm, TranslationsFields, translationsInput } from './translations-fields.tsx';

const KINDS = [
  'new',
  'open',
  'waiting_customer',
  'waiting_provider',
  'scheduled',
  'resolved',
  'closed',
] as const satisfies readonly StatusKind[];

/** /admin/statuses — statuses with their kind, translations and order, and the matrix of allowed transitions. */
export function StatusesPage() {
  const { t } = useTranslation();
  const statuses = useQuery(statusesQuery);
  return (
    <AdminListPage<Status>
      title={t('admin.status.listTitle')}
      newLabel={t('admin.status.new')}
      formTitle={(s) => (s ? t('admin.status.edit', { name: s.name }) : t('admin.status.new'))}
      renderForm={(s, done) => <StatusForm status={s} onDone={done} />}
    >
      {(edit) => (
        <QueryState query={statuses}>
          {(data) => (
            <>
              <AdminTable
                label={t('admin.status.listTitle')}
                items={data.items}
                onEdit={edit}
                columns={[
                  { header: t('admin.key'), cell: (s) => s.key },
                  { header: t('admin.kind'), cell: (s) => t(`statusKind.${s.kind}`) },
                  { header: t('admin.translations'), cell: (s) => Object.values(s.translations).join(' · ') },
                  { header: t('admin.position'), cell: (s) => s.position },
                  { header: t('admin.active'), cell: (s) => (s.isActive ? t('admin.yes') : t('admin.no')) },
                ]}
              />
              <TransitionsMatrix key={statuses.dataUpdatedAt} statuses={data.items} />
            </>
          )}
        </QueryState>
      )}
    </AdminListPage>
  );
}

/** Rows are where a ticket is, columns where it may go; each changed row is saved as that status's `transitionsTo`. */
function TransitionsMatrix({ statuses }: { statuses: Status[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [allowed, setAllowed] = useState(
    () => new Map(statuses.map((s) => [s.id as string, new Set<string>(s.transitionsTo)])),
  );
  const changed = statuses.filter((s) => {
    const now = allowed.get(s.id)!;
    return now.size !== s.transitionsTo.length || s.transitionsTo.some((id) => !now.has(id));
  });
  const toggle = (from: string, to: string, on: boolean) =>
    setAllowed((map) => {
      const next = new Map(map);
      const set = new Set(next.get(from));
      if (on) set.add(to);
      else set.delete(to);
      next.set(from, set);
      return next;
    });
  const save = useMutation({
    mutationFn: async () => {
      for (const status of changed) {
        await adminApi.updateStatus(status.id, { transitionsTo: [...allowed.get(status.id)!] as never[] });
      }
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['statuses'] });
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
    },
  });
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">
          {t('admin.status.transitionsTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('admin.status.transitionsHint')}
        </Text>
        <Table.ScrollContainer minWidth={700}>
          <Table withColumnBorders aria-label={t('admin.status.transitionsTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.status.fromTo')}</Table.Th>
                {statuses.map((to) => (
                  <Table.Th key={to.id} scope="col">
                    <Text size="xs" fw={700}>
                      {to.name}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statuses.map((from) => (
                <Table.Tr key={from.id}>
                  <Table.Th scope="row">{from.name}</Table.Th>
                  {statuses.map((to) => (
                    <Table.Td key={to.id} ta="center">
                      {from.id !== to.id && (
                        <Checkbox
                          aria-label={t('admin.status.transitionLabel', { from: from.name, to: to.name })}
                          checked={allowed.get(from.id)!.has(to.id)}
                          onChange={(e) => toggle(from.id, to.id, e.currentTarget.checked)}
                        />
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <FormError error={save.error} />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={changed.length === 0}>
            {t('admin.status.saveTransitions', { count: changed.length })}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function StatusForm({ status, onDone }: { status: Status | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [name, setName] = useState(status?.name ?? '');
  const [kind, setKind] = useState<StatusKind>(status?.kind ?? 'open');
  const [translations, setTranslations] = useState(translationsForm(status?.translations));
  const [position, setPosition] = useState<number | ''>(status?.position ?? '');
  const [isActive, setActive] = useState(status?.isActive ?? true);
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: name.trim(),
        translations: translationsInput(translations),
        ...(position !== '' ? { position } : {}),
      };
      return status
        ? adminApi.updateStatus(status.id, { ...common, isActive })
        : adminApi.createStatus({ key: key.trim(), kind, ...common });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['statuses'] });
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
      {!status && (
        <TextInput
          label={t('admin.key')}
          description={t('admin.keyHint')}
          required
          value={key}
          error={fieldError(save.error, 'key')}
          onChange={(e) => setKey(e.currentTarget.value)}
        />
      )}
      <TextInput
        label={t('admin.name')}
        required
        value={name}
        error={fieldError(save.error, 'name')}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('admin.kind')}
        description={t('admin.status.kindHint')}
        disabled={!!status}
        allowDeselect={false}
        data={KINDS.map((k) => ({ value: k, label: t(`statusKind.${k}`) }))}
        value={kind}
        onChange={(v) => v && setKind(v as StatusKind)}
      />
      <TranslationsFields value={translations} onChange={setTranslations} />
      <NumberInput
        label={t('admin.position')}
        min={0}
        max={10000}
        allowDecimal={false}
        value={position}
        onChange={(v) => setPosition(typeof v === 'number' ? v : '')}
      />
      {status && (
        <Switch label={t('admin.active')} checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
      )}
      <FormError error={save.error} />
      <FormButtons loading={save.isPending} isNew={!status} />
    </Stack>
  );
}
