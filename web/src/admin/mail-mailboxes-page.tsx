import type { CreateMailboxInput, Level, Mailbox, MailboxInbound, UpdateMailboxInput } from '@loket/contract';
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/query-error.tsx';
import { QueryState } from '../ui/query-state.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { MAIL_KEYS, mailApi } from './mail-api.ts';

const LEVELS: Level[] = ['high', 'normal', 'low'];

type FormState = {
  name: string;
  address: string;
  inbound: MailboxInbound;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  categoryId: string | null;
  groupId: string | null;
  urgency: Level;
  impact: Level;
  isActive: boolean;
};

const emptyForm = (): FormState => ({
  name: '',
  address: '',
  inbound: 'smtp',
  host: '',
  port: 993,
  secure: true,
  user: '',
  password: '',
  folder: 'INBOX',
  categoryId: null,
  groupId: null,
  urgency: 'normal',
  impact: 'normal',
  isActive: true,
});

const formFor = (mailbox: Mailbox): FormState => ({
  ...emptyForm(),
  name: mailbox.name,
  address: mailbox.address,
  inbound: mailbox.inbound,
  host: mailbox.imap?.host ?? '',
  port: mailbox.imap?.port ?? 993,
  secure: mailbox.imap?.secure ?? true,
  user: mailbox.imap?.user ?? '',
  folder: mailbox.imap?.folder ?? 'INBOX',
  categoryId: mailbox.categoryId,
  groupId: mailbox.groupId,
  urgency: mailbox.urgency,
  impact: mailbox.impact,
  isActive: mailbox.isActive,
});

/** The request body for a mailbox form: IMAP settings only for IMAP, the password only when one was typed. */
function mailboxInput(form: FormState, existing: Mailbox | null): CreateMailboxInput | UpdateMailboxInput {
  const imap =
    form.inbound === 'imap'
      ? {
          host: form.host.trim(),
          port: form.port,
          secure: form.secure,
          user: form.user,
          folder: form.folder.trim() || 'INBOX',
          ...(form.password ? { password: form.password } : {}),
        }
      : undefined;
  const common = {
    name: form.name.trim(),
    address: form.address.trim(),
    inbound: form.inbound,
    urgency: form.urgency,
    impact: form.impact,
  };
  if (!existing) {
    return {
      ...common,
      ...(imap ? { imap: imap as NonNullable<CreateMailboxInput['imap']> } : {}),
      ...(form.categoryId ? { categoryId: form.categoryId as CreateMailboxInput['categoryId'] } : {}),
      ...(form.groupId ? { groupId: form.groupId as CreateMailboxInput['groupId'] } : {}),
    };
  }
  return {
    ...common,
    ...(imap ? { imap } : {}),
    categoryId: (form.categoryId ?? null) as UpdateMailboxInput['categoryId'],
    groupId: (form.groupId ?? null) as UpdateMailboxInput['groupId'],
    isActive: form.isActive,
  };
}

function MailboxForm({ mailbox, onDone }: { mailbox: Mailbox | null; onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(() => (mailbox ? formFor(mailbox) : emptyForm()));
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const categories = useQuery({ queryKey: MAIL_KEYS.categories, queryFn: mailApi.listCategories });
  const groups = useQuery({ queryKey: MAIL_KEYS.groups, queryFn: mailApi.listGroups });
  const save = useMutation({
    mutationFn: () => {
      const input = mailboxInput(form, mailbox);
      return mailbox
        ? mailApi.updateMailbox(mailbox.id, input as UpdateMailboxInput)
        : mailApi.createMailbox(input as CreateMailboxInput);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: MAIL_KEYS.mailboxes });
      notifications.show({
        closeButtonProps: { 'aria-label': t('mail.close') },
        color: 'teal',
        message: t('mail.mailboxes.saved'),
      });
      onDone();
    },
  });
  const levelData = LEVELS.map((level) => ({ value: level, label: t(`mail.level.${level}`) }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('mail.mailboxes.name')}
          required
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <TextInput
          label={t('mail.mailboxes.address')}
          type="email"
          required
          value={form.address}
          onChange={(e) => set('address', e.currentTarget.value)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="mailbox-inbound-label">
            {t('mail.mailboxes.inbound')}
          </Text>
          <SegmentedControl
            aria-labelledby="mailbox-inbound-label"
            value={form.inbound}
            onChange={(value) => set('inbound', value as MailboxInbound)}
            data={[
              { value: 'smtp', label: t('mail.mailboxes.inboundSmtp') },
              { value: 'imap', label: t('mail.mailboxes.inboundImap') },
            ]}
          />
        </Stack>
        {form.inbound === 'imap' && (
          <>
            <Group grow>
              <TextInput
                label={t('mail.mailboxes.host')}
                required
                value={form.host}
                onChange={(e) => set('host', e.currentTarget.value)}
              />
              <NumberInput
                label={t('mail.mailboxes.port')}
                min={1}
                max={65535}
                value={form.port}
                onChange={(value) => set('port', typeof value === 'number' ? value : 993)}
              />
            </Group>
            <Switch
              label={t('mail.mailboxes.secure')}
              checked={form.secure}
              onChange={(e) => set('secure', e.currentTarget.checked)}
            />
            <TextInput
              label={t('mail.mailboxes.user')}
              required
              value={form.user}
              onChange={(e) => set('user', e.currentTarget.value)}
            />
            <PasswordInput
              label={t('mail.mailboxes.password')}
              description={
                mailbox?.imap?.hasPassword ? t('mail.mailboxes.passwordKept') : t('mail.mailboxes.passwordWriteOnly')
              }
              required={!mailbox?.imap?.hasPassword}
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => set('password', e.currentTarget.value)}
            />
            <TextInput
              label={t('mail.mailboxes.folder')}
              value={form.folder}
              onChange={(e) => set('folder', e.currentTarget.value)}
            />
          </>
        )}
        <Title order={3} size="h5">
          {t('mail.mailboxes.defaults')}
        </Title>
        <Group grow>
          <Select
            label={t('mail.mailboxes.category')}
            clearable
            placeholder={t('mail.mailboxes.none')}
            data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={form.categoryId}
            onChange={(value) => set('categoryId', value)}
          />
          <Select
            label={t('mail.mailboxes.group')}
            clearable
            placeholder={t('mail.mailboxes.none')}
            data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={form.groupId}
            onChange={(value) => set('groupId', value)}
          />
        </Group>
        <Group grow>
          <Select
            label={t('mail.mailboxes.urgency')}
            data={levelData}
            allowDeselect={false}
            value={form.urgency}
            onChange={(value) => value && set('urgency', value as Level)}
          />
          <Select
            label={t('mail.mailboxes.impact')}
            data={levelData}
            allowDeselect={false}
            value={form.impact}
            onChange={(value) => value && set('impact', value as Level)}
          />
        </Group>
        {mailbox && (
          <Switch
            label={t('mail.mailboxes.active')}
            checked={form.isActive}
            onChange={(e) => set('isActive', e.currentTarget.checked)}
          />
        )}
        {save.isError && (
          <Text c="red.8" size="sm" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('mail.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('mail.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Mailboxes: how mail gets in (SMTP relay or IMAP import), with the defaults new tickets take. */
export function MailMailboxesPage() {
  const { t } = useTranslation();
  const mailboxes = useQuery({ queryKey: MAIL_KEYS.mailboxes, queryFn: mailApi.listMailboxes });
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('mail.mailboxes.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('mail.mailboxes.add')}</Button>
      </Group>
      <QueryState query={mailboxes} empty={t('mail.mailboxes.empty')}>
        {(data) => (
          <Table.ScrollContainer minWidth={700}>
            <Table aria-label={t('mail.mailboxes.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.mailboxes.name')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.address')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.inbound')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.lastCheck')}</Table.Th>
                  <Table.Th>{t('mail.mailboxes.active')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('mail.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((mailbox) => (
                  <Table.Tr key={mailbox.id}>
                    <Table.Td>{mailbox.name}</Table.Td>
                    <Table.Td>{mailbox.address}</Table.Td>
                    <Table.Td>
                      {mailbox.inbound === 'imap'
                        ? `${t('mail.mailboxes.inboundImap')} (${mailbox.imap?.host ?? ''})`
                        : t('mail.mailboxes.inboundSmtp')}
                    </Table.Td>
                    <Table.Td>
                      {mailbox.imap?.lastError ? (
                        <Text size="sm" c="red.8">
                          {mailbox.imap.lastError}
                        </Text>
                      ) : mailbox.imap?.checkedAt ? (
                        <ZonedTime at={mailbox.imap.checkedAt} />
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={mailbox.isActive ? 'teal.9' : 'gray.7'}>
                        {mailbox.isActive ? t('mail.yes') : t('mail.no')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(mailbox)}
                        aria-label={t('mail.mailboxes.editNamed', { name: mailbox.name })}
                      >
                        {t('mail.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal
        closeButtonProps={{ 'aria-label': t('mail.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('mail.mailboxes.add') : t('mail.mailboxes.edit')}
        size="lg"
      >
        {editing !== null && (
          <MailboxForm mailbox={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
