import type { Language } from '@loket/contract';

// Dates, times and durations per locale, in the viewer's time zone. Pure functions of their arguments (locale and
// zones passed in), so they are tested without a browser; the `useFormat` hook binds them to the current language.

/** The viewer's IANA time zone, as the browser reports it. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The BCP 47 locale to format in: the browser's own tag when it is a variant of the chosen language (`en-US` keeps
 * its month-first dates), otherwise the language's usual one.
 */
export function localeFor(language: Language, browserLanguages: readonly string[] = []): string {
  const own = browserLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language);
  if (own) return own;
  return { en: 'en-GB', nl: 'nl-NL', sv: 'sv-SE' }[language];
}

export type FormatOptions = { locale: string; timeZone: string };

const toDate = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);

export function formatDateTime(at: string | Date, { locale, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(toDate(at));
}

export function formatDate(at: string | Date, { locale, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(toDate(at));
}

export function formatTime(at: string | Date, { locale, timeZone }: FormatOptions): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(toDate(at));
}

/**
 * A span of time in whole minutes as days, hours and minutes in words of the locale: `1 day, 2 hrs, 5 mins`,
 * `2 uur, 30 min` — for time on the wall clock ("due in …"). Zero parts are left out; zero is `0 min`. Negative
 * durations (overdue) keep their sign.
 */
export function formatDuration(totalMinutes: number, { locale }: Pick<FormatOptions, 'locale'>): string {
  return durationInWords(totalMinutes, locale, true);
}

/**
 * Working time in whole minutes as hours and minutes, never days: SLA targets and what is used or left of them
 * count business minutes, and logged work counts hours worked, so 1,440 of them are `24 hrs`, not `1 day`.
 */
export function formatWorkingDuration(totalMinutes: number, { locale }: Pick<FormatOptions, 'locale'>): string {
  return durationInWords(totalMinutes, locale, false);
}

function durationInWords(totalMinutes: number, locale: string, withDays: boolean): string {
  const sign = totalMinutes < 0 ? '−' : '';
  let rest = Math.round(Math.abs(totalMinutes));
  const days = withDays ? Math.floor(rest / 1440) : 0;
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  const unit = (value: number, u: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: u === 'day' ? 'long' : 'short' }).format(
      value,
    );
  const parts = [
    days ? unit(days, 'day') : null,
    hours ? unit(hours, 'hour') : null,
    minutes || (!days && !hours) ? unit(minutes, 'minute') : null,
  ].filter((part): part is string => part !== null);
  return sign + new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(parts);
}

/** The zone's short name at that instant in the locale (`CET`, `GMT+1`, `EST`). */
export function zoneName(at: string | Date, timeZone: string, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(toDate(at))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * An instant for the viewer, plus the same instant on a calendar's clock when that reads differently: an SLA due at
 * 17:00 in Stockholm is 16:00 for a viewer in London, and both matter. `inCalendar` is null when the wall clocks agree
 * (same zone, or zones with the same offset at that instant).
 */
export function formatWithCalendarZone(
  at: string | Date,
  options: FormatOptions & { calendarTimeZone: string },
): { viewer: string; inCalendar: { time: string; zone: string } | null } {
  const viewer = formatDateTime(at, options);
  const calendar = formatDateTime(at, { locale: options.locale, timeZone: options.calendarTimeZone });
  return {
    viewer,
    inCalendar:
      calendar === viewer
        ? null
        : {
            time: calendar,
            zone: `${options.calendarTimeZone} (${zoneName(at, options.calendarTimeZone, options.locale)})`,
          },
  };
}
