export type MonitorStateName = 'up' | 'down' | 'pending' | 'paused';

export type MonitorCounters = {
  state: MonitorStateName;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
};

export type Thresholds = { failuresBeforeDown: number; successesBeforeUp: number };

/** `down` and `up` carry the effects (ticket, component, status incident); `up` from pending is only the first news. */
export type Transition = { from: MonitorStateName; to: 'up' | 'down' } | null;

/**
 * One check's result applied to a monitor: the state changes only after `failuresBeforeDown` failures in a row
 * (to down) and, once down, after `successesBeforeUp` successes in a row (back up). A new monitor is pending until
 * it has either. A paused monitor ignores results (a check that was already running when it was paused).
 */
export function applyCheckResult(
  current: MonitorCounters,
  ok: boolean,
  thresholds: Thresholds,
): { next: MonitorCounters; transition: Transition } {
  if (current.state === 'paused') return { next: current, transition: null };
  const consecutiveFailures = ok ? 0 : current.consecutiveFailures + 1;
  const consecutiveSuccesses = ok ? current.consecutiveSuccesses + 1 : 0;
  let state = current.state;
  if (state !== 'down' && consecutiveFailures >= thresholds.failuresBeforeDown) state = 'down';
  else if (state !== 'up' && consecutiveSuccesses >= thresholds.successesBeforeUp) state = 'up';
  const transition: Transition = state === current.state ? null : { from: current.state, to: state as 'up' | 'down' };
  return { next: { state, consecutiveFailures, consecutiveSuccesses }, transition };
}
