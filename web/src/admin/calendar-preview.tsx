import {
  Alert,
  Button,
  Group,
  NumberInput,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format.ts';
import { useFormat } from '../i18n/use-format.ts';
import { adminApi } from './admin-api.ts';
import {
  type CalendarForm,
  definitionFromForm,
  type OpenDay,
  openDays,
  previewCases,
  type Sample,
  weekSlots,
} from './calendar-form.ts';
import { FormError } from './form-errors.tsx';
import { patchAt, RemoveRowButton } from './list-edit.tsx';

/**
 * The live preview of an unsaved calendar: the server's own engine (POST /sla/simulate with the inline definition)
 * answers when the sample tickets are due and which hours of a week are open. Debounced, so typing an hour does not
 * send a request per key; the previous answer stays while the next one is computed.
 */
export function CalendarPreview({
  form,
  samples,
  onSamplesChange,
  weekStart,
  onWeekStartChange,
}: {
  form: CalendarForm;
  samples: Sample[];
  onSamplesChange: (samples: Sample[]) => void;
  weekStart: string;
  onWeekStartChange: (date: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [input] = useDebouncedValue({ definition: definitionFromForm(form), samples, weekStart }, 400);
  const zone = input.definition.timezone;
  const validWeek = /^\d{4}-\d{2}-\d{2}$/.test(input.weekStart);
  const week = useMemo(() => {
    try {
      return validWeek ? weekSlots(input.weekStart, zone) : null;
    } catch {
      return null; // an unknown zone while it is being typed
    }
  }, [input.weekStart, zone, validWeek]);
  const validSamples = input.samples.filter((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s.start));
  const simulation = useQuery({
    queryKey: ['sla-preview', input.definition, validSamples, input.weekStart],
    enabled: week !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      const cases = previewCases(validSamples, zone, week!);
      const { results } = await adminApi.simulateSla({ calendar: input.definition, cases });
      const dues = results.slice(0, validSamples.length).map((r) => ('due' in r ? r.due : null));
      const minutes = results.slice(validSamples.length).map((r) => ('minutes' in r ? r.minutes : 0));
      return { dues, days: openDays(week!, minutes), zone };
    },
  });
  const data = simulation.data;
  const calendarTime = (at: Date) => formatTime(at, { locale: format.locale, timeZone: data?.zone ?? zone });
  const dayLabel = (date: string) =>
    new Intl.DateTimeFormat(format.locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));

  return (
    <Stack gap="sm" aria-busy={simulation.isFetching}>
      <Title order={2} size="h3">
        {t('admin.calendar.previewTitle')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('admin.calendar.previewHint', { zone: form.timezone })}
      </Text>
      {simulation.isError && <FormError error={simulation.error} />}

      <Title order={3} size="h4">
        {t('admin.calendar.samplesTitle')}
      </Title>
      <Table aria-label={t('admin.calendar.samplesTitle')} data-testid="preview-dues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.calendar.sampleStart')}</Table.Th>
            <Table.Th>{t('admin.calendar.sampleHours')}</Table.Th>
            <Table.Th>{t('admin.calendar.sampleDue')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {samples.map((sample, index) => {
            const validIndex = validSamples.indexOf(input.samples[index]!);
            const due = validIndex >= 0 ? data?.dues[validIndex] : null;
            return (
              <Table.Tr key={index}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    type="datetime-local"
                    aria-label={t('admin.calendar.sampleStartN', { n: index + 1 })}
                    value={sample.start}
                    onChange={(e) => onSamplesChange(patchAt(samples, index, { start: e.currentTarget.value }))}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    w={90}
                    min={0}
                    step={0.5}
                    decimalScale={2}
                    aria-label={t('admin.calendar.sampleHoursN', { n: index + 1 })}
                    value={sample.hours}
                    onChange={(value) =>
                      onSamplesChange(patchAt(samples, index, { hours: typeof value === 'number' ? value : 0 }))
                    }
                  />
                </Table.Td>
                <Table.Td data-testid="preview-due">
                  {due ? (
                    <Stack gap={0}>
                      <Text size="sm">{formatInZone(due, data!.zone, format.locale)}</Text>
                      {format.withCalendarZone(due, data!.zone).inCalendar && (
                        <Text size="xs" c="gray.7">
                          {t('admin.calendar.yourTime', { time: format.dateTime(due) })}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <RemoveRowButton
                    label={t('admin.calendar.removeSample', { n: index + 1 })}
                    onClick={() => onSamplesChange(samples.filter((_, i) => i !== index))}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Button
        size="compact-sm"
        variant="light"
        w="fit-content"
        onClick={() =>
          onSamplesChange([...samples, { start: samples.at(-1)?.start ?? `${weekStart}T09:00`, hours: 4 }])
        }
      >
        {t('admin.calendar.addSample')}
      </Button>

      <Group align="flex-end" justify="space-between">
        <Title order={3} size="h4">
          {t('admin.calendar.weekTitle')}
        </Title>
        <TextInput
          size="xs"
          type="date"
          label={t('admin.calendar.weekStart')}
          value={weekStart}
          onChange={(e) => onWeekStartChange(e.currentTarget.value)}
        />
      </Group>
      {!week && <Alert color="yellow">{t('admin.calendar.weekInvalid')}</Alert>}
      {data && (
        <Table aria-label={t('admin.calendar.weekTitle')} data-testid="preview-week">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.calendar.day')}</Table.Th>
              <Table.Th>{t('admin.calendar.openHours')}</Table.Th>
              <Table.Th>{t('admin.calendar.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.days.map((day) => (
              <Table.Tr key={day.date} data-testid="preview-day">
                <Table.Td>{dayLabel(day.date)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {day.intervals.length
                      ? day.intervals.map((i) => `${calendarTime(i.from)}–${calendarTime(i.to)}`).join(', ')
                      : t('admin.calendar.closed')}
                  </Text>
                  <DayBar day={day} />
                </Table.Td>
                <Table.Td>{format.workingDuration(day.openMinutes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function formatInZone(at: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(at));
}

/** The day's open hours as a bar from midnight to midnight (decoration: the text beside it says the same). */
function DayBar({ day }: { day: OpenDay }) {
  const length = day.end - day.start;
  if (!day.intervals.length || length <= 0) return null;
  const sections: { value: number; open: boolean }[] = [];
  let cursor = day.start;
  for (const interval of day.intervals) {
    sections.push({ value: ((interval.from.getTime() - cursor) / length) * 100, open: false });
    sections.push({ value: ((interval.to.getTime() - interval.from.getTime()) / length) * 100, open: true });
    cursor = interval.to.getTime();
  }
  return (
    <Progress.Root size="sm" mt={4} aria-hidden="true">
      {sections.map((s, i) => (
        <Progress.Section key={i} value={s.value} color={s.open ? 'blue.8' : 'gray.2'} />
      ))}
    </Progress.Root>
  );
}
