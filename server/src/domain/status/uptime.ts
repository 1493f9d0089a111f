import type { ComponentState } from '@loket/contract';

export type StateInterval = { state: ComponentState; startedAt: Date; endedAt: Date | null };
export type UptimeDay = {
  /** The UTC day, YYYY-MM-DD. */
  date: string;
  /** Percentage of the day's observed time (maintenance excluded) that counted as up; null without observed time. */
  uptimePercent: number | null;
  /** The worst state seen that day (maintenance only when nothing else was seen), null without data. */
  worst: ComponentState | null;
};

const DAY_MS = 86_400_000;
/**
 * How much of an interval counts as up. Degraded performance is up (slow, but serving); a partial outage counts half;
 * a major outage none. Maintenance does not count at all: it is neither up nor down time.
 */
export const UP_WEIGHT: Record<ComponentState, number | null> = {
  operational: 1,
  degraded_performance: 1,
  partial_outage: 0.5,
  major_outage: 0,
  under_maintenance: null,
};
const SEVERITY: Record<ComponentState, number> = {
  under_maintenance: 0,
  operational: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Uptime per UTC day for the `days` days ending with the day of `now`, time-weighted from a component's state
 * intervals (in any order; an open interval runs until `now`). Time before the first interval is not observed.
 */
export function uptimeByDay(intervals: readonly StateInterval[], now: Date, days = 90): UptimeDay[] {
  const nowMs = now.getTime();
  const lastDayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const firstDayStart = lastDayStart - (days - 1) * DAY_MS;
  const up = new Float64Array(days);
  const observed = new Float64Array(days);
  const worst: (ComponentState | null)[] = new Array<ComponentState | null>(days).fill(null);
  for (const interval of intervals) {
    const start = Math.max(interval.startedAt.getTime(), firstDayStart);
    const end = Math.min(interval.endedAt?.getTime() ?? nowMs, nowMs);
    if (end <= start) continue;
    const weight = UP_WEIGHT[interval.state];
    for (let day = Math.floor((start - firstDayStart) / DAY_MS); day < days; day++) {
      const dayStart = firstDayStart + day * DAY_MS;
      if (dayStart >= end) break;
      const overlap = Math.min(end, dayStart + DAY_MS) - Math.max(start, dayStart);
      if (overlap <= 0) continue;
      const seen = worst[day] ?? null;
      if (seen === null || SEVERITY[interval.state] > SEVERITY[seen]) worst[day] = interval.state;
      if (weight === null) continue;
      observed[day] = observed[day]! + overlap;
      up[day] = up[day]! + overlap * weight;
    }
  }
  return Array.from({ length: days }, (_, day) => ({
    date: isoDay(firstDayStart + day * DAY_MS),
    uptimePercent: observed[day]! > 0 ? (100 * up[day]!) / observed[day]! : null,
    worst: worst[day] ?? null,
  }));
}

/** Uptime over the whole period, weighted by observed time (not the mean of the daily figures). */
export function uptimeOverall(intervals: readonly StateInterval[], now: Date, days = 90): number | null {
  const nowMs = now.getTime();
  const from = Math.floor(nowMs / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  let up = 0;
  let observed = 0;
  for (const interval of intervals) {
    const start = Math.max(interval.startedAt.getTime(), from);
    const end = Math.min(interval.endedAt?.getTime() ?? nowMs, nowMs);
    const weight = UP_WEIGHT[interval.state];
    if (end <= start || weight === null) continue;
    observed += end - start;
    up += (end - start) * weight;
  }
  return observed > 0 ? (100 * up) / observed : null;
}

/** Statuspage's page indicator from the components' states: none, minor, major, critical (or maintenance). */
export function pageIndicator(
  states: readonly ComponentState[],
): 'none' | 'minor' | 'major' | 'critical' | 'maintenance' {
  if (states.includes('major_outage')) return 'critical';
  if (states.includes('partial_outage')) return 'major';
  if (states.includes('degraded_performance')) return 'minor';
  if (states.includes('under_maintenance')) return 'maintenance';
  return 'none';
}
