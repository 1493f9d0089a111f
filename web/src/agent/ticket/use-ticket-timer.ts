import { useCallback, useEffect, useState } from 'react';
import { elapsedMs, IDLE_TIMER, pauseTimer, readTimer, startTimer, type TimerState, writeTimer } from './timer.ts';

/** The ticket's work timer, kept in localStorage (survives reloads; other tabs follow through the storage event). */
export function useTicketTimer(ticketId: string) {
  const [state, setState] = useState<TimerState>(() => readTimer(window.localStorage, ticketId));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    setState(readTimer(window.localStorage, ticketId));
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key.endsWith(ticketId)) setState(readTimer(window.localStorage, ticketId));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [ticketId]);

  useEffect(() => {
    if (state.runningSince === null) return;
    const interval = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(interval);
  }, [state.runningSince]);

  const update = useCallback(
    (next: (s: TimerState, at: number) => TimerState) => {
      const at = Date.now();
      setNow(at);
      setState((current) => {
        const value = next(current, at);
        writeTimer(window.localStorage, ticketId, value);
        return value;
      });
    },
    [ticketId],
  );

  return {
    state,
    isRunning: state.runningSince !== null,
    elapsedMs: elapsedMs(state, now),
    start: () => update(startTimer),
    pause: () => update(pauseTimer),
    reset: () => update(() => IDLE_TIMER),
  };
}
