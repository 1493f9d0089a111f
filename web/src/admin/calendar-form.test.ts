import { describe, expect, it } from 'vitest';
import {
  definitionFromForm,
  emptyCalendarForm,
  formFromDefinition,
  nextMonday,
  openDays,
  previewCases,
  weekSlots,
  zonedToInstant,
} from './calendar-form.ts';

const SWEDEN = {
  timezone: 'Europe/Stockholm',
  weekly: {
    mon: [['08:00', '17:00']],
    tue: [['08:00', '17:00']],
    wed: [['08:00', '17:00']],
    thu: [['08:00', '17:00']],
    fri: [
      ['08:00', '12:00'],
      ['13:00', '16:00'],
    ],
    sat: [],
    sun: [],
  },
  holidaySource: { country: 'SE', types: ['public', 'bank'] },
  holidays: [{ date: '2026-12-28', name: 'Closed' }],
  overrides: { '2026-12-30': [['09:00', '12:00']] },
  rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
};

describe('calendar form', () => {
  it('round-trips a definition with every part through the form', () => {
    const form = formFromDefinition('Sweden', SWEDEN);
    expect(form.weekly.fri).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '16:00' },
    ]);
    expect(form.alwaysOpen).toBe(false);
    expect(form.dayBeforeHoliday.enabled).toBe(true);
    expect(definitionFromForm(form)).toEqual(SWEDEN);
  });

  it('recognises and writes a 24×7 calendar', () => {
    const form = emptyCalendarForm('Europe/Amsterdam');
    form.alwaysOpen = true;
    const definition = definitionFromForm(form);
    expect(definition.weekly.sun).toEqual([['00:00', '24:00']]);
    expect(definition.holidaySource).toBeUndefined();
    expect(formFromDefinition('x', definition).alwaysOpen).toBe(true);
  });
});

describe('zone arithmetic', () => {
  it('reads a wall time in a zone, across daylight saving time', () => {
    expect(zonedToInstant('2026-11-23T15:00', 'Europe/Amsterdam').toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(zonedToInstant('2026-07-01T08:00', 'Europe/Stockholm').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    expect(zonedToInstant('2026-11-23T08:00', 'America/New_York').toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });

  it('finds the next Monday', () => {
    expect(nextMonday('2026-11-22')).toBe('2026-11-23');
    expect(nextMonday('2026-11-23')).toBe('2026-11-23');
    expect(nextMonday('2026-11-24')).toBe('2026-11-30');
  });

  it('gives a 23-hour day 92 slots', () => {
    const week = weekSlots('2026-03-23', 'Europe/Amsterdam');
    expect(week.map((d) => d.slots.length)).toEqual([96, 96, 96, 96, 96, 96, 92]);
  });
});

describe('preview', () => {
  it('asks due questions first, then one elapsed question per slot', () => {
    const week = weekSlots('2026-11-23', 'Europe/Amsterdam');
    const cases = previewCases([{ start: '2026-11-23T15:00', hours: 8 }], 'Europe/Amsterdam', week);
    expect(cases[0]).toEqual({ op: 'due', start: '2026-11-23T14:00:00.000Z', minutes: 480 });
    expect(cases).toHaveLength(1 + 7 * 96);
  });

  it('recovers exact open intervals from the open minutes per slot', () => {
    const zone = 'Europe/Amsterdam';
    const week = weekSlots('2026-11-23', zone);
    // Monday 08:10–12:00 and 13:00–17:00; the rest closed.
    const open = (from: number, to: number) => (slot: { from: number; to: number }) =>
      Math.max(0, Math.min(slot.to, to) - Math.max(slot.from, from)) / 60_000;
    const at = (hhmm: string) => zonedToInstant(`2026-11-23T${hhmm}`, zone).getTime();
    const minutes = week.flatMap((day, i) =>
      day.slots.map((slot) =>
        i === 0 ? open(at('08:10'), at('12:00'))(slot) + open(at('13:00'), at('17:00'))(slot) : 0,
      ),
    );
    const days = openDays(week, minutes);
    expect(days[0]!.openMinutes).toBe(230 + 240);
    expect(days[0]!.intervals.map((i) => [i.from.toISOString(), i.to.toISOString()])).toEqual([
      ['2026-11-23T07:10:00.000Z', '2026-11-23T11:00:00.000Z'],
      ['2026-11-23T12:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ]);
    expect(days[1]!.intervals).toEqual([]);
  });

  it('keeps an interval open until midnight', () => {
    const week = weekSlots('2026-11-23', 'UTC');
    const days = openDays(
      week,
      week.flatMap((day) => day.slots.map(() => 15)),
    );
    expect(days[6]!.intervals.map((i) => [i.from.toISOString(), i.to.toISOString()])).toEqual([
      ['2026-11-29T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ]);
  });
});
