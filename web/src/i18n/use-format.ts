import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatTime,
  formatWorkingDuration,
  formatWithCalendarZone,
  localeFor,
  viewerTimeZone,
} from './format.ts';
import { toLanguage } from './i18n.ts';

/** The formatting helpers bound to the current language and the viewer's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = toLanguage(i18n.language);
  return useMemo(() => {
    const options = { locale: localeFor(language, navigator.languages), timeZone: viewerTimeZone() };
    return {
      ...options,
      dateTime: (at: string | Date) => formatDateTime(at, options),
      date: (at: string | Date) => formatDate(at, options),
      time: (at: string | Date) => formatTime(at, options),
      duration: (minutes: number) => formatDuration(minutes, options),
      workingDuration: (minutes: number) => formatWorkingDuration(minutes, options),
      withCalendarZone: (at: string | Date, calendarTimeZone: string) =>
        formatWithCalendarZone(at, { ...options, calendarTimeZone }),
    };
  }, [language]);
}
