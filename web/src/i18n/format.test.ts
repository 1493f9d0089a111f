import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatWithCalendarZone, formatWorkingDuration, localeFor } from './format.ts';

describe('localeFor', () => {
  it("keeps the browser's own variant of the chosen language", () => {
    expect(localeFor('en', ['nl-NL', 'en-US'])).toBe('en-US');
  });
  it("falls back to the language's usual locale", () => {
    expect(localeFor('sv', ['en-US'])).toBe('sv-SE');
    expect(localeFor('nl')).toBe('nl-NL');
  });
});

describe('formatDateTime', () => {
  const at = '2026-03-02T14:05:00Z';
  it("shows the instant on the viewer's clock", () => {
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'Europe/Amsterdam' })).toBe('2 Mar 2026, 15:05');
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'UTC' })).toBe('2 Mar 2026, 14:05');
  });
  it('uses the words and order of the locale', () => {
    expect(formatDateTime(at, { locale: 'nl-NL', timeZone: 'Europe/Amsterdam' })).toBe('2 mrt 2026, 15:05');
    expect(formatDateTime(at, { locale: 'sv-SE', timeZone: 'Europe/Stockholm' })).toBe('2 mars 2026 15:05');
  });
  it('follows daylight saving time (a day of 23 hours)', () => {
    expect(formatDateTime('2026-03-29T01:30:00Z', { locale: 'nl-NL', timeZone: 'Europe/Amsterdam' })).toBe(
      '29 mrt 2026, 03:30',
    );
  });
});

describe('formatDuration', () => {
  it('names days, hours and minutes in the locale, leaving out zero parts', () => {
    expect(formatDuration(150, { locale: 'en-GB' })).toBe('2 hrs, 30 mins');
    expect(formatDuration(150, { locale: 'nl-NL' })).toBe('2 uur, 30 min');
    expect(formatDuration(150, { locale: 'sv-SE' })).toBe('2 tim, 30 min');
    expect(formatDuration(1440 + 65, { locale: 'en-GB' })).toBe('1 day, 1 hr, 5 mins');
    expect(formatDuration(120, { locale: 'en-GB' })).toBe('2 hrs');
  });
  it('shows zero as minutes and keeps the sign of an overdue duration', () => {
    expect(formatDuration(0, { locale: 'en-GB' })).toBe('0 mins');
    expect(formatDuration(-90, { locale: 'en-GB' })).toBe('−1 hr, 30 mins');
  });
});

describe('formatWorkingDuration', () => {
  it('counts business minutes and work in hours, never in 24-hour days', () => {
    expect(formatWorkingDuration(1440, { locale: 'en-GB' })).toBe('24 hrs');
    expect(formatWorkingDuration(2400, { locale: 'nl-NL' })).toBe('40 uur');
    expect(formatWorkingDuration(2700 + 30, { locale: 'sv-SE' })).toBe('45 tim, 30 min');
    expect(formatWorkingDuration(-90, { locale: 'en-GB' })).toBe('−1 hr, 30 mins');
    expect(formatWorkingDuration(0, { locale: 'en-GB' })).toBe('0 mins');
  });
});

describe('formatWithCalendarZone', () => {
  const at = '2026-06-15T15:00:00Z';
  it("adds the calendar's clock when it reads differently from the viewer's", () => {
    const shown = formatWithCalendarZone(at, {
      locale: 'en-GB',
      timeZone: 'Europe/London',
      calendarTimeZone: 'Europe/Stockholm',
    });
    expect(shown.viewer).toBe('15 Jun 2026, 16:00');
    expect(shown.inCalendar?.time).toBe('15 Jun 2026, 17:00');
    expect(shown.inCalendar?.zone).toMatch(/^Europe\/Stockholm \(.+\)$/);
  });
  it('leaves it out when both clocks read the same', () => {
    const shown = formatWithCalendarZone(at, {
      locale: 'nl-NL',
      timeZone: 'Europe/Amsterdam',
      calendarTimeZone: 'Europe/Brussels',
    });
    expect(shown.inCalendar).toBeNull();
  });
});
