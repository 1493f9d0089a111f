import Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { invalid } from '../app-error.ts';

/*
 * Business-hours calendars for the SLA clocks (ENGINEERING.md §3).
 *
 * Semantics, in one place:
 * - An instant is business time when its local wall-clock time, in the calendar's IANA zone, lies in an open
 *   interval [from, to) of that local date. Per date the hours are: holiday → closed; otherwise a date override;
 *   otherwise a rule (day before a holiday); otherwise the weekly hours. An explicit override beats a rule because
 *   it is the more specific instruction for that date.
 * - DST needs no special case: the business instants are exactly the instants whose wall time is open. A wall time
 *   skipped by a spring-forward gap has no instant, so an interval is clipped to the instants that exist (08:00–17:00
 *   on a day that skips 02:00–03:00 is unaffected; 01:30–02:30 becomes 01:30–02:00 = 30 minutes; 02:15–02:45 is
 *   empty). A wall time repeated by a fall-back counts each time it occurs (01:00–04:00 on a 25-hour day is 4 real
 *   hours). Days of 23 and 25 hours are therefore normal days; a 24×7 calendar gives them 23 and 25 hours.
 * - Time is counted in milliseconds and exposed in minutes: `elapsed` may return a fraction when its instants are not
 *   on whole minutes, and `due` accepts fractional minutes (rounded to the millisecond).
 * - The calendar is compiled lazily into merged open intervals in epoch milliseconds with cumulative sums; queries are
 *   binary searches. The compiled range grows as queries need it; `due` gives up (error `invalid`) when a calendar has
 *   no room for the work within MAX_DUE_HORIZON_DAYS of its start.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The furthest `due` looks ahead of its start (about ten years) before deciding the calendar never opens enough. */
export const MAX_DUE_HORIZON_DAYS = 3660;
/** How far a "day before a holiday" rule looks for the holiday: weekends and closed days in between are skipped. */
const DAY_BEFORE_HOLIDAY_LOOKAHEAD_DAYS = 14;
const CHUNK = 32 * DAY;
/** One compiled calendar covers at most this span (a few MB of intervals), so a stray instant cannot exhaust memory. */
const MAX_COMPILED_SPAN = 200 * 366 * DAY;

const timeOfDay = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const TimeOfDay = z.string().regex(timeOfDay, 'must be a wall-clock time "HH:MM" between "00:00" and "24:00"');

/** One day's open hours, e.g. [["08:00","12:00"],["13:00","17:00"]]: each [from, to) with from < to, not overlapping. */
export const DayHours = z.array(z.tuple([TimeOfDay, TimeOfDay])).superRefine((intervals, ctx) => {
  const sorted = intervals
    .map(([from, to], index) => ({ from: toMinutes(from), to: toMinutes(to), index }))
    .sort((x, y) => x.from - y.from);
  for (const { from, to, index } of sorted) {
    if (from >= to) ctx.addIssue({ code: 'custom', path: [index], message: 'an interval must end after it starts' });
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.from < sorted[i - 1]!.to) {
      ctx.addIssue({ code: 'custom', path: [sorted[i]!.index], message: 'intervals of one day must not overlap' });
    }
  }
});
export type DayHours = z.infer<typeof DayHours>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => {
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
};
const LocalDate = z
  .string()
  .regex(isoDate, 'must be a date "YYYY-MM-DD"')
  .refine(isRealDate, 'must be a real calendar date');

const isTimeZone = (zone: string) => {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
};

export const HOLIDAY_TYPES = ['public', 'bank', 'school', 'optional', 'observance'] as const;

const HolidaySource = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "NL"'),
    region: z.string().min(1).optional(),
    /** Which date-holidays types close the desk, e.g. SE ["public","bank"] to close Midsommarafton and Julafton too. */
    types: z.array(z.enum(HOLIDAY_TYPES)).min(1, 'choose at least one holiday type that closes the desk'),
  })
  .strict()
  .superRefine((source, ctx) => {
    const countries = new Holidays().getCountries();
    if (!countries || !(source.country in countries)) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `date-holidays knows no country "${source.country}"`,
      });
      return;
    }
    if (source.region !== undefined) {
      const regions = new Holidays().getStates(source.country);
      if (!regions || !(source.region in regions)) {
        ctx.addIssue({
          code: 'custom',
          path: ['region'],
          message: `date-holidays knows no region "${source.region}" in ${source.country}`,
        });
      }
    }
  });

const DayBeforeHolidayRule = z.object({ kind: z.literal('day-before-holiday'), hours: DayHours }).strict();

export const CalendarDefinition = z
  .object({
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as "Europe/Amsterdam"'),
    weekly: z
      .object({
        mon: DayHours,
        tue: DayHours,
        wed: DayHours,
        thu: DayHours,
        fri: DayHours,
        sat: DayHours,
        sun: DayHours,
      })
      .strict(),
    /** Extra closed dates. */
    holidays: z.array(z.object({ date: LocalDate, name: z.string().optional() }).strict()).optional(),
    /** Own hours on a date; [] closes it. */
    overrides: z.record(LocalDate, DayHours).optional(),
    /** Closed dates from date-holidays. */
    holidaySource: HolidaySource.optional(),
    /**
     * "day-before-holiday": the last working day before a closed holiday gets these hours. A working day is a date
     * that is not a holiday and has open hours of its own (override, else weekly); closed days in between (a weekend)
     * are skipped, so Friday gets the hours before a Monday holiday. Holidays on closed weekdays count too.
     */
    rules: z
      .array(z.discriminatedUnion('kind', [DayBeforeHolidayRule]))
      .refine((rules) => new Set(rules.map((r) => r.kind)).size === rules.length, 'at most one rule of each kind')
      .optional(),
  })
  .strict();
export type CalendarDefinition = z.infer<typeof CalendarDefinition>;

/** Every local minute open: weekly [["00:00","24:00"]] on all days. */
export const TWENTY_FOUR_SEVEN = (timezone: string): CalendarDefinition => {
  const allDay = (): DayHours => [['00:00', '24:00']];
  return {
    timezone,
    weekly: { mon: allDay(), tue: allDay(), wed: allDay(), thu: allDay(), fri: allDay(), sat: allDay(), sun: allDay() },
  };
};

/** Parses an untrusted definition; every problem is listed in the `invalid` error's issues. */
export function parseCalendarDefinition(input: unknown): CalendarDefinition {
  const result = CalendarDefinition.safeParse(input);
  if (!result.success) {
    throw invalid(
      'Invalid calendar definition',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

/** Open minutes of a local day, [from, to): [480, 1020] is 08:00–17:00. */
export type Interval = readonly [number, number];

const toIntervals = (hours: DayHours): Interval[] =>
  hours.map(([from, to]) => [toMinutes(from), toMinutes(to)] as const).sort((x, y) => x[0] - y[0]);

/** Days since 1970-01-01 of a date "YYYY-MM-DD"; dates are compared as these numbers, not as strings. */
const dayOfDate = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
/** The year of an epoch day when it has a four-digit "YYYY-MM-DD" date, else NaN (no date in a definition matches). */
const yearOfDay = (epochDay: number) => {
  const year = new Date(epochDay * DAY).getUTCFullYear();
  return year >= 0 && year <= 9999 ? year : NaN;
};

const holidayCache = new Map<string, ReadonlySet<number>>();
/** Closed dates of one year from date-holidays; the library is deterministic, so the cache is safe to share. */
function sourceHolidays(source: NonNullable<CalendarDefinition['holidaySource']>, year: number): ReadonlySet<number> {
  const key = `${source.country}|${source.region ?? ''}|${[...source.types].sort().join(',')}|${year}`;
  let dates = holidayCache.get(key);
  if (!dates) {
    const library = source.region ? new Holidays(source.country, source.region) : new Holidays(source.country);
    const types: readonly string[] = source.types;
    // A holiday counts for its whole starting date, also when date-holidays gives it a start time (a half day).
    dates = new Set(
      (library.getHolidays(year) || [])
        .filter((h) => types.includes(h.type))
        .map((h) => dayOfDate(h.date.slice(0, 10))),
    );
    holidayCache.set(key, dates);
  }
  return dates;
}

const compiledBrand: unique symbol = Symbol('CompiledCalendar');

/** A definition with its lazily compiled open intervals. Reuse one per calendar: it grows a cache as it is queried. */
export type CompiledCalendar = {
  readonly [compiledBrand]: true;
  readonly definition: CalendarDefinition;
  /** Open hours of a local date "YYYY-MM-DD" after precedence, as minutes of the day. */
  hoursOn(date: string): readonly Interval[];
  /** @internal */ readonly state: CompiledState;
};

type CompiledState = {
  hoursOf(epochDay: number): readonly Interval[];
  timezone: string;
  /** Covered instants [from, to); open intervals are clipped to it. */
  from: number;
  to: number;
  starts: number[];
  ends: number[];
  /** cumEnd[i]: open milliseconds from `from` to ends[i]. */
  cumEnd: number[];
};

export type Calendar = CompiledCalendar | CalendarDefinition;

/** Compiles a valid definition (see parseCalendarDefinition). Nothing is computed until the first query. */
export function compileCalendar(definition: CalendarDefinition): CompiledCalendar {
  const weekly = [
    definition.weekly.sun,
    definition.weekly.mon,
    definition.weekly.tue,
    definition.weekly.wed,
    definition.weekly.thu,
    definition.weekly.fri,
    definition.weekly.sat,
  ].map(toIntervals);
  // Dates as epoch days: compiling looks up every day it covers, and formatting a date string per day was the cost.
  const explicitHolidays = new Set((definition.holidays ?? []).map((h) => dayOfDate(h.date)));
  const overrides = new Map(
    Object.entries(definition.overrides ?? {}).map(([date, h]) => [dayOfDate(date), toIntervals(h)]),
  );
  const dayBefore = definition.rules?.find((r) => r.kind === 'day-before-holiday');
  const ruleHours = dayBefore ? toIntervals(dayBefore.hours) : null;
  const source = definition.holidaySource;

  const sourceByYear = new Map<number, ReadonlySet<number>>();
  const isHoliday = (epochDay: number) => {
    if (explicitHolidays.has(epochDay)) return true;
    if (source === undefined) return false;
    const year = yearOfDay(epochDay);
    if (Number.isNaN(year)) return false;
    let days = sourceByYear.get(year);
    if (days === undefined) sourceByYear.set(year, (days = sourceHolidays(source, year)));
    return days.has(epochDay);
  };
  const ownHours = (epochDay: number) => overrides.get(epochDay) ?? weekly[(((epochDay + 4) % 7) + 7) % 7]!;
  const isDayBeforeHoliday = (epochDay: number) => {
    for (let d = epochDay + 1; d <= epochDay + DAY_BEFORE_HOLIDAY_LOOKAHEAD_DAYS; d++) {
      if (isHoliday(d)) return true;
      if (ownHours(d).length > 0) return false;
    }
    return false;
  };

  const memo = new Map<number, readonly Interval[]>();
  const hoursOf = (epochDay: number): readonly Interval[] => {
    let hours = memo.get(epochDay);
    if (hours === undefined) {
      if (isHoliday(epochDay)) hours = [];
      else if (overrides.has(epochDay)) hours = overrides.get(epochDay)!;
      else {
        hours = ownHours(epochDay);
        if (ruleHours && hours.length > 0 && isDayBeforeHoliday(epochDay)) hours = ruleHours;
      }
      memo.set(epochDay, hours);
    }
    return hours;
  };

  const state: CompiledState = {
    hoursOf,
    timezone: definition.timezone,
    from: 0,
    to: 0,
    starts: [],
    ends: [],
    cumEnd: [],
  };
  return {
    [compiledBrand]: true,
    definition,
    hoursOn: (date) => {
      if (!isoDate.test(date) || !isRealDate(date)) throw invalid(`"${date}" is not a date "YYYY-MM-DD"`);
      return hoursOf(dayOfDate(date));
    },
    state,
  };
}

const compiledDefinitions = new WeakMap<CalendarDefinition, CompiledCalendar>();
const compiled = (calendar: Calendar): CompiledCalendar => {
  if (compiledBrand in calendar) return calendar;
  let result = compiledDefinitions.get(calendar);
  if (!result) {
    result = compileCalendar(calendar);
    compiledDefinitions.set(calendar, result);
  }
  return result;
};

/**
 * Open instants in [from, to): walk the zone's constant-offset segments; within one, local time is the instant plus
 * the offset, so each local date's intervals map to instants by subtracting it, clipped to the segment.
 */
function openIntervals(state: CompiledState, from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let a = from;
  while (a < to) {
    const zoned = Temporal.Instant.fromEpochMilliseconds(a).toZonedDateTimeISO(state.timezone);
    const offset = Math.round(zoned.offsetNanoseconds / 1e6);
    const next = zoned.getTimeZoneTransition('next');
    const b = next === null ? to : Math.min(to, next.epochMilliseconds);
    const localFrom = a + offset;
    const localTo = b + offset;
    for (let day = Math.floor(localFrom / DAY); day * DAY < localTo; day++) {
      for (const [open, close] of state.hoursOf(day)) {
        const start = Math.max(day * DAY + open * MINUTE, localFrom) - offset;
        const end = Math.min(day * DAY + close * MINUTE, localTo) - offset;
        if (start >= end) continue;
        const last = out[out.length - 1];
        if (last && last[1] === start) last[1] = end;
        else out.push([start, end]);
      }
    }
    a = b;
  }
  return out;
}

const assertSpan = (span: number) => {
  if (span > MAX_COMPILED_SPAN) throw invalid('Instants too far apart for one calendar (more than 200 years)');
};

/** Grows the compiled range to cover [from, to], at least doubling it each time so growth is amortised. */
function cover(state: CompiledState, from: number, to: number): void {
  if (state.starts.length === 0 && state.from === state.to) {
    state.from = Math.floor(from / CHUNK) * CHUNK;
    state.to = state.from;
  }
  if (from < state.from) {
    const newFrom = Math.min(Math.floor(from / CHUNK) * CHUNK, state.from - (state.to - state.from));
    assertSpan(state.to - newFrom);
    const before = openIntervals(state, newFrom, state.from);
    const starts = before.map((i) => i[0]);
    const ends = before.map((i) => i[1]);
    const last = before.length - 1;
    if (last >= 0 && state.starts.length > 0 && ends[last] === state.starts[0]) {
      ends[last] = state.ends[0]!;
      starts.push(...state.starts.slice(1));
      ends.push(...state.ends.slice(1));
    } else {
      starts.push(...state.starts);
      ends.push(...state.ends);
    }
    state.from = newFrom;
    state.starts = starts;
    state.ends = ends;
    state.cumEnd = [];
    let sum = 0;
    for (let i = 0; i < starts.length; i++) state.cumEnd.push((sum += ends[i]! - starts[i]!));
  }
  if (to >= state.to) {
    const newTo = Math.max(Math.floor(to / CHUNK) * CHUNK + CHUNK, state.to + (state.to - state.from));
    assertSpan(newTo - state.from);
    const after = openIntervals(state, state.to, newTo);
    let sum = state.cumEnd[state.cumEnd.length - 1] ?? 0;
    for (const [start, end] of after) {
      const n = state.starts.length;
      if (n > 0 && state.ends[n - 1] === start) {
        state.ends[n - 1] = end;
        state.cumEnd[n - 1] = sum += end - start;
      } else {
        state.starts.push(start);
        state.ends.push(end);
        state.cumEnd.push((sum += end - start));
      }
    }
    state.to = newTo;
  }
}

/** Open milliseconds from state.from to t; t must be covered. */
function openBefore(state: CompiledState, t: number): number {
  // last interval starting at or before t
  let lo = 0;
  let hi = state.starts.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (state.starts[mid]! <= t) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (idx < 0) return 0;
  const end = state.ends[idx]!;
  return state.cumEnd[idx]! - (t < end ? end - t : 0);
}

/** Open milliseconds in [a, b). */
function openBetween(state: CompiledState, a: number, b: number): number {
  if (b <= a) return 0;
  cover(state, a, b);
  return openBefore(state, b) - openBefore(state, a);
}

/** The earliest instant at which `ms` > 0 open milliseconds have passed since `start`. */
function dueUnpaused(state: CompiledState, start: number, ms: number): number {
  cover(state, start, start);
  const target = openBefore(state, start) + ms;
  const horizon = start + MAX_DUE_HORIZON_DAYS * DAY;
  while ((state.cumEnd[state.cumEnd.length - 1] ?? 0) < target) {
    if (state.to > horizon) {
      throw invalid(`The calendar has no room for this work within ${MAX_DUE_HORIZON_DAYS} days of its start`);
    }
    cover(state, state.to, state.to);
  }
  // first interval whose cumulative end reaches the target; the due instant lies in (start, end] of it
  let lo = 0;
  let hi = state.cumEnd.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (state.cumEnd[mid]! >= target) hi = mid;
    else lo = mid + 1;
  }
  return state.ends[lo]! - (state.cumEnd[lo]! - target);
}

export type Pause = readonly [Date, Date];

const instant = (date: Date, what: string) => {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw invalid(`${what} is not a valid instant`);
  return t;
};

/** Sorted, merged pauses as [from, to) milliseconds; empty pauses dropped. */
function normalizePauses(pauses: readonly Pause[]): [number, number][] {
  const list = pauses
    .map(([from, to], i) => {
      const a = instant(from, `pause ${i} start`);
      const b = instant(to, `pause ${i} end`);
      if (b < a) throw invalid(`pause ${i} ends before it starts`);
      return [a, b] as [number, number];
    })
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const p of list) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push(p);
  }
  return merged;
}

/**
 * The earliest instant at which `minutes` business minutes have elapsed since `start`, not counting paused time.
 * 0 minutes gives `start` itself (even outside hours or inside a pause). Work that ends exactly at closing is due at
 * closing, never at the next opening: Monday 15:00 + 120 on 08:00–17:00 is Monday 17:00.
 */
export function due(calendar: Calendar, start: Date, minutes: number, pauses: readonly Pause[] = []): Date {
  const state = compiled(calendar).state;
  const t0 = instant(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw invalid('minutes must be a finite number of at least 0');
  let remaining = Math.round(minutes * MINUTE);
  if (remaining === 0) return new Date(t0);
  if (pauses.length === 0) return new Date(dueUnpaused(state, t0, remaining));
  let cursor = t0;
  for (const [from, to] of normalizePauses(pauses)) {
    if (to <= cursor) continue;
    if (from > cursor) {
      const at = dueUnpaused(state, cursor, remaining);
      if (at <= from) return new Date(at);
      remaining -= openBetween(state, cursor, from);
    }
    cursor = to;
  }
  return new Date(dueUnpaused(state, cursor, remaining));
}

/**
 * Business minutes in [a, b) minus paused intervals; 0 when b is not after a. Counted in milliseconds, so the result
 * is a whole number whenever a, b and the pauses are on whole minutes, and may be fractional otherwise.
 */
export function elapsed(calendar: Calendar, a: Date, b: Date, pauses: readonly Pause[] = []): number {
  const state = compiled(calendar).state;
  const from = instant(a, 'start');
  const to = instant(b, 'end');
  if (to <= from) return 0;
  let ms = openBetween(state, from, to);
  if (pauses.length === 0) return ms / MINUTE;
  for (const [p0, p1] of normalizePauses(pauses)) {
    ms -= openBetween(state, Math.max(from, p0), Math.min(to, p1));
  }
  return ms / MINUTE;
}
