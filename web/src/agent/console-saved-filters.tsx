import type { SavedFilter } from '@loket/contract';
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client.ts';
import { useErrorMessage } from '../ui/query-error.tsx';
import { CONSOLE_KEYS, consoleApi } from './console-api.ts';
import { useNotify } from './console-notify.ts';

type Dialog = { kind: 'save' } | { kind: 'rename'; filter: SavedFilter } | null;

/**
 * The viewer's saved filters: apply one with a click, save the current filters under a name, rename or delete one.
 * Each stores the list's query strings, as GET /tickets takes them.
 */
export function SavedFilters({
  currentQuery,
  onApply,
}: {
  currentQuery: Record<string, string>;
  onApply: (filter: SavedFilter) => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const notify = useNotify();
  const client = useQueryClient();
  const filters = useQuery({ queryKey: CONSOLE_KEYS.savedFilters, queryFn: consoleApi.listSavedFilters });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: CONSOLE_KEYS.savedFilters });
  const describe = (e: unknown) =>
    e instanceof ApiError && e.code === 'conflict' ? t('console.saved.nameTaken') : errorMessage(e);

  const save = useMutation({
    mutationFn: async () =>
      dialog?.kind === 'rename'
        ? consoleApi.updateSavedFilter(dialog.filter.id, { name: name.trim() })
        : consoleApi.createSavedFilter({ name: name.trim(), query: currentQuery }),
    onSuccess: async (saved) => {
      await refresh();
      notify(t('console.saved.savedAs', { name: saved.name }), 'teal.9');
      setDialog(null);
    },
    onError: (e) => setError(describe(e)),
  });
  const remove = useMutation({
    mutationFn: (filter: SavedFilter) => consoleApi.deleteSavedFilter(filter.id),
    onSuccess: async (_, filter) => {
      await refresh();
      notify(t('console.saved.deleted', { name: filter.name }), 'teal.9');
    },
    onError: (e) => notify(describe(e), 'red.9'),
  });

  const openDialog = (next: Exclude<Dialog, null>) => {
    setName(next.kind === 'rename' ? next.filter.name : '');
    setError(null);
    setDialog(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('console.saved.nameRequired'));
      return;
    }
    save.mutate();
  };
  const items = filters.data?.items ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby="saved-filters-heading">
      <Group justify="space-between" gap="xs">
        <Title order={2} size="h5" id="saved-filters-heading">
          {t('console.saved.title')}
        </Title>
        <Button size="xs" variant="default" onClick={() => openDialog({ kind: 'save' })}>
          {t('console.saved.save')}
        </Button>
      </Group>
      {filters.isSuccess && items.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('console.saved.none')}
        </Text>
      )}
      <Group gap="xs" data-testid="saved-filters">
        {items.map((filter) => (
          <Group key={filter.id} gap={0} wrap="nowrap">
            <Button size="xs" variant="light" onClick={() => onApply(filter)} style={{ borderRadius: '4px 0 0 4px' }}>
              {filter.name}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  size={30}
                  variant="light"
                  aria-label={t('console.saved.actionsFor', { name: filter.name })}
                  style={{ borderRadius: '0 4px 4px 0' }}
                >
                  <span aria-hidden="true">⋯</span>
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => openDialog({ kind: 'rename', filter })}>
                  {t('console.saved.rename')}
                </Menu.Item>
                <Menu.Item color="red.9" onClick={() => remove.mutate(filter)}>
                  {t('console.saved.delete')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ))}
      </Group>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog?.kind === 'rename' ? t('console.saved.renameTitle') : t('console.saved.saveTitle')}
        closeButtonProps={{ 'aria-label': t('console.cancel') }}
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={t('console.saved.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={error}
              maxLength={200}
              required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                {t('console.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {dialog?.kind === 'rename' ? t('console.saved.renameSubmit') : t('console.saved.saveSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
