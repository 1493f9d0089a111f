// A work timer per ticket, kept in localStorage so that it survives a reload (or a second tab): the start instant of
// the running stretch and the milliseconds of earlier stretches. Pure functions of the state and `now`.

export type TimerState = { runningSince: number | null; accumulatedMs: number };

export const IDLE_TIMER: TimerState = { runningSince: null, accumulatedMs: 0 };

export const timerKey = (ticketId: string) => `loket.ticket-timer.${ticketId}`;

/** The stored timer, or an idle one when nothing (or something unreadable) is stored. */
export function readTimer(storage: Pick<Storage, 'getItem'>, ticketId: string): TimerState {
  try {
    const raw = storage.getItem(timerKey(ticketId));
    if (!raw) return IDLE_TIMER;
    const value = JSON.parse(raw) as Partial<TimerState>;
    const runningSince = typeof value.runningSince === 'number' ? value.runningSince : null;
    const accumulatedMs = typeof value.accumulatedMs === 'number' && value.accumulatedMs >= 0 ? value.accumulatedMs : 0;
    return { runningSince, accumulatedMs };
  } catch {
    return IDLE_TIMER;
  }
}

export function writeTimer(storage: Pick<Storage, 'setItem' | 'removeItem'>, ticketId: string, state: TimerState) {
  if (state.runningSince === null && state.accumulatedMs === 0) storage.removeItem(timerKey(ticketId));
  else storage.setItem(timerKey(ticketId), JSON.stringify(state));
}

export const startTimer = (state: TimerState, now: number): TimerState =>
  state.runningSince === null ? { ...state, runningSince: now } : state;

export const pauseTimer = (state: TimerState, now: number): TimerState =>
  state.runningSince === null
    ? state
    : { runningSince: null, accumulatedMs: state.accumulatedMs + Math.max(0, now - state.runningSince) };

export const elapsedMs = (state: TimerState, now: number): number =>
  state.accumulatedMs + (state.runningSince === null ? 0 : Math.max(0, now - state.runningSince));

/** The minutes to log for the timer: whole minutes, rounded up (a started minute counts), at least 1. */
export const timerMinutes = (state: TimerState, now: number): number =>
  Math.max(1, Math.ceil(elapsedMs(state, now) / 60_000));

/** `1:05:09` / `5:09`: a running clock's face. */
export function clockFace(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
