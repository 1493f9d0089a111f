import type { Clock } from '../src/domain/clock.ts';

export type FakeClock = Clock & { set(at: Date | string): void; advance(ms: number): void };

/** A clock tests move by hand. */
export function fakeClock(start: Date | string = '2026-03-02T09:00:00Z'): FakeClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (at) => {
      now = new Date(at);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
