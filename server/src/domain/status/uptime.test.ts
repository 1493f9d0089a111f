import { describe, expect, it } from 'vitest';
import { type StateInterval, pageIndicator, uptimeByDay, uptimeOverall } from './uptime.ts';

const at = (iso: string) => new Date(iso);
const now = at('2026-03-10T12:00:00Z');

describe('uptimeByDay', () => {
  it('gives 100% for a day spent operational and null for days before the component existed', () => {
    const days = uptimeByDay([{ state: 'operational', startedAt: at('2026-03-09T00:00:00Z'), endedAt: null }], now, 3);
    expect(days.map((d) => d.date)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(days.map((d) => d.uptimePercent)).toEqual([null, 100, 100]);
    expect(days[0]!.worst).toBeNull();
  });

  it('weights by time: a six-hour major outage is 75% of a day', () => {
    const intervals: StateInterval[] = [
      { state: 'operational', startedAt: at('2026-03-01T00:00:00Z'), endedAt: at('2026-03-09T06:00:00Z') },
      { state: 'major_outage', startedAt: at('2026-03-09T06:00:00Z'), endedAt: at('2026-03-09T12:00:00Z') },
      { state: 'operational', startedAt: at('2026-03-09T12:00:00Z'), endedAt: null },
    ];
    const day = uptimeByDay(intervals, now, 2)[0]!;
    expect(day).toEqual({ date: '2026-03-09', uptimePercent: 75, worst: 'major_outage' });
  });

  it('leaves maintenance out of both up and observed time', () => {
    const intervals: StateInterval[] = [
      { state: 'operational', startedAt: at('2026-03-09T00:00:00Z'), endedAt: at('2026-03-09T12:00:00Z') },
      { state: 'under_maintenance', startedAt: at('2026-03-09T12:00:00Z'), endedAt: at('2026-03-09T18:00:00Z') },
      { state: 'major_outage', startedAt: at('2026-03-09T18:00:00Z'), endedAt: at('2026-03-10T00:00:00Z') },
      { state: 'operational', startedAt: at('2026-03-10T00:00:00Z'), endedAt: null },
    ];
    // 12 h up, 6 h down, 6 h maintenance: 12 / 18
    expect(uptimeByDay(intervals, now, 2)[0]!.uptimePercent).toBeCloseTo((100 * 12) / 18, 10);
    // a day entirely under maintenance has no uptime figure
    const only = uptimeByDay(
      [{ state: 'under_maintenance', startedAt: at('2026-03-10T00:00:00Z'), endedAt: null }],
      now,
      1,
    );
    expect(only[0]).toEqual({ date: '2026-03-10', uptimePercent: null, worst: 'under_maintenance' });
  });

  it('counts a partial outage half and degraded performance as up', () => {
    const intervals: StateInterval[] = [
      { state: 'partial_outage', startedAt: at('2026-03-10T00:00:00Z'), endedAt: at('2026-03-10T06:00:00Z') },
      { state: 'degraded_performance', startedAt: at('2026-03-10T06:00:00Z'), endedAt: null },
    ];
    expect(uptimeByDay(intervals, now, 1)[0]!.uptimePercent).toBeCloseTo(75, 10);
  });

  it('splits an interval across midnight and stops an open one at now', () => {
    const intervals: StateInterval[] = [
      { state: 'major_outage', startedAt: at('2026-03-09T18:00:00Z'), endedAt: null },
    ];
    const days = uptimeByDay(intervals, now, 2);
    expect(days.map((d) => d.uptimePercent)).toEqual([0, 0]);
    expect(uptimeOverall(intervals, now, 2)).toBe(0);
  });

  it('agrees with a minute-by-minute count', () => {
    const states = [
      'operational',
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'under_maintenance',
    ] as const;
    const intervals: StateInterval[] = [];
    let t = at('2026-03-05T03:17:00Z').getTime();
    for (let i = 0; t < now.getTime(); i++) {
      const next = t + ((i * 7919) % 1500) * 60_000 + 60_000;
      intervals.push({
        state: states[i % 5]!,
        startedAt: new Date(t),
        endedAt: next >= now.getTime() ? null : new Date(next),
      });
      t = next;
    }
    const fast = uptimeByDay(intervals, now, 7);
    for (const day of fast) {
      let up = 0;
      let seen = 0;
      const start = Date.parse(`${day.date}T00:00:00Z`);
      for (let m = start; m < Math.min(start + 86_400_000, now.getTime()); m += 60_000) {
        const interval = intervals.find(
          (x) => x.startedAt.getTime() <= m && (x.endedAt === null || x.endedAt.getTime() > m),
        );
        if (!interval || interval.state === 'under_maintenance') continue;
        seen++;
        up += { operational: 1, degraded_performance: 1, partial_outage: 0.5, major_outage: 0 }[interval.state];
      }
      if (seen === 0) expect(day.uptimePercent).toBeNull();
      else expect(day.uptimePercent).toBeCloseTo((100 * up) / seen, 6);
    }
  });
});

describe('pageIndicator', () => {
  it('takes the worst state', () => {
    expect(pageIndicator(['operational'])).toBe('none');
    expect(pageIndicator(['operational', 'degraded_performance'])).toBe('minor');
    expect(pageIndicator(['partial_outage', 'under_maintenance'])).toBe('major');
    expect(pageIndicator(['major_outage', 'partial_outage'])).toBe('critical');
    expect(pageIndicator(['under_maintenance', 'operational'])).toBe('maintenance');
  });
});
