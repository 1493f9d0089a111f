import type { Priority, StatusKind } from '@loket/contract';
import { Temporal } from 'temporal-polyfill';
import { invalid } from '../app-error.ts';
import { type CompiledCalendar, due, elapsed, MAX_DUE_HORIZON_DAYS } from './calendar.ts';
import type { ContractTerms } from './contracts.ts';

/*
 * A ticket's SLA clocks computed from its timeline (ENGINEERING.md §3, issue 3 "Clocks on tickets"). Pure: the
 * caller passes the terms, the compiled calendar, the timeline and `now`; a change of priority, contract version or
 * calendar is handled by calling again with the new terms (replay from the start).
 *
 * The clocks:
 * - first_response runs from `openedAt` until the first `first_response` event. It pauses in the kinds listed in
 *   `terms.pausing.firstResponse`, and also while the ticket is resolved or closed (reason "resolved"/"closed"): a
 *   ticket closed without a reply neither breaches nor meets it, and a reopen resumes it.
 * - resolution runs from `openedAt`; entering resolved or closed stops it (no segment covers the stopped time), and a
 *   return to an open kind (a reopen) resumes it with the used minutes carried on. It pauses in the kinds listed in
 *   `terms.pausing.resolution`. Once breached it stays breached, whatever a reopen or a later resolve does.
 * - update (only when the priority's targets have `updateMinutes`) runs in cycles. A cycle starts at `openedAt`, at
 *   each `agent_update` while the ticket is not resolved/closed, and at each reopen; it ends at the next
 *   `agent_update` (which starts the next cycle at the same instant) or when the ticket enters resolved/closed (the
 *   resolution counts as the last update). It pauses in `terms.pausing.update`. A cycle is met when it ends at or
 *   before its due, breached at its due otherwise. The clock's state, used/left minutes, due, warnings and segments
 *   are those of the current (last) cycle; `cycles` lists every cycle and `breachedCycles` counts the breached ones.
 *   `agent_update` events while resolved/closed are ignored. A `first_response` event is not an update: the caller
 *   sends both events for a public reply that is also the first response.
 *
 * Shared rules:
 * - The status before the first status event is "new". Events must be in time order and not before `openedAt`;
 *   events after `now` are ignored, so a clock can be computed as of any instant.
 * - Events at the same instant apply in the order given; empty (zero-length) segments are left out of the ledger.
 * - A target is met when its stop happens at or before the due instant. A clock is breached at its true due instant:
 *   when the due lies before the stop, or at or before `now` while it is still open, or when a pause starts at or
 *   after it (the pause is not the awaited event). So at `now` equal to the due, the clock is already breached.
 * - `dueAt` is the instant the target is reached given the pauses so far. While paused it is null: how long the
 *   pause lasts is unknown, so no instant can be promised (the scheduler has nothing to index for a paused clock).
 *   For a met clock it is the due that applied at the stop (null when the clock was paused at that moment); for a
 *   breached one it equals `breachedAt`.
 * - A reopen of a resolution clock with no minutes left is breached at the reopen instant.
 * - Warnings: `percentOfTarget` p fires when p % of the target is used, `minutesBeforeDue` m when target − m minutes
 *   are used (left out when m ≥ target: it would fire on opening). Each has the instant it fired or will fire given
 *   the pauses so far, or null when that is unknown (paused) or will never be (the clock stopped first); `past` says
 *   whether that instant is at or before `now`.
 * - `nextDeadlineAt` is the earliest instant after `now` among the warnings and dues of the running clocks.
 */

export type ClockName = 'first_response' | 'resolution' | 'update';

export type TimelineEvent =
  | { at: Date; type: 'status'; statusKind: StatusKind }
  | { at: Date; type: 'first_response' }
  /** A public reply by an agent: restarts the update clock. */
  | { at: Date; type: 'agent_update' };

export type ClockInput = {
  openedAt: Date;
  priority: Priority;
  terms: ContractTerms;
  calendar: CompiledCalendar;
  timeline: readonly TimelineEvent[];
  now: Date;
};

/** One entry of a clock's ledger: [from, to), `to` null while it lasts. Time between segments is stopped time. */
export type ClockSegment = { from: Date; to: Date | null; state: 'running' | 'paused'; reason?: StatusKind };

export type ClockWarning = {
  kind: 'percentOfTarget' | 'minutesBeforeDue';
  /** The percentage or the minutes before due, as the terms give it. */
  value: number;
  /** Business minutes used at which it fires. */
  atUsedMinutes: number;
  at: Date | null;
  past: boolean;
};

export type ClockState = 'running' | 'paused' | 'met' | 'breached';

export type UpdateCycle = {
  startedAt: Date;
  endedAt: Date | null;
  state: ClockState;
  dueAt: Date | null;
  breachedAt: Date | null;
  segments: ClockSegment[];
};

export type Clock = {
  clock: ClockName;
  state: ClockState;
  targetMinutes: number;
  usedMinutes: number;
  leftMinutes: number;
  dueAt: Date | null;
  stoppedAt: Date | null;
  breachedAt: Date | null;
  segments: ClockSegment[];
  warnings: ClockWarning[];
  /** Update clock only. */
  cycles?: UpdateCycle[];
  /** Update clock only: how many cycles breached, the current one included. */
  breachedCycles?: number;
};

export type TicketClocks = {
  clocks: { first_response: Clock; resolution: Clock; update?: Clock };
  /** The earliest future instant among running clocks' warnings and dues: what the scheduler indexes. */
  nextDeadlineAt: Date | null;
};

type Mode = { state: 'running' } | { state: 'paused'; reason: StatusKind } | { state: 'stopped' };

type Segment = { from: number; to: number | null; state: 'running' | 'paused'; reason?: StatusKind; stop: boolean };

/** A ledger under construction: segments, each closed either by a change of mode or by a stop. */
class Ledger {
  segments: Segment[] = [];
  stoppedAt: number | null = null;
  mode: Mode = { state: 'stopped' };

  set(t: number, mode: Mode): void {
    const same =
      mode.state === this.mode.state &&
      (mode.state !== 'paused' || (this.mode.state === 'paused' && mode.reason === this.mode.reason));
    if (same) return;
    const open = this.segments[this.segments.length - 1];
    if (open && open.to === null) {
      open.to = t;
      if (open.from === t) this.segments.pop();
    }
    // changes at one instant leave no empty segment: the one before is closed by the last of them
    const before = this.segments[this.segments.length - 1];
    if (before && before.to === t) before.stop = mode.state === 'stopped';
    this.mode = mode;
    if (mode.state === 'stopped') {
      this.stoppedAt = t;
      return;
    }
    this.stoppedAt = null;
    const reason = mode.state === 'paused' ? mode.reason : undefined;
    if (before && before.to === t && before.state === mode.state && before.reason === reason) {
      before.to = null;
      return;
    }
    this.segments.push(
      reason === undefined
        ? { from: t, to: null, state: 'running', stop: false }
        : { from: t, to: null, state: 'paused', reason, stop: false },
    );
  }
}

const isDone = (kind: StatusKind) => kind === 'resolved' || kind === 'closed';

type Evaluation = Omit<Clock, 'clock' | 'segments' | 'warnings' | 'cycles' | 'breachedCycles'>;

function evaluate(calendar: CompiledCalendar, ledger: Ledger, target: number, now: number): Evaluation {
  let used = 0;
  let breachedAt: number | null = null;
  let runningDue: number | null = null;
  for (const s of ledger.segments) {
    if (s.state !== 'running') continue;
    if (breachedAt === null) {
      const left = target - used;
      if (left <= 0) breachedAt = s.from;
      else {
        const d = due(calendar, new Date(s.from), left).getTime();
        if (s.to === null) {
          if (d <= now) breachedAt = d;
          else runningDue = d;
        } else if (d < s.to || (d === s.to && !s.stop)) breachedAt = d;
      }
    }
    used += elapsed(calendar, new Date(s.from), new Date(s.to ?? now));
  }
  const last = ledger.segments[ledger.segments.length - 1];
  const stoppedAt = ledger.stoppedAt === null ? null : new Date(ledger.stoppedAt);
  const base = { targetMinutes: target, usedMinutes: used, stoppedAt };
  if (breachedAt !== null) {
    const at = new Date(breachedAt);
    return { ...base, state: 'breached', leftMinutes: 0, dueAt: at, breachedAt: at };
  }
  const leftMinutes = Math.max(0, target - used);
  if (ledger.stoppedAt !== null) {
    const runningAtStop = last !== undefined && last.state === 'running' && last.to === ledger.stoppedAt;
    const dueAt = runningAtStop ? due(calendar, new Date(ledger.stoppedAt), leftMinutes) : null;
    return { ...base, state: 'met', leftMinutes, dueAt, breachedAt: null };
  }
  if (last?.state === 'running' && runningDue !== null) {
    return { ...base, state: 'running', leftMinutes, dueAt: new Date(runningDue), breachedAt: null };
  }
  return { ...base, state: 'paused', leftMinutes, dueAt: null, breachedAt: null };
}

/** The instant at which `minutes` business minutes were (or, while running, will be) used; null if unknown. */
function reachedAt(calendar: CompiledCalendar, segments: readonly Segment[], minutes: number, now: number) {
  let used = 0;
  for (const s of segments) {
    if (s.state !== 'running') continue;
    const d = due(calendar, new Date(s.from), Math.max(0, minutes - used)).getTime();
    if (s.to === null || d <= s.to) return d;
    used += elapsed(calendar, new Date(s.from), new Date(s.to ?? now));
  }
  return null;
}

function warningsOf(
  calendar: CompiledCalendar,
  terms: ContractTerms,
  segments: readonly Segment[],
  target: number,
  now: number,
): ClockWarning[] {
  const thresholds = [
    ...terms.warnings.percentOfTarget.map((p) => ({
      kind: 'percentOfTarget' as const,
      value: p,
      k: (target * p) / 100,
    })),
    ...terms.warnings.minutesBeforeDue.map((m) => ({ kind: 'minutesBeforeDue' as const, value: m, k: target - m })),
  ].filter((w) => w.k > 0);
  return thresholds.map(({ kind, value, k }) => {
    const t = reachedAt(calendar, segments, k, now);
    return { kind, value, atUsedMinutes: k, at: t === null ? null : new Date(t), past: t !== null && t <= now };
  });
}

const publicSegments = (segments: readonly Segment[]): ClockSegment[] =>
  segments.map((s) => ({
    from: new Date(s.from),
    to: s.to === null ? null : new Date(s.to),
    state: s.state,
    ...(s.reason === undefined ? {} : { reason: s.reason }),
  }));

const time = (date: Date, what: string) => {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw invalid(`${what} is not a valid instant`);
  return t;
};

/** Every clock of a ticket at `now`, replayed from its start under `terms`. */
export function computeClocks(input: ClockInput): TicketClocks {
  const { calendar, terms, priority } = input;
  const opened = time(input.openedAt, 'openedAt');
  const now = time(input.now, 'now');
  if (now < opened) throw invalid('now is before the ticket was opened');
  const targets = terms.targets[priority];
  const pausing = terms.pausing;

  let previous = opened;
  const events = input.timeline.map((e, i) => {
    const t = time(e.at, `event ${i}`);
    if (t < previous) throw invalid(`event ${i} is out of order or before the ticket was opened`);
    previous = t;
    return { ...e, t };
  });

  const firstResponse = new Ledger();
  const resolution = new Ledger();
  const cycles: { ledger: Ledger; startedAt: number }[] = [];
  let kind: StatusKind = 'new';
  let responded = false;

  const frMode = (): Mode => {
    if (responded) return { state: 'stopped' };
    if (isDone(kind) || (pausing.firstResponse as readonly StatusKind[]).includes(kind)) {
      return { state: 'paused', reason: kind };
    }
    return { state: 'running' };
  };
  const modeFor = (list: readonly StatusKind[]): Mode => {
    if (isDone(kind)) return { state: 'stopped' };
    if (list.includes(kind)) return { state: 'paused', reason: kind };
    return { state: 'running' };
  };
  const startCycle = (t: number) => {
    const ledger = new Ledger();
    ledger.set(t, modeFor(pausing.update));
    cycles.push({ ledger, startedAt: t });
  };
  const currentCycle = () => cycles[cycles.length - 1]!.ledger;

  firstResponse.set(opened, frMode());
  resolution.set(opened, modeFor(pausing.resolution));
  startCycle(opened);

  for (const e of events) {
    if (e.t > now) break;
    if (e.type === 'first_response') {
      responded = true;
      firstResponse.set(e.t, frMode());
    } else if (e.type === 'agent_update') {
      if (isDone(kind)) continue;
      currentCycle().set(e.t, { state: 'stopped' });
      startCycle(e.t);
    } else {
      const wasDone = isDone(kind);
      kind = e.statusKind;
      firstResponse.set(e.t, frMode());
      resolution.set(e.t, modeFor(pausing.resolution));
      if (wasDone && !isDone(kind)) startCycle(e.t);
      else currentCycle().set(e.t, modeFor(pausing.update));
    }
  }

  const build = (clock: ClockName, ledger: Ledger, target: number): Clock => ({
    clock,
    ...evaluate(calendar, ledger, target, now),
    segments: publicSegments(ledger.segments),
    warnings: warningsOf(calendar, terms, ledger.segments, target, now),
  });

  const clocks: TicketClocks['clocks'] = {
    first_response: build('first_response', firstResponse, targets.firstResponseMinutes),
    resolution: build('resolution', resolution, targets.resolutionMinutes),
  };
  if (targets.updateMinutes !== undefined) {
    const target = targets.updateMinutes;
    const evaluated = cycles.map(({ ledger, startedAt }) => ({
      startedAt,
      ...evaluate(calendar, ledger, target, now),
      segments: publicSegments(ledger.segments),
    }));
    const current = build('update', currentCycle(), target);
    clocks.update = {
      ...current,
      cycles: evaluated.map((c) => ({
        startedAt: new Date(c.startedAt),
        endedAt: c.stoppedAt,
        state: c.state,
        dueAt: c.dueAt,
        breachedAt: c.breachedAt,
        segments: c.segments,
      })),
      breachedCycles: evaluated.filter((c) => c.state === 'breached').length,
    };
  }

  let next: number | null = null;
  for (const c of Object.values(clocks)) {
    if (c.state !== 'running') continue;
    for (const at of [c.dueAt, ...c.warnings.map((w) => w.at)]) {
      const t = at?.getTime();
      if (t !== undefined && t > now && (next === null || t < next)) next = t;
    }
  }
  return { clocks, nextDeadlineAt: next === null ? null : new Date(next) };
}

/** Whether the work logged on a ticket has reached the contract's effort threshold (call the customer, once). */
export function effortThresholdReached(
  loggedMinutesTotal: number,
  terms: Pick<ContractTerms, 'effortThresholdMinutes'>,
): boolean {
  return loggedMinutesTotal >= terms.effortThresholdMinutes;
}

/**
 * When a resolved ticket closes itself: at the end of the N-th working date after the date it was resolved on, N =
 * `terms.autoCloseWorkingDays`. A working date is a local date (in the calendar's zone) with business time; its end
 * is the instant its last open interval closes. The resolution date itself never counts, whatever the hour: resolved
 * Friday 16:00 (or Friday 07:00) on Mon–Fri 08:00–17:00 with one working day closes Monday 17:00. Counting working
 * minutes instead is not used: "a working day" is a date, whatever its hours (a short day before a holiday counts as
 * one day).
 */
export function autoCloseDueAt(
  resolvedAt: Date,
  terms: Pick<ContractTerms, 'autoCloseWorkingDays'>,
  calendar: CompiledCalendar,
): Date {
  const zone = calendar.definition.timezone;
  const start = time(resolvedAt, 'resolvedAt');
  let date = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone).toPlainDate();
  let left = terms.autoCloseWorkingDays;
  for (let day = 0; day < MAX_DUE_HORIZON_DAYS; day++) {
    date = date.add({ days: 1 });
    const from = new Date(date.toZonedDateTime(zone).epochMilliseconds);
    const to = new Date(date.add({ days: 1 }).toZonedDateTime(zone).epochMilliseconds);
    const open = elapsed(calendar, from, to);
    if (open > 0 && --left === 0) return due(calendar, from, open);
  }
  throw invalid(`The calendar has no ${terms.autoCloseWorkingDays} working days within ${MAX_DUE_HORIZON_DAYS} days`);
}
