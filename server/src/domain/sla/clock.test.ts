import type { StatusKind } from '@loket/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.ts';
import {
  type CalendarDefinition,
  type DayHours,
  compileCalendar,
  elapsed,
  parseCalendarDefinition,
} from './calendar.ts';
import {
  type Clock,
  type ClockInput,
  type TimelineEvent,
  autoCloseDueAt,
  computeClocks,
  effortThresholdReached,
} from './clock.ts';
import { ContractTerms, type ContractTermsInput } from './contracts.ts';

const at = (iso: string) => new Date(iso);
/** Amsterdam winter time; 2026-11-23 is a Monday. */
const ams = (local: string) => at(`2026-11-${local}:00+01:00`);
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
const calendar = compileCalendar(parseCalendarDefinition({ timezone: 'Europe/Amsterdam', weekly: weekdays(office) }));

const matrix = (['high', 'normal', 'low'] as const).flatMap((urgency) =>
  (['high', 'normal', 'low'] as const).map((impact) => ({ urgency, impact, priority: 'P3' as const })),
);
const termsOf = (extra: Partial<ContractTermsInput> = {}) =>
  ContractTerms.parse({
    calendarId: '6a1f4a4e-2b1c-4f5e-9a7d-0c3b2a1d4e5f',
    matrix,
    targets: {
      P1: { firstResponseMinutes: 120, resolutionMinutes: 480 },
      P2: { firstResponseMinutes: 240, resolutionMinutes: 960, updateMinutes: 120 },
      P3: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
      P4: { firstResponseMinutes: 960, resolutionMinutes: 5400 },
    },
    ...extra,
  });
const terms = termsOf();

const status = (when: Date, statusKind: StatusKind): TimelineEvent => ({ at: when, type: 'status', statusKind });
const reply = (when: Date): TimelineEvent => ({ at: when, type: 'first_response' });
const update = (when: Date): TimelineEvent => ({ at: when, type: 'agent_update' });

const clocksAt = (now: Date, timeline: TimelineEvent[], input: Partial<ClockInput> = {}) =>
  computeClocks({ openedAt: ams('23T15:00'), priority: 'P3', terms, calendar, timeline, now, ...input });

describe('the seed example: opened Monday 15:00, P3 first response 8 h on Mon–Fri 08:00–17:00', () => {
  it('runs with the due Tuesday 14:00', () => {
    const fr = clocksAt(ams('23T16:00'), []).clocks.first_response;
    expect(fr).toMatchObject({
      state: 'running',
      targetMinutes: 480,
      usedMinutes: 60,
      leftMinutes: 420,
      dueAt: ams('24T14:00'),
      stoppedAt: null,
      breachedAt: null,
    });
    expect(fr.segments).toEqual([{ from: ams('23T15:00'), to: null, state: 'running' }]);
  });

  it('is met by a first response Tuesday 13:59, and by one exactly at the due instant', () => {
    const early = clocksAt(ams('24T16:00'), [reply(ams('24T13:59'))]).clocks.first_response;
    expect(early).toMatchObject({
      state: 'met',
      usedMinutes: 479,
      leftMinutes: 1,
      dueAt: ams('24T14:00'),
      stoppedAt: ams('24T13:59'),
      breachedAt: null,
    });
    expect(early.segments).toEqual([{ from: ams('23T15:00'), to: ams('24T13:59'), state: 'running' }]);
    expect(clocksAt(ams('24T16:00'), [reply(ams('24T14:00'))]).clocks.first_response.state).toBe('met');
  });

  it('is breached at Tuesday 14:00 by a first response at 14:01, and at 14:00 when none has come', () => {
    const late = clocksAt(ams('24T16:00'), [reply(ams('24T14:01'))]).clocks.first_response;
    expect(late).toMatchObject({
      state: 'breached',
      usedMinutes: 481,
      leftMinutes: 0,
      dueAt: ams('24T14:00'),
      stoppedAt: ams('24T14:01'),
      breachedAt: ams('24T14:00'),
    });
    // observed long after the fact, the breach is still at the true due instant
    const none = clocksAt(ams('27T10:00'), []).clocks.first_response;
    expect(none).toMatchObject({ state: 'breached', breachedAt: ams('24T14:00'), stoppedAt: null, leftMinutes: 0 });
    expect(clocksAt(ams('24T14:00'), []).clocks.first_response.state).toBe('breached');
    expect(clocksAt(ams('24T13:59'), []).clocks.first_response.state).toBe('running');
  });
});

describe('pauses', () => {
  const opened = { openedAt: ams('23T09:00') };
  const timeline = [status(ams('23T10:00'), 'waiting_customer'), status(ams('23T12:00'), 'open')];

  it('pauses while waiting for the customer, with no due while paused and nothing to schedule', () => {
    const { clocks, nextDeadlineAt } = clocksAt(ams('23T11:00'), timeline, opened);
    expect(clocks.first_response).toMatchObject({ state: 'paused', usedMinutes: 60, leftMinutes: 420, dueAt: null });
    expect(clocks.first_response.segments).toEqual([
      { from: ams('23T09:00'), to: ams('23T10:00'), state: 'running' },
      { from: ams('23T10:00'), to: null, state: 'paused', reason: 'waiting_customer' },
    ]);
    expect(clocks.resolution.state).toBe('paused');
    expect(nextDeadlineAt).toBeNull();
  });

  it('moves the due by the paused business time', () => {
    expect(clocksAt(ams('23T09:30'), [], opened).clocks.first_response.dueAt).toEqual(ams('23T17:00'));
    const fr = clocksAt(ams('23T13:00'), timeline, opened).clocks.first_response;
    expect(fr).toMatchObject({ state: 'running', usedMinutes: 120, leftMinutes: 360, dueAt: ams('24T10:00') });
    expect(fr.segments.map((s) => s.state)).toEqual(['running', 'paused', 'running']);
  });

  it('follows the terms: scheduled pauses resolution by default but not the first response', () => {
    const planned = [status(ams('23T10:00'), 'scheduled')];
    const { clocks } = clocksAt(ams('23T11:00'), planned, opened);
    expect(clocks.first_response.state).toBe('running');
    expect(clocks.resolution).toMatchObject({ state: 'paused', usedMinutes: 60 });
    const custom = termsOf({ pausing: { firstResponse: ['scheduled'] } });
    expect(clocksAt(ams('23T11:00'), planned, { ...opened, terms: custom }).clocks.first_response.state).toBe('paused');
  });

  it('is breached at the due instant when a pause starts exactly then', () => {
    const fr = clocksAt(ams('24T10:00'), [status(ams('23T17:00'), 'waiting_customer')], opened).clocks.first_response;
    expect(fr).toMatchObject({ state: 'breached', breachedAt: ams('23T17:00') });
  });
});

describe('the resolution clock', () => {
  const opened = { openedAt: ams('23T09:00'), priority: 'P1' as const };
  const timeline = [status(ams('23T11:00'), 'resolved'), status(ams('24T09:00'), 'open')];

  it('stops when resolved: met, with the due that applied', () => {
    const resolution = clocksAt(ams('23T15:00'), timeline, opened).clocks.resolution;
    expect(resolution).toMatchObject({
      state: 'met',
      usedMinutes: 120,
      leftMinutes: 360,
      stoppedAt: ams('23T11:00'),
      dueAt: ams('23T17:00'),
    });
  });

  it('resumes on a reopen with the used minutes carried on', () => {
    const resolution = clocksAt(ams('24T10:00'), timeline, opened).clocks.resolution;
    expect(resolution).toMatchObject({ state: 'running', usedMinutes: 180, leftMinutes: 300, dueAt: ams('24T15:00') });
    expect(resolution.stoppedAt).toBeNull();
    expect(resolution.segments).toEqual([
      { from: ams('23T09:00'), to: ams('23T11:00'), state: 'running' },
      { from: ams('24T09:00'), to: null, state: 'running' },
    ]);
  });

  it('pauses the first response clock while resolved and resumes it on a reopen', () => {
    const early = [status(ams('23T10:00'), 'resolved'), status(ams('24T09:00'), 'open')];
    const fr = clocksAt(ams('23T15:00'), early, opened).clocks.first_response;
    expect(fr).toMatchObject({ state: 'paused', usedMinutes: 60, leftMinutes: 60, dueAt: null });
    expect(fr.segments[1]).toEqual({ from: ams('23T10:00'), to: null, state: 'paused', reason: 'resolved' });
    const reopened = clocksAt(ams('24T09:30'), early, opened).clocks.first_response;
    expect(reopened).toMatchObject({ state: 'running', usedMinutes: 90, dueAt: ams('24T10:00') });
    // all 120 minutes were used by the resolution at 11:00 without a reply: breached then, not paused
    expect(clocksAt(ams('23T15:00'), timeline, opened).clocks.first_response).toMatchObject({
      state: 'breached',
      breachedAt: ams('23T11:00'),
    });
  });

  it('stays breached after a late resolution and a reopen', () => {
    const late = [status(ams('24T09:00'), 'resolved'), status(ams('24T10:00'), 'open')];
    const resolution = clocksAt(ams('24T11:00'), late, opened).clocks.resolution;
    expect(resolution).toMatchObject({ state: 'breached', breachedAt: ams('23T17:00'), leftMinutes: 0 });
  });
});

describe('replay under other terms', () => {
  it('gives an earlier due for the same timeline under a higher priority', () => {
    const timeline = [status(ams('23T15:30'), 'open')];
    const p3 = clocksAt(ams('23T16:00'), timeline, { priority: 'P3' }).clocks.first_response;
    const p1 = clocksAt(ams('23T16:00'), timeline, { priority: 'P1' }).clocks.first_response;
    expect(p3.dueAt).toEqual(ams('24T14:00'));
    expect(p1.dueAt).toEqual(ams('23T17:00'));
    expect(p1.segments).toEqual(p3.segments);
  });

  it('replays a past breach under the new terms', () => {
    const timeline = [reply(ams('23T17:30'))];
    expect(clocksAt(ams('24T09:00'), timeline, { priority: 'P3' }).clocks.first_response.state).toBe('met');
    const p1 = clocksAt(ams('24T09:00'), timeline, { priority: 'P1' }).clocks.first_response;
    expect(p1).toMatchObject({ state: 'breached', breachedAt: ams('23T17:00') });
  });
});

describe('warnings and the next deadline', () => {
  const warned = termsOf({ warnings: { percentOfTarget: [75], minutesBeforeDue: [60] } });
  const input = { terms: warned };

  it('gives the instants of 75 % used and of an hour before due', () => {
    const { clocks, nextDeadlineAt } = clocksAt(ams('23T16:00'), [], input);
    expect(clocks.first_response.warnings).toEqual([
      { kind: 'percentOfTarget', value: 75, atUsedMinutes: 360, at: ams('24T12:00'), past: false },
      { kind: 'minutesBeforeDue', value: 60, atUsedMinutes: 420, at: ams('24T13:00'), past: false },
    ]);
    expect(nextDeadlineAt).toEqual(ams('24T12:00'));
  });

  it('marks passed warnings and moves the next deadline on', () => {
    const { clocks, nextDeadlineAt } = clocksAt(ams('24T12:30'), [], input);
    expect(clocks.first_response.warnings.map((w) => w.past)).toEqual([true, false]);
    expect(nextDeadlineAt).toEqual(ams('24T13:00'));
  });

  it('drops a met clock from the next deadline and keeps only the warnings it reached', () => {
    const { clocks, nextDeadlineAt } = clocksAt(ams('24T12:50'), [reply(ams('24T12:45'))], input);
    expect(clocks.first_response.warnings.map((w) => w.at)).toEqual([ams('24T12:00'), null]);
    // resolution P3 2700 min from Monday 15:00: 75 % = 2025 min → Friday 12:45 (Monday 120, Tue–Thu 1620, Fri 285)
    expect(clocks.resolution.warnings[0]!.at).toEqual(ams('27T12:45'));
    expect(nextDeadlineAt).toEqual(ams('27T12:45'));
  });

  it('has no warning instant while paused, and leaves out a minutes-before-due beyond the target', () => {
    const paused = clocksAt(ams('23T16:00'), [status(ams('23T15:30'), 'waiting_customer')], input);
    expect(paused.clocks.first_response.warnings.every((w) => w.at === null && !w.past)).toBe(true);
    const big = termsOf({ warnings: { percentOfTarget: [], minutesBeforeDue: [500] } });
    expect(clocksAt(ams('23T16:00'), [], { terms: big }).clocks.first_response.warnings).toEqual([]);
  });
});

describe('the update clock', () => {
  const input = { openedAt: ams('23T09:00'), priority: 'P2' as const };

  it('exists only when the priority has an update target', () => {
    expect(clocksAt(ams('23T10:00'), [], { ...input, priority: 'P3' }).clocks.update).toBeUndefined();
    expect(clocksAt(ams('23T10:00'), [], input).clocks.update?.targetMinutes).toBe(120);
  });

  it('restarts at each agent update', () => {
    const update1 = clocksAt(ams('23T11:00'), [update(ams('23T10:30'))], input).clocks.update!;
    expect(update1).toMatchObject({ state: 'running', usedMinutes: 30, leftMinutes: 90, dueAt: ams('23T12:30') });
    expect(update1.segments).toEqual([{ from: ams('23T10:30'), to: null, state: 'running' }]);
    expect(update1.cycles).toEqual([
      {
        startedAt: ams('23T09:00'),
        endedAt: ams('23T10:30'),
        state: 'met',
        dueAt: ams('23T11:00'),
        breachedAt: null,
        segments: [{ from: ams('23T09:00'), to: ams('23T10:30'), state: 'running' }],
      },
      {
        startedAt: ams('23T10:30'),
        endedAt: null,
        state: 'running',
        dueAt: ams('23T12:30'),
        breachedAt: null,
        segments: [{ from: ams('23T10:30'), to: null, state: 'running' }],
      },
    ]);
    expect(update1.breachedCycles).toBe(0);
  });

  it('is breached when no update comes in time, counts the breach, and runs again after the next update', () => {
    const breached = clocksAt(ams('23T13:00'), [update(ams('23T10:30'))], input).clocks.update!;
    expect(breached).toMatchObject({ state: 'breached', breachedAt: ams('23T12:30'), breachedCycles: 1 });
    const timeline = [update(ams('23T10:30')), update(ams('23T13:30'))];
    const again = clocksAt(ams('23T14:00'), timeline, input).clocks.update!;
    expect(again).toMatchObject({ state: 'running', dueAt: ams('23T15:30'), breachedAt: null, breachedCycles: 1 });
    expect(again.cycles!.map((c) => c.state)).toEqual(['met', 'breached', 'running']);
  });

  it('pauses like the first response, stops while resolved and starts afresh on a reopen', () => {
    const timeline = [
      status(ams('23T09:30'), 'waiting_customer'),
      status(ams('23T10:30'), 'open'),
      status(ams('23T11:00'), 'resolved'),
      update(ams('23T12:00')),
      status(ams('24T09:00'), 'open'),
    ];
    const paused = clocksAt(ams('23T10:00'), timeline, input).clocks.update!;
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, usedMinutes: 30 });
    const resolved = clocksAt(ams('23T15:00'), timeline, input).clocks.update!;
    expect(resolved).toMatchObject({ state: 'met', stoppedAt: ams('23T11:00'), usedMinutes: 60 });
    expect(resolved.cycles).toHaveLength(1);
    const reopened = clocksAt(ams('24T09:15'), timeline, input).clocks.update!;
    expect(reopened).toMatchObject({ state: 'running', usedMinutes: 15, dueAt: ams('24T11:00') });
    expect(reopened.cycles).toHaveLength(2);
  });
});

describe('timelines', () => {
  it('ignores events after now', () => {
    const { clocks } = clocksAt(ams('23T16:00'), [reply(ams('23T16:30'))]);
    expect(clocks.first_response.state).toBe('running');
  });

  it('refuses events out of order or before the ticket was opened, and now before it', () => {
    expect(() => clocksAt(ams('24T10:00'), [reply(ams('23T16:30')), reply(ams('23T16:00'))])).toThrow(AppError);
    expect(() => clocksAt(ams('24T10:00'), [reply(ams('23T14:00'))])).toThrow(AppError);
    expect(() => clocksAt(ams('23T14:00'), [])).toThrow(AppError);
  });

  it('leaves no empty segment for changes at one instant', () => {
    const timeline = [status(ams('23T16:00'), 'waiting_customer'), status(ams('23T16:00'), 'open')];
    expect(clocksAt(ams('23T16:30'), timeline).clocks.first_response.segments).toEqual([
      { from: ams('23T15:00'), to: null, state: 'running' },
    ]);
  });
});

describe('effort and auto-close', () => {
  it('reaches the effort threshold at the contract’s minutes', () => {
    expect(effortThresholdReached(239, terms)).toBe(false);
    expect(effortThresholdReached(240, terms)).toBe(true);
  });

  it('closes at the end of the N-th working date after the resolution date', () => {
    expect(autoCloseDueAt(ams('27T16:00'), terms, calendar)).toEqual(ams('30T17:00'));
    expect(autoCloseDueAt(ams('27T07:00'), terms, calendar)).toEqual(ams('30T17:00'));
    expect(autoCloseDueAt(ams('27T16:00'), termsOf({ autoCloseWorkingDays: 2 }), calendar)).toEqual(
      at('2026-12-01T17:00:00+01:00'),
    );
  });

  it('skips holidays and counts a short day as a day', () => {
    const withDays = compileCalendar(
      parseCalendarDefinition({
        timezone: 'Europe/Amsterdam',
        weekly: weekdays(office),
        holidays: [{ date: '2026-11-30' }],
        overrides: { '2026-12-01': [['08:30', '14:00']] },
      }),
    );
    expect(autoCloseDueAt(ams('27T16:00'), terms, withDays)).toEqual(at('2026-12-01T14:00:00+01:00'));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property: on random simple calendars and random status timelines, a running unbreached clock has used + left =
// target and its due exactly `left` business minutes after now, and used is elapsed() over its running segments.

const MINUTE = 60_000;
const kinds: StatusKind[] = ['new', 'open', 'waiting_customer', 'waiting_provider', 'scheduled', 'resolved', 'closed'];
const hourRange = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 12 }))
  .map(([from, length]): DayHours => {
    const to = Math.min(24, from + length);
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    return [[hh(from), hh(to)]];
  });
const dayOf = fc.option(hourRange, { nil: [] as DayHours });

describe('clock invariants (property)', () => {
  it('used + left = target while running, and used is elapsed over the running segments', () => {
    fc.assert(
      fc.property(
        fc.record({
          zone: fc.constantFrom('UTC', 'Europe/Amsterdam', 'America/New_York'),
          open: hourRange,
          weekly: fc.tuple(dayOf, dayOf, dayOf, dayOf, dayOf, dayOf),
          opened: fc.integer({ min: 0, max: 366 * 1440 }),
          steps: fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(...kinds)), { maxLength: 8 }),
          updates: fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 3 }),
          replyAfter: fc.option(fc.integer({ min: 0, max: 20_000 })),
          nowAfter: fc.integer({ min: 0, max: 20_000 }),
          priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const),
        }),
        (s) => {
          const [tue, wed, thu, fri, sat, sun] = s.weekly;
          const cal = compileCalendar(
            parseCalendarDefinition({
              timezone: s.zone,
              weekly: { mon: s.open, tue, wed, thu, fri, sat, sun },
            }),
          );
          const openedAt = new Date(Date.parse('2026-01-01T00:00:00Z') + s.opened * MINUTE);
          const t = (offset: number) => new Date(openedAt.getTime() + offset * MINUTE);
          const timeline: (TimelineEvent & { o: number })[] = [];
          let offset = 0;
          for (const [gap, kind] of s.steps) timeline.push({ ...status(t((offset += gap)), kind), o: offset });
          for (const u of s.updates) timeline.push({ ...update(t(u)), o: u });
          if (s.replyAfter !== null) timeline.push({ ...reply(t(s.replyAfter)), o: s.replyAfter });
          timeline.sort((a, b) => a.o - b.o);
          const now = t(s.nowAfter);
          const result = computeClocks({ openedAt, priority: s.priority, terms, calendar: cal, timeline, now });
          const all: Clock[] = [result.clocks.first_response, result.clocks.resolution];
          if (result.clocks.update) all.push(result.clocks.update);
          for (const c of all) {
            const running = c.segments.filter((g) => g.state === 'running');
            const used = running.reduce((sum, g) => sum + elapsed(cal, g.from, g.to ?? now), 0);
            expect(c.usedMinutes).toBe(used);
            for (let i = 1; i < c.segments.length; i++) {
              expect(c.segments[i]!.from.getTime()).toBeGreaterThanOrEqual(c.segments[i - 1]!.to!.getTime());
            }
            if (c.state === 'running') {
              expect(c.usedMinutes + c.leftMinutes).toBe(c.targetMinutes);
              expect(c.dueAt!.getTime()).toBeGreaterThan(now.getTime());
              expect(elapsed(cal, now, c.dueAt!)).toBe(c.leftMinutes);
              expect(c.segments[c.segments.length - 1]).toMatchObject({ state: 'running', to: null });
            }
            if (c.state === 'paused') expect(c.dueAt).toBeNull();
            if (c.state === 'breached') {
              expect(c.leftMinutes).toBe(0);
              expect(c.breachedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
              // the whole target was used by the breach instant
              const b = c.breachedAt!.getTime();
              const usedByBreach = running
                .filter((g) => g.from.getTime() < b)
                .reduce((sum, g) => sum + elapsed(cal, g.from, new Date(Math.min((g.to ?? now).getTime(), b))), 0);
              expect(usedByBreach).toBe(c.targetMinutes);
            }
            if (c.state === 'met') expect(c.usedMinutes).toBeLessThanOrEqual(c.targetMinutes);
          }
          if (result.nextDeadlineAt) expect(result.nextDeadlineAt.getTime()).toBeGreaterThan(now.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
