import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCheckAfter, phaseFor } from './check-schedule.ts';
import { heartbeatVerdict } from './heartbeat.ts';
import { readJsonPath } from './json-path.ts';
import { type MonitorCounters, applyCheckResult } from './monitor-state.ts';
import { parseHostPort, targetProblem } from './monitor-target.ts';

const fresh: MonitorCounters = { state: 'pending', consecutiveFailures: 0, consecutiveSuccesses: 0 };
const run = (results: boolean[], t = { failuresBeforeDown: 3, successesBeforeUp: 2 }) => {
  let counters = fresh;
  const transitions: string[] = [];
  for (const ok of results) {
    const step = applyCheckResult(counters, ok, t);
    counters = step.next;
    if (step.transition) transitions.push(`${step.transition.from}>${step.transition.to}`);
  }
  return { counters, transitions };
};

describe('monitor state machine', () => {
  it('goes down only after N failures in a row and back up after M successes', () => {
    expect(run([true, true]).counters.state).toBe('up');
    expect(run([true, true, false, false]).counters.state).toBe('up');
    expect(run([true, true, false, false, false]).transitions).toEqual(['pending>up', 'up>down']);
    expect(run([false, false, false, true]).counters.state).toBe('down');
    expect(run([false, false, false, true, true]).transitions).toEqual(['pending>down', 'down>up']);
    expect(run([false, false, true, false, false]).counters.state).toBe('pending');
  });

  it('ignores results while paused', () => {
    const paused: MonitorCounters = { state: 'paused', consecutiveFailures: 0, consecutiveSuccesses: 0 };
    expect(applyCheckResult(paused, false, { failuresBeforeDown: 1, successesBeforeUp: 1 })).toEqual({
      next: paused,
      transition: null,
    });
  });

  it('changes state exactly when the last results call for it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 200 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (results, n, m) => {
          let counters = fresh;
          results.forEach((ok, i) => {
            const { next, transition } = applyCheckResult(counters, ok, {
              failuresBeforeDown: n,
              successesBeforeUp: m,
            });
            const tail = (len: number, value: boolean) =>
              i + 1 >= len && results.slice(i + 1 - len, i + 1).every((r) => r === value);
            if (transition?.to === 'down') expect(tail(n, false)).toBe(true);
            if (transition?.to === 'up') expect(tail(m, true)).toBe(true);
            // Down is entered only from another state, never twice in a row.
            if (transition) expect(transition.from).not.toBe(transition.to);
            // Once down, it stays down until M successes in a row.
            if (counters.state === 'down' && !tail(m, true)) expect(next.state).toBe('down');
            if (counters.state === 'up' && !tail(n, false)) expect(next.state).toBe('up');
            counters = next;
          });
        },
      ),
    );
  });
});

describe('check schedule', () => {
  it('spreads monitors over the interval and never drifts (property)', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.integer({ min: 10, max: 86_400 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (id, interval, now) => {
          const phase = phaseFor(id, interval);
          expect(phase).toBeGreaterThanOrEqual(0);
          expect(phase).toBeLessThan(interval * 1000);
          const next = nextCheckAfter(now, interval, phase);
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(interval * 1000);
          expect((((next.getTime() - phase) % (interval * 1000)) + interval * 1000) % (interval * 1000)).toBe(0);
        },
      ),
    );
  });

  it('puts 2,000 monitors at 60 s into every second of the minute', () => {
    const perSecond = new Array<number>(60).fill(0);
    for (let i = 0; i < 2000; i++) perSecond[Math.floor(phaseFor(crypto.randomUUID(), 60) / 1000)]!++;
    expect(Math.max(...perSecond)).toBeLessThan(80);
    expect(Math.min(...perSecond)).toBeGreaterThan(5);
  });
});

describe('targets, JSON paths and heartbeats', () => {
  it('checks targets per kind and allows internal addresses', () => {
    expect(targetProblem('http', 'http://10.0.0.1:8080/health')).toBeNull();
    expect(targetProblem('http', 'ftp://example.com')).not.toBeNull();
    expect(targetProblem('tcp', '127.0.0.1:5432')).toBeNull();
    expect(targetProblem('tls', 'example.com')).not.toBeNull();
    expect(targetProblem('dns', 'example.com')).toBeNull();
    expect(targetProblem('heartbeat', '', 3600)).toBeNull();
    expect(targetProblem('heartbeat', '', null)).not.toBeNull();
    expect(parseHostPort('[::1]:443')).toEqual({ host: '::1', port: 443 });
    expect(parseHostPort('host:70000')).toBeNull();
  });

  it('reads JSON paths', () => {
    const doc = { status: 'ok', checks: [{ ok: true }], n: 3 };
    expect(readJsonPath(doc, '$.status')).toBe('ok');
    expect(readJsonPath(doc, '$.checks[0].ok')).toBe('true');
    expect(readJsonPath(doc, '$.n')).toBe('3');
    expect(readJsonPath(doc, '$.missing')).toBeUndefined();
    expect(readJsonPath(doc, '$.checks[3].ok')).toBeUndefined();
  });

  it('fails a heartbeat on silence longer than its period or a reported failure', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const at = (s: number) => new Date(since.getTime() + s * 1000);
    const base = { lastHeartbeatAt: null, lastHeartbeatFailed: false, periodSeconds: 60, since };
    expect(heartbeatVerdict(base, at(30)).ok).toBe(true);
    expect(heartbeatVerdict(base, at(61)).ok).toBe(false);
    expect(heartbeatVerdict({ ...base, lastHeartbeatAt: at(50) }, at(100)).ok).toBe(true);
    expect(heartbeatVerdict({ ...base, lastHeartbeatAt: at(50), lastHeartbeatFailed: true }, at(51)).ok).toBe(false);
  });
});
