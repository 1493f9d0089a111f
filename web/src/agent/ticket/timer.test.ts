import { describe, expect, it } from 'vitest';
import {
  clockFace,
  elapsedMs,
  IDLE_TIMER,
  pauseTimer,
  readTimer,
  startTimer,
  timerMinutes,
  writeTimer,
} from './timer.ts';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    map,
  };
}

describe('ticket timer', () => {
  it('adds up running stretches across a pause', () => {
    let state = startTimer(IDLE_TIMER, 0);
    state = pauseTimer(state, 5 * 60_000);
    state = startTimer(state, 10 * 60_000);
    expect(elapsedMs(state, 12 * 60_000)).toBe(7 * 60_000);
  });

  it('logs whole minutes, a started minute counting, at least one', () => {
    expect(timerMinutes({ runningSince: null, accumulatedMs: 0 }, 0)).toBe(1);
    expect(timerMinutes({ runningSince: null, accumulatedMs: 29 * 60_000 + 1 }, 0)).toBe(30);
  });

  it('survives a reload through storage, per ticket', () => {
    const storage = memoryStorage();
    writeTimer(storage, 'a', { runningSince: 1000, accumulatedMs: 500 });
    expect(readTimer(storage, 'a')).toEqual({ runningSince: 1000, accumulatedMs: 500 });
    expect(readTimer(storage, 'b')).toEqual(IDLE_TIMER);
    writeTimer(storage, 'a', IDLE_TIMER);
    expect(storage.map.size).toBe(0);
  });

  it('reads unreadable storage as an idle timer', () => {
    const storage = memoryStorage();
    storage.setItem('loket.ticket-timer.a', '{nope');
    expect(readTimer(storage, 'a')).toEqual(IDLE_TIMER);
  });

  it('shows a clock face', () => {
    expect(clockFace(65_000)).toBe('1:05');
    expect(clockFace(3_725_000)).toBe('1:02:05');
  });
});
