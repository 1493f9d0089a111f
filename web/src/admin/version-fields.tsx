import { Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { calendarsQuery } from './admin-api.ts';
import { CLOCKS, PAUSING_KINDS, PRIORITIES, type TargetRow, type VersionForm } from './contract-form.ts';
import { fieldError } from './form-errors.tsx';
import { MatrixEditor } from './matrix-editor.tsx';

const num = (value: string | number, fallback: number) => (typeof value === 'number' ? value : fallback);

/** The terms of a contract version: calendar, matrix, targets per priority, pausing, warnings, effort, auto-close. */
export function VersionFields({
  form,
  onChange,
  error,
  prefix = '',
}: {
  form: VersionForm;
  onChange: (form: VersionForm) => void;
  error: unknown;
  /** Where the version sits in the request body, for matching the API's issue paths (`version.`). */
  prefix?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const calendars = useQuery(calendarsQuery);
  const set = (patch: Partial<VersionForm>) => onChange({ ...form, ...patch });
  const setTarget = (priority: (typeof PRIORITIES)[number], patch: Partial<TargetRow>) =>
    set({ targets: { ...form.targets, [priority]: { ...form.targets[priority], ...patch } } });
  const err = (path: string) => fieldError(error, `${prefix}${path}`);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('admin.contract.effectiveFrom')}
          description={t('admin.contract.effectiveFromHint')}
          value={form.effectiveFrom}
          error={err('effectiveFrom')}
          onChange={(e) => set({ effectiveFrom: e.currentTarget.value })}
        />
        <Select
          label={t('admin.contract.calendar')}
          required
          data={(calendars.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={form.calendarId}
          error={err('calendarId')}
          onChange={(value) => set({ calendarId: value })}
        />
      </SimpleGrid>

      <Title order={3} size="h5">
        {t('admin.contract.targetsTitle')}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={t('admin.contract.targetsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.contract.priority')}</Table.Th>
              <Table.Th>{t('admin.contract.firstResponse')}</Table.Th>
              <Table.Th>{t('admin.contract.resolution')}</Table.Th>
              <Table.Th>{t('admin.contract.update')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PRIORITIES.map((p) => {
              const row = form.targets[p];
              const field = (name: keyof TargetRow, optional = false) => (
                <Stack gap={2}>
                  <NumberInput
                    size="xs"
                    w={120}
                    min={1}
                    allowDecimal={false}
                    aria-label={t('admin.contract.targetLabel', {
                      priority: p,
                      target: t(`admin.contract.${clockOf(name)}`),
                    })}
                    value={row[name]}
                    error={err(`targets.${p}.${name}`)}
                    onChange={(value) =>
                      setTarget(p, { [name]: optional && value === '' ? '' : num(value, 0) } as Partial<TargetRow>)
                    }
                  />
                  <Text size="xs" c="gray.7">
                    {row[name] === '' ? t('admin.contract.none') : format.workingDuration(Number(row[name]))}
                  </Text>
                </Stack>
              );
              return (
                <Table.Tr key={p}>
                  <Table.Th scope="row">{p}</Table.Th>
                  <Table.Td>{field('firstResponseMinutes')}</Table.Td>
                  <Table.Td>{field('resolutionMinutes')}</Table.Td>
                  <Table.Td>{field('updateMinutes', true)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="gray.7">
        {t('admin.contract.targetsHint')}
      </Text>

      <Title order={3} size="h5">
        {t('admin.matrix.title')}
      </Title>
      <MatrixEditor cells={form.matrix} onChange={(matrix) => set({ matrix })} />

      <Title order={3} size="h5">
        {t('admin.contract.pausingTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {CLOCKS.map((clock) => (
          <Checkbox.Group
            key={clock}
            label={t(`admin.contract.${clock}`)}
            value={form.pausing[clock]}
            error={err(`pausing.${clock}`)}
            onChange={(kinds) =>
              set({ pausing: { ...form.pausing, [clock]: kinds as VersionForm['pausing'][typeof clock] } })
            }
          >
            <Stack gap={4} mt={4}>
              {PAUSING_KINDS.map((kind) => (
                <Checkbox key={kind} size="xs" value={kind} label={t(`statusKind.${kind}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        ))}
      </SimpleGrid>

      <Title order={3} size="h5">
        {t('admin.contract.otherTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('admin.contract.warningPercents')}
          description={t('admin.contract.listHint')}
          value={form.warningPercents}
          error={err('warnings.percentOfTarget')}
          onChange={(e) => set({ warningPercents: e.currentTarget.value })}
        />
        <TextInput
          label={t('admin.contract.warningMinutes')}
          description={t('admin.contract.minutesListHint')}
          value={form.warningMinutes}
          error={err('warnings.minutesBeforeDue')}
          onChange={(e) => set({ warningMinutes: e.currentTarget.value })}
        />
        <NumberInput
          label={t('admin.contract.effortThreshold')}
          min={1}
          allowDecimal={false}
          value={form.effortThresholdMinutes}
          error={err('effortThresholdMinutes')}
          onChange={(value) => set({ effortThresholdMinutes: num(value, 0) })}
        />
        <NumberInput
          label={t('admin.contract.autoClose')}
          min={1}
          max={90}
          allowDecimal={false}
          value={form.autoCloseWorkingDays}
          error={err('autoCloseWorkingDays')}
          onChange={(value) => set({ autoCloseWorkingDays: num(value, 0) })}
        />
      </SimpleGrid>
      <Group />
    </Stack>
  );
}

const clockOf = (name: keyof TargetRow) =>
  name === 'firstResponseMinutes' ? 'firstResponse' : name === 'resolutionMinutes' ? 'resolution' : 'update';
