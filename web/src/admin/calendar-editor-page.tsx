import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  SimpleGrid,
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
import { Link, useNavigate, useParams } from 'react-router';
import { viewerTimeZone } from '../i18n/format.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError } from '../ui/query-error.tsx';
import { adminApi } from './admin-api.ts';
import {
  addDays,
  type CalendarForm,
  DAYS,
  definitionFromForm,
  emptyCalendarForm,
  formFromDefinition,
  HOLIDAY_TYPES,
  localDate,
  nextMonday,
  type Sample,
} from './calendar-form.ts';
import { CalendarPreview } from './calendar-preview.tsx';
import { notifySaved } from './admin-page.tsx';
import { fieldError, FormError } from './form-errors.tsx';
import { HoursEditor } from './hours-editor.tsx';
import { patchAt, RemoveRowButton } from './list-edit.tsx';

/** /admin/calendars/new and /admin/calendars/:id — the editor, loaded with the stored calendar when there is one. */
export function CalendarEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const calendar = useQuery({
    queryKey: ['calendars', id],
    queryFn: () => adminApi.getCalendar(id!),
    enabled: !isNew,
  });
  if (isNew) return <CalendarEditor key="new" initial={emptyCalendarForm(viewerTimeZone())} />;
  if (calendar.isPending) return <PageLoader />;
  if (calendar.isError) return <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />;
  return (
    <CalendarEditor
      key={`${calendar.data.id}:${calendar.data.updatedAt}`}
      calendarId={calendar.data.id}
      initial={formFromDefinition(calendar.data.name, calendar.data.definition)}
    />
  );
}

function defaultSamples(monday: string): Sample[] {
  return [
    { start: `${monday}T15:00`, hours: 2 },
    { start: `${monday}T15:00`, hours: 8 },
    { start: `${addDays(monday, 4)}T15:00`, hours: 4 },
  ];
}

function CalendarEditor({ calendarId, initial }: { calendarId?: string; initial: CalendarForm }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [weekStart, setWeekStart] = useState(() => nextMonday(localDate(new Date(), viewerTimeZone())));
  const [samples, setSamples] = useState(() => defaultSamples(weekStart));
  const update = (patch: Partial<CalendarForm>) => setForm((f) => ({ ...f, ...patch }));

  const save = useMutation({
    mutationFn: () => {
      const body = { name: form.name.trim(), definition: definitionFromForm(form) };
      return calendarId ? adminApi.updateCalendar(calendarId, body) : adminApi.createCalendar(body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['calendars'] });
      notifySaved(t('admin.form.saved'), t('admin.form.dismiss'));
      if (!calendarId) void navigate(`/admin/calendars/${saved.id}`, { replace: true });
    },
  });
  const err = (path: string) => fieldError(save.error, path);
  const dayName = (day: (typeof DAYS)[number]) => t(`admin.calendar.days.${day}`);

  return (
    <Stack>
      <Anchor component={Link} to="/admin/calendars" size="sm">
        {t('admin.calendar.back')}
      </Anchor>
      <Title order={1} size="h2">
        {calendarId ? t('admin.calendar.editTitle', { name: initial.name }) : t('admin.calendar.newTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <TextInput
            label={t('admin.name')}
            required
            value={form.name}
            error={err('name')}
            onChange={(e) => update({ name: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.calendar.timezone')}
            description={t('admin.calendar.timezoneHint')}
            required
            value={form.timezone}
            error={err('definition.timezone')}
            onChange={(e) => update({ timezone: e.currentTarget.value })}
          />
          <Switch
            label={t('admin.calendar.alwaysOpen')}
            checked={form.alwaysOpen}
            onChange={(e) => update({ alwaysOpen: e.currentTarget.checked })}
          />

          {!form.alwaysOpen && (
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('admin.calendar.weeklyTitle')}
              </Title>
              <Table>
                <Table.Tbody>
                  {DAYS.map((day) => (
                    <Table.Tr key={day}>
                      <Table.Th scope="row" w={110} style={{ verticalAlign: 'top' }}>
                        {dayName(day)}
                      </Table.Th>
                      <Table.Td>
                        <HoursEditor
                          label={dayName(day)}
                          hours={form.weekly[day]}
                          errors={(i) => err(`definition.weekly.${day}.${i}`)}
                          onChange={(hours) => update({ weekly: { ...form.weekly, [day]: hours } })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          )}

          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('admin.calendar.holidaysTitle')}
              </Title>
              <Switch
                label={t('admin.calendar.holidaySource')}
                checked={form.holidaySource.enabled}
                onChange={(e) => update({ holidaySource: { ...form.holidaySource, enabled: e.currentTarget.checked } })}
              />
              {form.holidaySource.enabled && (
                <>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('admin.calendar.country')}
                      description={t('admin.calendar.countryHint')}
                      value={form.holidaySource.country}
                      maxLength={2}
                      error={err('definition.holidaySource.country')}
                      onChange={(e) =>
                        update({ holidaySource: { ...form.holidaySource, country: e.currentTarget.value } })
                      }
                    />
                    <TextInput
                      label={t('admin.calendar.region')}
                      description={t('admin.calendar.regionHint')}
                      value={form.holidaySource.region}
                      error={err('definition.holidaySource.region')}
                      onChange={(e) =>
                        update({ holidaySource: { ...form.holidaySource, region: e.currentTarget.value } })
                      }
                    />
                  </Group>
                  <Checkbox.Group
                    label={t('admin.calendar.holidayTypes')}
                    description={t('admin.calendar.holidayTypesHint')}
                    value={form.holidaySource.types}
                    error={err('definition.holidaySource.types')}
                    onChange={(types) =>
                      update({
                        holidaySource: {
                          ...form.holidaySource,
                          types: types as CalendarForm['holidaySource']['types'],
                        },
                      })
                    }
                  >
                    <Group gap="md" mt={4}>
                      {HOLIDAY_TYPES.map((type) => (
                        <Checkbox key={type} value={type} label={t(`admin.calendar.holidayType.${type}`)} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                </>
              )}
              <Switch
                label={t('admin.calendar.dayBeforeHoliday')}
                description={t('admin.calendar.dayBeforeHolidayHint')}
                checked={form.dayBeforeHoliday.enabled}
                onChange={(e) =>
                  update({ dayBeforeHoliday: { ...form.dayBeforeHoliday, enabled: e.currentTarget.checked } })
                }
              />
              {form.dayBeforeHoliday.enabled && (
                <HoursEditor
                  label={t('admin.calendar.dayBeforeHolidayShort')}
                  hours={form.dayBeforeHoliday.hours}
                  errors={(i) => err(`definition.rules.0.hours.${i}`)}
                  onChange={(hours) => update({ dayBeforeHoliday: { ...form.dayBeforeHoliday, hours } })}
                />
              )}
            </Stack>
          </Card>

          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('admin.calendar.closedDatesTitle')}
              </Title>
              {form.holidays.length === 0 && (
                <Text size="sm" c="gray.7">
                  {t('admin.calendar.noClosedDates')}
                </Text>
              )}
              {form.holidays.map((holiday, index) => (
                <Group key={index} align="flex-start" wrap="nowrap">
                  <TextInput
                    type="date"
                    size="xs"
                    label={t('admin.calendar.closedDateN', { n: index + 1 })}
                    value={holiday.date}
                    error={err(`definition.holidays.${index}.date`)}
                    onChange={(e) =>
                      update({ holidays: patchAt(form.holidays, index, { date: e.currentTarget.value }) })
                    }
                  />
                  <TextInput
                    size="xs"
                    label={t('admin.calendar.closedDateName', { n: index + 1 })}
                    value={holiday.name}
                    onChange={(e) =>
                      update({ holidays: patchAt(form.holidays, index, { name: e.currentTarget.value }) })
                    }
                  />
                  <RemoveRowButton
                    mt={24}
                    label={t('admin.calendar.removeClosedDate', { n: index + 1 })}
                    onClick={() => update({ holidays: form.holidays.filter((_, i) => i !== index) })}
                  />
                </Group>
              ))}
              <Button
                size="compact-sm"
                variant="light"
                w="fit-content"
                onClick={() => update({ holidays: [...form.holidays, { date: weekStart, name: '' }] })}
              >
                {t('admin.calendar.addClosedDate')}
              </Button>
            </Stack>
          </Card>

          <Card withBorder>
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('admin.calendar.overridesTitle')}
              </Title>
              <Text size="sm" c="gray.7">
                {t('admin.calendar.overridesHint')}
              </Text>
              {form.overrides.map((override, index) => (
                <Group key={index} align="flex-start" wrap="nowrap">
                  <TextInput
                    type="date"
                    size="xs"
                    label={t('admin.calendar.overrideDateN', { n: index + 1 })}
                    value={override.date}
                    error={err(`definition.overrides.${override.date}`)}
                    onChange={(e) =>
                      update({ overrides: patchAt(form.overrides, index, { date: e.currentTarget.value }) })
                    }
                  />
                  <HoursEditor
                    label={override.date || t('admin.calendar.overrideDateN', { n: index + 1 })}
                    hours={override.hours}
                    onChange={(hours) => update({ overrides: patchAt(form.overrides, index, { hours }) })}
                  />
                  <RemoveRowButton
                    mt={24}
                    label={t('admin.calendar.removeOverride', { n: index + 1 })}
                    onClick={() => update({ overrides: form.overrides.filter((_, i) => i !== index) })}
                  />
                </Group>
              ))}
              <Button
                size="compact-sm"
                variant="light"
                w="fit-content"
                onClick={() =>
                  update({
                    overrides: [...form.overrides, { date: weekStart, hours: [{ from: '09:00', to: '12:00' }] }],
                  })
                }
              >
                {t('admin.calendar.addOverride')}
              </Button>
            </Stack>
          </Card>

          <FormError error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('admin.form.save')}
            </Button>
            <Button variant="default" onClick={() => setForm(initial)} disabled={save.isPending}>
              {t('admin.form.reset')}
            </Button>
          </Group>
        </Stack>
        <CalendarPreview
          form={form}
          samples={samples}
          onSamplesChange={setSamples}
          weekStart={weekStart}
          onWeekStartChange={setWeekStart}
        />
      </SimpleGrid>
    </Stack>
  );
}
