import Holidays from 'date-holidays';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.ts';
import {
  type CalendarDefinition,
  type DayHours,
  type Pause,
  compileCalendar,
  due,
  elapsed,
  parseCalendarDefinition,
  TWENTY_FOUR_SEVEN,
} from './calendar.ts';

const MINUTE = 60_000;
const office: DayHours = [['08:00', '17:00']];
const weekdays = (hours: DayHours): CalendarDefinition['weekly'] => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});
const at = (iso: string) => new Date(iso);

describe('due and elapsed on Mon–Fri 08:00–17:00', () => {
  for (const [timezone, offset] of [
    ['Europe/Stockholm', '+01:00'],
    ['Europe/Amsterdam', '+01:00'],
  ] as const) {
    const calendar = parseCalendarDefinition({ timezone, weekly: weekdays(office) });
    const monday1500 = at(`2026-11-23T15:00:00${offset}`);

    it(`is due at closing when the work ends exactly at closing (${timezone})`, () => {
      expect(due(calendar, monday1500, 120)).toEqual(at(`2026-11-23T17:00:00${offset}`));
    });

    it(`carries the rest to the next working day: Monday 15:00 + 8 h is Tuesday 14:00 (${timezone})`, () => {
      expect(due(calendar, monday1500, 480)).toEqual(at(`2026-11-24T14:00:00${offset}`));
      expect(elapsed(calendar, monday1500, at(`2026-11-24T14:00:00${offset}`))).toBe(480);
    });
  }

  const calendar = parseCalendarDefinition({ timezone: 'Europe/Amsterdam', weekly: weekdays(office) });

  it('gives the start itself for 0 minutes, even outside hours', () => {
    const saturday = at('2026-11-28T22:13:00+01:00');
    expect(due(calendar, saturday, 0)).toEqual(saturday);
  });

  it('starts counting at the next opening when started outside hours', () => {
    expect(due(calendar, at('2026-11-28T10:00:00+01:00'), 60)).toEqual(at('2026-11-30T09:00:00+01:00'));
    expect(due(calendar, at('2026-11-23T06:00:00+01:00'), 1)).toEqual(at('2026-11-23T08:01:00+01:00'));
  });

  it('counts [a, b) and gives 0 for an empty or reversed range', () => {
    expect(elapsed(calendar, at('2026-11-23T16:00:00+01:00'), at('2026-11-24T09:00:00+01:00'))).toBe(120);
    expect(elapsed(calendar, at('2026-11-24T09:00:00+01:00'), at('2026-11-23T16:00:00+01:00'))).toBe(0);
  });

  it('reports fractions of a minute when instants are not on whole minutes', () => {
    expect(elapsed(calendar, at('2026-11-23T16:59:30+01:00'), at('2026-11-24T08:00:15+01:00'))).toBe(0.75);
  });

  it('skips a lunch break between two intervals of a day', () => {
    const split = parseCalendarDefinition({
      timezone: 'Europe/Amsterdam',
      weekly: weekdays([
        ['08:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    });
    expect(due(split, at('2026-11-23T11:30:00+01:00'), 60)).toEqual(at('2026-11-23T13:30:00+01:00'));
    expect(due(split, at('2026-11-23T11:00:00+01:00'), 60)).toEqual(at('2026-11-23T12:00:00+01:00'));
  });

  it('finds deadlines weeks ahead, and answers the same whichever is asked first', () => {
    const fresh = compileCalendar(calendar);
    const start = at('2027-03-01T09:00:00+01:00');
    const far = due(fresh, start, 20 * 540);
    expect(far).toEqual(at('2027-03-29T09:00:00+02:00'));
    expect(due(fresh, at('2026-11-23T15:00:00+01:00'), 480)).toEqual(at('2026-11-24T14:00:00+01:00'));
    expect(elapsed(fresh, start, far)).toBe(20 * 540);
  });

  it('refuses work that a calendar without open hours can never finish', () => {
    const closed = parseCalendarDefinition({ timezone: 'UTC', weekly: weekdays([]) });
    expect(() => due(closed, at('2026-01-01T00:00:00Z'), 1)).toThrow(AppError);
  });

  it('refuses instants centuries apart rather than compiling them', () => {
    expect(() => elapsed(calendar, at('1900-01-01T00:00:00Z'), at('2300-01-01T00:00:00Z'))).toThrow(AppError);
  });
});

describe('pauses', () => {
  const calendar = parseCalendarDefinition({ timezone: 'Europe/Amsterdam', weekly: weekdays(office) });

  it('does not count paused business time', () => {
    const pause: Pause = [at('2026-11-23T10:30:00+01:00'), at('2026-11-23T11:30:00+01:00')];
    expect(due(calendar, at('2026-11-23T10:00:00+01:00'), 120, [pause])).toEqual(at('2026-11-23T13:00:00+01:00'));
    expect(elapsed(calendar, at('2026-11-23T10:00:00+01:00'), at('2026-11-23T13:00:00+01:00'), [pause])).toBe(120);
  });

  it('is due at the start of a pause when the work is done by then', () => {
    const pause: Pause = [at('2026-11-23T12:00:00+01:00'), at('2026-11-23T14:00:00+01:00')];
    expect(due(calendar, at('2026-11-23T10:00:00+01:00'), 120, [pause])).toEqual(at('2026-11-23T12:00:00+01:00'));
  });

  it('merges overlapping pauses and ignores pauses outside the range', () => {
    const pauses: Pause[] = [
      [at('2026-11-23T11:00:00+01:00'), at('2026-11-23T12:00:00+01:00')],
      [at('2026-11-23T10:30:00+01:00'), at('2026-11-23T11:30:00+01:00')],
      [at('2026-11-20T10:00:00+01:00'), at('2026-11-20T11:00:00+01:00')],
    ];
    expect(due(calendar, at('2026-11-23T10:00:00+01:00'), 120, pauses)).toEqual(at('2026-11-23T13:30:00+01:00'));
    expect(elapsed(calendar, at('2026-11-23T10:00:00+01:00'), at('2026-11-23T13:30:00+01:00'), pauses)).toBe(120);
  });

  it('rejects a pause that ends before it starts', () => {
    const pause: Pause = [at('2026-11-23T12:00:00Z'), at('2026-11-23T11:00:00Z')];
    expect(() => elapsed(calendar, at('2026-11-23T00:00:00Z'), at('2026-11-24T00:00:00Z'), [pause])).toThrow(AppError);
  });
});

describe('Dutch calendar with date-holidays NL', () => {
  const dutch = (types: ('public' | 'bank' | 'school')[]) =>
    parseCalendarDefinition({
      timezone: 'Europe/Amsterdam',
      weekly: weekdays(office),
      holidaySource: { country: 'NL', types },
    });
  const day = (calendar: CalendarDefinition, date: string) =>
    elapsed(calendar, at(`${date}T00:00:00+02:00`), at(`${date}T23:00:00+02:00`));

  it('closes on public holidays such as Koningsdag and Tweede paasdag', () => {
    const calendar = dutch(['public']);
    expect(day(calendar, '2026-04-27')).toBe(0);
    expect(day(calendar, '2026-04-06')).toBe(0);
    expect(day(calendar, '2026-04-28')).toBe(540);
    expect(due(calendar, at('2026-04-24T16:00:00+02:00'), 120)).toEqual(at('2026-04-28T09:00:00+02:00'));
  });

  it('stays open on Goede Vrijdag and Bevrijdingsdag, which date-holidays types as school', () => {
    const calendar = dutch(['public']);
    expect(day(calendar, '2026-04-03')).toBe(540);
    expect(day(calendar, '2026-05-05')).toBe(540);
    expect(day(calendar, '2026-12-31')).toBe(540);
  });

  it('closes on them when school holidays are chosen, and on 31 December with bank', () => {
    expect(day(dutch(['public', 'school']), '2026-04-03')).toBe(0);
    expect(day(dutch(['public', 'school']), '2026-05-05')).toBe(0);
    expect(day(dutch(['public', 'bank']), '2026-12-31')).toBe(0);
  });
});

describe('Swedish calendar with public and bank holidays and short days before them', () => {
  const swedish = (types: ('public' | 'bank')[]) =>
    compileCalendar(
      parseCalendarDefinition({
        timezone: 'Europe/Stockholm',
        weekly: weekdays(office),
        holidaySource: { country: 'SE', types },
        rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
      }),
    );

  it('closes Julafton, Midsommarafton and Nyårsafton, which date-holidays types as bank', () => {
    const calendar = swedish(['public', 'bank']);
    expect(calendar.hoursOn('2026-12-24')).toEqual([]);
    expect(calendar.hoursOn('2026-06-19')).toEqual([]);
    expect(calendar.hoursOn('2026-12-31')).toEqual([]);
  });

  it('opens 08:30–14:00 on the working day before a holiday', () => {
    const calendar = swedish(['public', 'bank']);
    expect(calendar.hoursOn('2026-12-23')).toEqual([[510, 840]]);
    expect(calendar.hoursOn('2026-06-18')).toEqual([[510, 840]]);
    expect(calendar.hoursOn('2026-12-30')).toEqual([[510, 840]]);
    expect(calendar.hoursOn('2026-12-22')).toEqual([[480, 1020]]);
    expect(elapsed(calendar, at('2026-12-23T00:00:00+01:00'), at('2026-12-24T00:00:00+01:00'))).toBe(330);
    // 60 minutes left on the 23rd, then closed from Julafton through the weekend
    expect(due(calendar, at('2026-12-23T13:00:00+01:00'), 120)).toEqual(at('2026-12-28T09:00:00+01:00'));
  });

  it('skips the weekend: the Thursday before Långfredag is short, also when a Saturday holiday follows a Friday', () => {
    const calendar = swedish(['public', 'bank']);
    expect(calendar.hoursOn('2026-04-02')).toEqual([[510, 840]]); // Långfredagen 04-03, Easter Monday 04-06
    expect(calendar.hoursOn('2026-10-30')).toEqual([[510, 840]]); // Alla helgons dag, Saturday 10-31
  });

  it('with public holidays only, Julafton is the short day before Juldagen', () => {
    const calendar = swedish(['public']);
    expect(calendar.hoursOn('2026-12-24')).toEqual([[510, 840]]);
    expect(calendar.hoursOn('2026-12-23')).toEqual([[480, 1020]]);
  });
});

describe('precedence per date: holiday > override or rule > weekly', () => {
  const calendar = compileCalendar(
    parseCalendarDefinition({
      timezone: 'Europe/Stockholm',
      weekly: weekdays(office),
      holidays: [{ date: '2026-12-25', name: 'Juldagen' }, { date: '2026-12-08' }],
      overrides: { '2026-12-08': [['10:00', '11:00']], '2026-12-24': [['09:00', '10:00']], '2026-12-10': [] },
      rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
    }),
  );

  it('keeps a holiday closed even when it has an override', () => {
    expect(calendar.hoursOn('2026-12-08')).toEqual([]);
  });

  it('lets an override beat the day-before-holiday rule', () => {
    expect(calendar.hoursOn('2026-12-24')).toEqual([[540, 600]]);
  });

  it('gives the rule to the day before a holiday and closes a date with an empty override', () => {
    expect(calendar.hoursOn('2026-12-07')).toEqual([[510, 840]]);
    expect(calendar.hoursOn('2026-12-10')).toEqual([]);
    expect(calendar.hoursOn('2026-12-09')).toEqual([[480, 1020]]);
  });
});

describe('DST in Europe/Amsterdam', () => {
  const always = TWENTY_FOUR_SEVEN('Europe/Amsterdam');

  it('counts the spring-forward night as 23 hours and the fall-back night as 25 hours on 24×7', () => {
    expect(elapsed(always, at('2026-03-28T12:00:00+01:00'), at('2026-03-29T12:00:00+02:00'))).toBe(23 * 60);
    expect(elapsed(always, at('2026-10-24T12:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(25 * 60);
    expect(due(always, at('2026-10-25T00:00:00+02:00'), 25 * 60)).toEqual(at('2026-10-26T00:00:00+01:00'));
  });

  it('keeps office hours on the Mondays after a change', () => {
    const calendar = parseCalendarDefinition({ timezone: 'Europe/Amsterdam', weekly: weekdays(office) });
    expect(due(calendar, at('2026-03-27T15:00:00+01:00'), 480)).toEqual(at('2026-03-30T14:00:00+02:00'));
    expect(due(calendar, at('2026-10-23T15:00:00+02:00'), 480)).toEqual(at('2026-10-26T14:00:00+01:00'));
  });

  it('clips hours to the instants that exist and counts repeated wall time twice', () => {
    const night = (hours: DayHours) =>
      parseCalendarDefinition({ timezone: 'Europe/Amsterdam', weekly: { ...weekdays([]), sun: hours } });
    const spring = (hours: DayHours) =>
      elapsed(night(hours), at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'));
    const autumn = (hours: DayHours) =>
      elapsed(night(hours), at('2026-10-25T00:00:00+02:00'), at('2026-10-26T00:00:00+01:00'));
    expect(spring([['01:30', '02:30']])).toBe(30);
    expect(spring([['02:15', '02:45']])).toBe(0);
    expect(spring([['01:00', '04:00']])).toBe(120);
    expect(autumn([['01:00', '04:00']])).toBe(240);
    expect(autumn([['02:30', '04:00']])).toBe(120);
  });
});

describe('calendar definitions', () => {
  it('lists every problem of an invalid definition', () => {
    try {
      parseCalendarDefinition({
        timezone: 'Mars/Olympus',
        weekly: {
          ...weekdays(office),
          mon: [['17:00', '08:00']],
          tue: [
            ['08:00', '12:00'],
            ['11:00', '13:00'],
          ],
          wed: [['8:00', '24:01']],
        },
        holidays: [{ date: '2026-02-30' }],
        overrides: { '2026-13-01': [] },
        holidaySource: { country: 'XX', types: [] },
        rules: [{ kind: 'day-after-holiday', hours: [] }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const paths = (error as AppError).issues!.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'timezone',
          'weekly.mon.0',
          'weekly.tue.1',
          'weekly.wed.0.0',
          'weekly.wed.0.1',
          'holidays.0.date',
          'overrides.2026-13-01',
          'holidaySource.country',
          'holidaySource.types',
          'rules.0.kind',
        ]),
      );
    }
  });

  it('accepts 24:00 as an end and the 24×7 shorthand', () => {
    expect(parseCalendarDefinition(TWENTY_FOUR_SEVEN('Asia/Kolkata')).weekly.sun).toEqual([['00:00', '24:00']]);
    expect(() =>
      parseCalendarDefinition({
        timezone: 'Europe/Berlin',
        weekly: weekdays([['18:00', '24:00']]),
        holidaySource: { country: 'DE', region: 'BY', types: ['public'] },
      }),
    ).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests against a deliberately naive reference: it walks minute by minute, converts each minute to local
// wall-clock time with Temporal and checks it against that date's hours, resolved here independently.

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const weekdayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function referenceClock(def: CalendarDefinition) {
  const holidaySets = new Map<number, Set<string>>();
  const isHoliday = (date: Temporal.PlainDate) => {
    const iso = date.toString();
    if ((def.holidays ?? []).some((h) => h.date === iso)) return true;
    const source = def.holidaySource;
    if (!source) return false;
    if (!holidaySets.has(date.year)) {
      const list = new Holidays(source.country, source.region ?? '').getHolidays(date.year) || [];
      holidaySets.set(
        date.year,
        new Set(list.filter((h) => (source.types as string[]).includes(h.type)).map((h) => h.date.slice(0, 10))),
      );
    }
    return holidaySets.get(date.year)!.has(iso);
  };
  const ownHours = (date: Temporal.PlainDate): DayHours =>
    def.overrides?.[date.toString()] ?? def.weekly[weekdayKeys[date.dayOfWeek - 1]!];
  const hoursOn = (date: Temporal.PlainDate): DayHours => {
    if (isHoliday(date)) return [];
    const override = def.overrides?.[date.toString()];
    if (override) return override;
    const rule = def.rules?.find((r) => r.kind === 'day-before-holiday');
    if (rule && ownHours(date).length > 0) {
      for (let d = date.add({ days: 1 }), i = 0; i < 14; d = d.add({ days: 1 }), i++) {
        if (isHoliday(d)) return rule.hours;
        if (ownHours(d).length > 0) break;
      }
    }
    return ownHours(date);
  };
  const isOpen = (t: number) => {
    const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(def.timezone);
    const minute = local.hour * 60 + local.minute;
    return hoursOn(local.toPlainDate()).some(([from, to]) => toMinutes(from) <= minute && minute < toMinutes(to));
  };
  const counts = (t: number, pauses: Pause[]) =>
    isOpen(t) && !pauses.some(([p0, p1]) => p0.getTime() <= t && t < p1.getTime());
  return {
    due(start: Date, minutes: number, pauses: Pause[]): Date {
      let t = start.getTime();
      for (let counted = 0; counted < minutes; t += MINUTE) if (counts(t, pauses)) counted++;
      return new Date(t);
    },
    elapsed(a: Date, b: Date, pauses: Pause[]): number {
      let counted = 0;
      for (let t = a.getTime(); t < b.getTime(); t += MINUTE) if (counts(t, pauses)) counted++;
      return counted;
    },
  };
}

const zones = ['Europe/Amsterdam', 'Europe/Stockholm', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];
/** Every DST change of 2026–2027 in each zone (a mid-year date for zones without one). */
const anchorsOf = (zone: string): number[] => {
  const anchors: number[] = [];
  let zoned = Temporal.ZonedDateTime.from(`2026-01-01T00:00[${zone}]`);
  for (;;) {
    const next = zoned.getTimeZoneTransition('next');
    if (!next || next.year > 2027) break;
    anchors.push(next.epochMilliseconds);
    zoned = next;
  }
  return anchors.length > 0 ? anchors : [Date.parse('2026-06-15T00:00:00Z')];
};
const anchors = new Map(zones.map((zone) => [zone, anchorsOf(zone)]));

const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
/** 0–2 intervals on quarter hours, so that some begin or end inside a DST gap or overlap. */
const dayHours: fc.Arbitrary<DayHours> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 4 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const hours: DayHours = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) hours.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    return hours;
  });

const scenario = fc
  .record({
    zone: fc.constantFrom(...zones),
    anchorIndex: fc.nat(),
    startOffsetMinutes: fc.integer({ min: -3 * 1440, max: 1440 }),
    weekly: fc.record({
      mon: dayHours,
      tue: dayHours,
      wed: dayHours,
      thu: dayHours,
      fri: dayHours,
      sat: dayHours,
      sun: dayHours,
    }),
    holidayDays: fc.uniqueArray(fc.integer({ min: -4, max: 14 }), { maxLength: 3 }),
    overrideDays: fc.uniqueArray(fc.tuple(fc.integer({ min: -4, max: 14 }), dayHours), {
      maxLength: 3,
      selector: ([day]) => day,
    }),
    rule: fc.option(dayHours.filter((h) => h.length > 0)),
    workFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    windowMinutes: fc.integer({ min: 0, max: 4 * 1440 }),
    pauses: fc.array(fc.tuple(fc.integer({ min: -600, max: 4 * 1440 }), fc.integer({ min: 0, max: 1440 })), {
      maxLength: 2,
    }),
  })
  .map((s) => {
    const zoneAnchors = anchors.get(s.zone)!;
    const anchor = zoneAnchors[s.anchorIndex % zoneAnchors.length]!;
    const start = new Date(anchor + s.startOffsetMinutes * MINUTE);
    const anchorDate = Temporal.Instant.fromEpochMilliseconds(anchor).toZonedDateTimeISO(s.zone).toPlainDate();
    const dateAt = (days: number) => anchorDate.add({ days }).toString();
    const definition: CalendarDefinition = {
      timezone: s.zone,
      weekly: s.weekly,
      holidays: s.holidayDays.map((d) => ({ date: dateAt(d) })),
      overrides: Object.fromEntries(s.overrideDays.map(([d, hours]) => [dateAt(d), hours])),
      ...(s.rule ? { rules: [{ kind: 'day-before-holiday' as const, hours: s.rule }] } : {}),
    };
    const weeklyOpen = weekdayKeys
      .flatMap((k) => s.weekly[k])
      .reduce((sum, [from, to]) => sum + toMinutes(to) - toMinutes(from), 0);
    // bounded so the reference walks at most a few weeks of minutes
    const minutes = Math.floor(s.workFraction * Math.min(3000, 2 * weeklyOpen));
    const pauses: Pause[] = s.pauses.map(([from, length]) => [
      new Date(start.getTime() + from * MINUTE),
      new Date(start.getTime() + (from + length) * MINUTE),
    ]);
    return { definition, start, minutes, end: new Date(start.getTime() + s.windowMinutes * MINUTE), pauses };
  });

describe('against the minute-stepping reference', () => {
  it('due and elapsed agree with it, and elapsed(start, due(start, n)) is n', () => {
    fc.assert(
      fc.property(scenario, ({ definition, start, minutes, end, pauses }) => {
        const calendar = compileCalendar(parseCalendarDefinition(definition));
        const reference = referenceClock(definition);
        // compile weeks ahead first, so the range below is reached by growing the compiled calendar backwards
        elapsed(
          calendar,
          new Date(start.getTime() + 60 * 1440 * MINUTE),
          new Date(start.getTime() + 61 * 1440 * MINUTE),
        );
        const dueAt = due(calendar, start, minutes, pauses);
        expect(dueAt).toEqual(reference.due(start, minutes, pauses));
        expect(elapsed(calendar, start, dueAt, pauses)).toBe(minutes);
        expect(elapsed(calendar, start, end, pauses)).toBe(reference.elapsed(start, end, pauses));
        expect(elapsed(calendar, start, end)).toBe(reference.elapsed(start, end, []));
        // the work done by `end` is due at or before `end` (at closing, not at the next opening), and not earlier
        const done = elapsed(calendar, start, end, pauses);
        const doneAt = due(calendar, start, done, pauses);
        expect(doneAt.getTime()).toBeLessThanOrEqual(end.getTime());
        if (done > 0) expect(elapsed(calendar, start, new Date(doneAt.getTime() - 1), pauses)).toBeLessThan(done);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with it on the Swedish calendar with date-holidays and the rule, around Christmas and midsummer', () => {
    const definition = parseCalendarDefinition({
      timezone: 'Europe/Stockholm',
      weekly: weekdays(office),
      holidaySource: { country: 'SE', types: ['public', 'bank'] },
      rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
    });
    const calendar = compileCalendar(definition);
    const reference = referenceClock(definition);
    fc.assert(
      fc.property(
        fc.constantFrom('2026-06-15T00:00:00Z', '2026-12-20T00:00:00Z', '2026-03-30T00:00:00Z'),
        fc.integer({ min: 0, max: 10 * 1440 }),
        fc.integer({ min: 0, max: 3000 }),
        (base, offset, minutes) => {
          const start = new Date(Date.parse(base) + offset * MINUTE);
          const dueAt = due(calendar, start, minutes);
          expect(dueAt).toEqual(reference.due(start, minutes, []));
          expect(elapsed(calendar, start, dueAt)).toBe(minutes);
        },
      ),
      { numRuns: 30 },
    );
  });
});
