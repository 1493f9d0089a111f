import { Button, Group, Modal, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The frame of a list page in the administration: a heading, a "new" button, the list, and one modal for creating or
 * editing an item (`editing` is the item, `null` for a new one). The form inside closes the modal when saved.
 */
export function AdminListPage<T>({
  title,
  newLabel,
  children,
  renderForm,
  formTitle,
}: {
  title: string;
  newLabel?: string;
  children: (edit: (item: T) => void) => ReactNode;
  renderForm: (item: T | null, done: () => void) => ReactNode;
  formTitle: (item: T | null) => string;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const done = () => {
    setEditing(null);
    notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {title}
        </Title>
        {newLabel && <Button onClick={() => setEditing({ item: null })}>{newLabel}</Button>}
      </Group>
      {children((item) => setEditing({ item }))}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? formTitle(editing.item) : ''}
        size="lg"
      >
        {editing && renderForm(editing.item, done)}
      </Modal>
    </Stack>
  );
}

export type AdminColumn<T> = { header: string; cell: (item: T) => ReactNode };

/**
 * The table of an administration list, labelled by the page's title: the first column is each item's name, a button
 * that opens it for editing; `columns` follow. `children` go below the rows (a note such as "narrow the search").
 */
export function AdminTable<T extends { id: string; name: string }>({
  label,
  items,
  onEdit,
  columns,
  minWidth = 600,
  children,
}: {
  label: string;
  items: T[];
  onEdit: (item: T) => void;
  columns: AdminColumn<T>[];
  minWidth?: number;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.name')}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.header}>{column.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onEdit(item)}>
                  {item.name}
                </Button>
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {children}
    </Table.ScrollContainer>
  );
}

/** Save and cancel at the foot of a modal form. */
export function FormButtons({ onCancel, loading, isNew }: { onCancel?: () => void; loading: boolean; isNew: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t('admin.form.cancel')}
        </Button>
      )}
      <Button type="submit" loading={loading}>
        {isNew ? t('admin.form.create') : t('admin.form.save')}
      </Button>
    </Group>
  );
}

/** A short confirmation; its close button is named (Mantine leaves it unlabelled). */
export function notifySaved(message: string, dismiss: string) {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': dismiss } });
}
