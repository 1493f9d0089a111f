import type { Language } from '@loket/contract';
import { Button, Card, Group, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../ui/query-state.tsx';
import { adminApi } from './admin-api.ts';
import type { MatrixCell } from './contract-form.ts';
import { notifySaved } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { MatrixEditor } from './matrix-editor.tsx';
import { useLanguageOptions } from './organisations-page.tsx';

/** /admin/settings — desk-wide settings and the default priority matrix. */
export function DeskSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: adminApi.getSettings });
  const matrix = useQuery({ queryKey: ['priority-matrix'], queryFn: adminApi.getPriorityMatrix });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.settings.title')}
      </Title>
      <QueryState query={settings}>{(data) => <SettingsForm key={settings.dataUpdatedAt} initial={data} />}</QueryState>
      <QueryState query={matrix}>{(data) => <MatrixForm key={matrix.dataUpdatedAt} initial={data.cells} />}</QueryState>
    </Stack>
  );
}

function SettingsForm({
  initial,
}: {
  initial: {
    ticketPrefix: string;
    reopenWindowDays: number;
    defaultLanguage: Language;
    rawMailRetentionDays: number | null;
  };
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const languages = useLanguageOptions();
  const [ticketPrefix, setPrefix] = useState(initial.ticketPrefix);
  const [reopenWindowDays, setReopen] = useState<number>(initial.reopenWindowDays);
  const [defaultLanguage, setLanguage] = useState<Language>(initial.defaultLanguage);
  // Empty: raw mail is kept for ever.
  const [rawMailRetentionDays, setRetention] = useState<number | null>(initial.rawMailRetentionDays);
  const save = useMutation({
    mutationFn: () =>
      adminApi.updateSettings({
        ticketPrefix: ticketPrefix.trim(),
        reopenWindowDays,
        defaultLanguage,
        rawMailRetentionDays,
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
    },
  });
  return (
    <Card withBorder maw={560}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Title order={2} size="h3">
          {t('admin.settings.deskTitle')}
        </Title>
        <TextInput
          label={t('admin.settings.ticketPrefix')}
          description={t('admin.settings.ticketPrefixHint')}
          value={ticketPrefix}
          error={fieldError(save.error, 'ticketPrefix')}
          onChange={(e) => setPrefix(e.currentTarget.value)}
        />
        <NumberInput
          label={t('admin.settings.reopenWindow')}
          description={t('admin.settings.reopenWindowHint')}
          min={0}
          max={365}
          allowDecimal={false}
          value={reopenWindowDays}
          error={fieldError(save.error, 'reopenWindowDays')}
          onChange={(v) => setReopen(typeof v === 'number' ? v : 0)}
        />
        <Select
          label={t('admin.settings.defaultLanguage')}
          allowDeselect={false}
          data={languages}
          value={defaultLanguage}
          onChange={(v) => v && setLanguage(v as Language)}
        />
        <NumberInput
          label={t('admin.settings.rawMailRetention')}
          description={t('admin.settings.rawMailRetentionHint')}
          placeholder={t('admin.settings.rawMailRetentionForever')}
          min={1}
          max={3650}
          allowDecimal={false}
          value={rawMailRetentionDays ?? ''}
          error={fieldError(save.error, 'rawMailRetentionDays')}
          onChange={(v) => setRetention(typeof v === 'number' ? v : null)}
        />
        <FormError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('admin.form.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function MatrixForm({ initial }: { initial: MatrixCell[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [cells, setCells] = useState(initial);
  const save = useMutation({
    mutationFn: () => adminApi.updatePriorityMatrix({ cells }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['priority-matrix'], saved);
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
    },
  });
  return (
    <Card withBorder w="fit-content">
      <Stack>
        <Title order={2} size="h3">
          {t('admin.matrix.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('admin.matrix.hint')}
        </Text>
        <MatrixEditor cells={cells} onChange={setCells} />
        <FormError error={save.error} />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('admin.matrix.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
