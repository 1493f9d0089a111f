import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';

/**
 * An instant in the viewer's zone; with `calendarTimeZone`, also on the calendar's clock when that reads
 * differently (an SLA deadline is agreed in the customer's zone).
 */
export function ZonedTime({ at, calendarTimeZone }: { at: string; calendarTimeZone?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!calendarTimeZone) return <time dateTime={at}>{format.dateTime(at)}</time>;
  const { viewer, inCalendar } = format.withCalendarZone(at, calendarTimeZone);
  return (
    <span>
      <time dateTime={at}>{viewer}</time>
      {inCalendar && (
        <Text span size="xs" c="gray.7" ml={6}>
          ({t('time.calendarZone', { time: inCalendar.time, zone: inCalendar.zone })})
        </Text>
      )}
    </span>
  );
}
