import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { patchAt, RemoveRowButton } from './list-edit.tsx';
import type { Hours } from './calendar-form.ts';

/**
 * One day's open intervals as "HH:MM" pairs (24:00 closes at midnight), any number of them. Free text rather than a
 * time picker because 24:00 must be writable; the server checks the format and overlaps and its message is shown.
 */
export function HoursEditor({
  label,
  hours,
  onChange,
  errors,
}: {
  label: string;
  hours: Hours;
  onChange: (hours: Hours) => void;
  errors?: (index: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<Hours[number]>) => onChange(patchAt(hours, index, patch));
  return (
    <Stack gap={4}>
      {hours.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('admin.calendar.closed')}
        </Text>
      )}
      {hours.map((interval, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            size="xs"
            w={80}
            aria-label={t('admin.calendar.fromLabel', { day: label, n: index + 1 })}
            placeholder="08:00"
            value={interval.from}
            error={errors?.(index)}
            onChange={(e) => set(index, { from: e.currentTarget.value })}
          />
          <Text size="sm" pt={4} aria-hidden="true">
            –
          </Text>
          <TextInput
            size="xs"
            w={80}
            aria-label={t('admin.calendar.toLabel', { day: label, n: index + 1 })}
            placeholder="17:00"
            value={interval.to}
            onChange={(e) => set(index, { to: e.currentTarget.value })}
          />
          <RemoveRowButton
            label={t('admin.calendar.removeInterval', { day: label, n: index + 1 })}
            onClick={() => onChange(hours.filter((_, i) => i !== index))}
          />
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        w="fit-content"
        aria-label={t('admin.calendar.addIntervalFor', { day: label })}
        onClick={() => {
          const last = hours.at(-1);
          onChange([...hours, last ? { from: last.to, to: last.to } : { from: '08:00', to: '17:00' }]);
        }}
      >
        {t('admin.calendar.addInterval')}
      </Button>
    </Stack>
  );
}
