import type { SimulateCase } from '@loket/contract';

// The calendar editor's model and its pure helpers: definition ↔ form, the preview's simulate cases, and turning the
// engine's answers back into due instants and open hours. Kept free of React so it is unit-tested.

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof DAYS)[number];
export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;
export type HolidayType = (typeof HOLIDAY_TYPES)[number];

export type Hours = { from: string; to: string }[];
export type CalendarForm = {
  name: string;
  timezone: string;
  /** Open every minute of every day: the weekly hours are 00:00–24:00 and holidays still close. */
  alwaysOpen: boolean;
  weekly: Record<DayKey, Hours>;
  holidaySource: { enabled: boolean; country: string; region: string; types: HolidayType[] };
  holidays: { date: string; name: string }[];
  overrides: { date: string; hours: Hours }[];
  dayBeforeHoliday: { enabled: boolean; hours: Hours };
};

type Pair = [string, string];
type Definition = {
  timezone: string;
  weekly: Record<DayKey, Pair[]>;
  holidays?: { date: string; name?: string }[];
  overrides?: Record<string, Pair[]>;
  holidaySource?: { country: string; region?: string; types: string[] };
  rules?: { kind: 'day-before-holiday'; hours: Pair[] }[];
};

const ALL_DAY: Hours = [{ from: '00:00', to: '24:00' }];
const toHours = (pairs: unknown): Hours =>
  Array.isArray(pairs)
    ? pairs.filter(Array.isArray).map((p) => ({ from: String(p[0] ?? ''), to: String(p[1] ?? '') }))
    : [];
const toPairs = (hours: Hours): Pair[] => hours.map((h) => [h.from.trim(), h.to.trim()]);
const isAllDay = (hours: Hours) => hours.length === 1 && hours[0]!.from === '00:00' && hours[0]!.to === '24:00';

export function emptyCalendarForm(timezone: string): CalendarForm {
  const office = (): Hours => [{ from: '08:00', to: '17:00' }];
  return {
    name: '',
    timezone,
    alwaysOpen: false,
    weekly: { mon: office(), tue: office(), wed: office(), thu: office(), fri: office(), sat: [], sun: [] },
    holidaySource: { enabled: false, country: '', region: '', types: ['public'] },
    holidays: [],
    overrides: [],
    dayBeforeHoliday: { enabled: false, hours: [{ from: '08:30', to: '14:00' }] },
  };
}

/** A stored definition (as the API returns it) as the editor's form. */
export function formFromDefinition(name: string, input: Record<string, unknown>): CalendarForm {
  const definition = input as Partial<Definition>;
  const weeklyInput = (definition.weekly ?? {}) as Partial<Record<DayKey, unknown>>;
  const weekly = Object.fromEntries(DAYS.map((d) => [d, toHours(weeklyInput[d])])) as Record<DayKey, Hours>;
  const rule = definition.rules?.find((r) => r.kind === 'day-before-holiday');
  const source = definition.holidaySource;
  return {
    name,
    timezone: definition.timezone ?? 'UTC',
    alwaysOpen: DAYS.every((d) => isAllDay(weekly[d])),
    weekly,
    holidaySource: {
      enabled: !!source,
      country: source?.country ?? '',
      region: source?.region ?? '',
      types: (source?.types ?? ['public']).filter((t): t is HolidayType => HOLIDAY_TYPES.includes(t as HolidayType)),
    },
    holidays: (definition.holidays ?? []).map((h) => ({ date: h.date, name: h.name ?? '' })),
    overrides: Object.entries(definition.overrides ?? {})
      .map(([date, hours]) => ({ date, hours: toHours(hours) }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    dayBeforeHoliday: { enabled: !!rule, hours: rule ? toHours(rule.hours) : [{ from: '08:30', to: '14:00' }] },
  };
}

/** The form as a definition for the API; optional parts are left out when unused. The server validates the rest. */
export function definitionFromForm(form: CalendarForm): Definition {
  const weekly = Object.fromEntries(DAYS.map((d) => [d, toPairs(form.alwaysOpen ? ALL_DAY : form.weekly[d])]));
  const definition: Definition = { timezone: form.timezone.trim(), weekly: weekly as Record<DayKey, Pair[]> };
  if (form.holidaySource.enabled) {
    const region = form.holidaySource.region.trim();
    definition.holidaySource = {
      country: form.holidaySource.country.trim().toUpperCase(),
      ...(region ? { region } : {}),
      types: [...form.holidaySource.types],
    };
  }
  if (form.holidays.length) {
    definition.holidays = form.holidays.map((h) => ({
      date: h.date,
      ...(h.name.trim() ? { name: h.name.trim() } : {}),
    }));
  }
  if (form.overrides.length) {
    definition.overrides = Object.fromEntries(form.overrides.map((o) => [o.date, toPairs(o.hours)]));
  }
  if (form.dayBeforeHoliday.enabled) {
    definition.rules = [{ kind: 'day-before-holiday', hours: toPairs(form.dayBeforeHoliday.hours) }];
  }
  return definition;
}

// ---- Time-zone arithmetic without a date library: the offset of a zone at an instant, from Intl.

function offsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a local wall time `YYYY-MM-DDTHH:MM` reads in a zone (in a DST gap: the later reading). */
export function zonedToInstant(local: string, timeZone: string): Date {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date!.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hh!, mm!);
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess);
}

/** The local date `YYYY-MM-DD` of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `YYYY-MM-DD` plus a number of days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The Monday on or after a date (ISO weekday arithmetic on the plain date). */
export function nextMonday(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, (8 - weekday) % 7);
}

// ---- The preview: a few due questions and the week's open hours, answered by POST /sla/simulate.

export type Sample = { start: string; hours: number };
/** Minutes per slot of the week view; boundaries inside a slot are recovered exactly from its open minutes. */
export const SLOT_MINUTES = 15;

export type WeekSlots = { date: string; slots: { from: number; to: number }[] }[];

/** The slots of seven local days from `monday`, [from, to) in epoch ms, 23- and 25-hour days included. */
export function weekSlots(monday: string, timeZone: string): WeekSlots {
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(monday, i);
    const start = zonedToInstant(`${date}T00:00`, timeZone).getTime();
    const end = zonedToInstant(`${addDays(date, 1)}T00:00`, timeZone).getTime();
    const slots: { from: number; to: number }[] = [];
    for (let t = start; t < end; t += SLOT_MINUTES * 60_000) {
      slots.push({ from: t, to: Math.min(t + SLOT_MINUTES * 60_000, end) });
    }
    return { date, slots };
  });
}

export function previewCases(samples: Sample[], timeZone: string, week: WeekSlots): SimulateCase[] {
  const due: SimulateCase[] = samples.map((s) => ({
    op: 'due',
    start: zonedToInstant(s.start, timeZone).toISOString(),
    minutes: Math.max(0, Math.round(s.hours * 60)),
  }));
  const slots: SimulateCase[] = week.flatMap((day) =>
    day.slots.map((slot) => ({
      op: 'elapsed' as const,
      start: new Date(slot.from).toISOString(),
      end: new Date(slot.to).toISOString(),
    })),
  );
  return [...due, ...slots];
}

export type OpenDay = {
  date: string;
  /** Local midnight to the next local midnight. */
  start: number;
  end: number;
  openMinutes: number;
  intervals: { from: Date; to: Date }[];
};

/**
 * The open intervals of each day from the open minutes of its slots. A run of open slots starts at the end of its
 * first slot minus that slot's open minutes, and ends at the start of its last slot plus its open minutes, so hours
 * such as 08:10 come out exactly (an interval shorter than a slot inside one slot is shown at the slot's edge).
 */
export function openDays(week: WeekSlots, minutes: number[]): OpenDay[] {
  let index = 0;
  return week.map((day) => {
    const intervals: { from: Date; to: Date }[] = [];
    let runStart: number | null = null;
    let openMinutes = 0;
    day.slots.forEach((slot, i) => {
      const open = minutes[index++] ?? 0;
      openMinutes += open;
      const full = (slot.to - slot.from) / 60_000;
      if (runStart === null) {
        if (open > 0) runStart = slot.to - open * 60_000;
      } else if (open < full) {
        intervals.push({ from: new Date(runStart), to: new Date(slot.from + open * 60_000) });
        runStart = null;
      }
      if (i === day.slots.length - 1 && runStart !== null) {
        intervals.push({ from: new Date(runStart), to: new Date(slot.to) });
      }
    });
    const start = day.slots[0]?.from ?? 0;
    const end = day.slots.at(-1)?.to ?? start;
    return { date: day.date, start, end, openMinutes, intervals };
  });
}
