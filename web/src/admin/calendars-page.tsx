import { Anchor, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../ui/query-state.tsx';
import { calendarsQuery } from './admin-api.ts';
import { DAYS, formFromDefinition } from './calendar-form.ts';

/** /admin/calendars — the business-hours calendars, each opening in the editor with its live preview. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const calendars = useQuery(calendarsQuery);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.calendar.listTitle')}
        </Title>
        <Button component={Link} to="/admin/calendars/new">
          {t('admin.calendar.new')}
        </Button>
      </Group>
      <QueryState query={calendars}>
        {(data) => (
          <Table.ScrollContainer minWidth={600}>
            <Table aria-label={t('admin.calendar.listTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.name')}</Table.Th>
                  <Table.Th>{t('admin.calendar.timezone')}</Table.Th>
                  <Table.Th>{t('admin.calendar.weeklyTitle')}</Table.Th>
                  <Table.Th>{t('admin.calendar.holidaysTitle')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((calendar) => {
                  const form = formFromDefinition(calendar.name, calendar.definition);
                  const openDays = DAYS.filter((d) => form.weekly[d].length > 0).length;
                  return (
                    <Table.Tr key={calendar.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/admin/calendars/${calendar.id}`}>
                          {calendar.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{form.timezone}</Table.Td>
                      <Table.Td>
                        {form.alwaysOpen
                          ? t('admin.calendar.alwaysOpen')
                          : t('admin.calendar.openDays', { count: openDays })}
                      </Table.Td>
                      <Table.Td>
                        {form.holidaySource.enabled
                          ? `${form.holidaySource.country}${form.holidaySource.region ? `-${form.holidaySource.region}` : ''} (${form.holidaySource.types.map((type) => t(`admin.calendar.holidayType.${type}`)).join(', ')})`
                          : '—'}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
