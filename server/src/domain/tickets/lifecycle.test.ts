import { describe, expect, it } from 'vitest';
import { decideReopen, mayAutoClose, stampsForTransition } from './lifecycle.ts';

const DAY = 86_400_000;
const closedAt = new Date('2026-03-01T12:00:00Z');

describe('decideReopen', () => {
  it('reopens a resolved ticket', () => {
    expect(decideReopen({ statusKind: 'resolved', closedAt: null, now: closedAt, reopenWindowDays: 14 })).toBe(
      'reopen',
    );
  });

  it('reopens a closed ticket up to and including the last moment of the window', () => {
    const now = new Date(closedAt.getTime() + 14 * DAY);
    expect(decideReopen({ statusKind: 'closed', closedAt, now, reopenWindowDays: 14 })).toBe('reopen');
  });

  it('opens a follow-up once the window has passed', () => {
    const now = new Date(closedAt.getTime() + 14 * DAY + 1);
    expect(decideReopen({ statusKind: 'closed', closedAt, now, reopenWindowDays: 14 })).toBe('follow_up');
  });

  it('has nothing to reopen on an open ticket', () => {
    for (const statusKind of ['new', 'open', 'waiting_customer', 'waiting_provider', 'scheduled'] as const) {
      expect(decideReopen({ statusKind, closedAt: null, now: closedAt, reopenWindowDays: 14 })).toBe('not_reopenable');
    }
  });

  it('with a window of 0 days sends every reopen of a closed ticket to a follow-up after the instant of closing', () => {
    const now = new Date(closedAt.getTime() + 1000);
    expect(decideReopen({ statusKind: 'closed', closedAt, now, reopenWindowDays: 0 })).toBe('follow_up');
  });
});

describe('stampsForTransition', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  it('stamps resolvedAt on resolving and closedAt on closing', () => {
    expect(stampsForTransition('open', 'resolved', now)).toEqual({ resolvedAt: now });
    expect(stampsForTransition('resolved', 'closed', now)).toEqual({ closedAt: now });
  });
  it('clears both when a ticket goes back to an open kind', () => {
    expect(stampsForTransition('resolved', 'open', now)).toEqual({ resolvedAt: null, closedAt: null });
    expect(stampsForTransition('closed', 'new', now)).toEqual({ resolvedAt: null, closedAt: null });
  });
  it('leaves the stamps alone between open kinds', () => {
    expect(stampsForTransition('open', 'waiting_customer', now)).toEqual({});
  });
});

describe('mayAutoClose', () => {
  const resolvedAt = closedAt;
  const dueAt = new Date(resolvedAt.getTime() + 5 * DAY);
  const after = (days: number) => new Date(resolvedAt.getTime() + days * DAY);

  it('closes a ticket still resolved since the same resolution once the period has passed', () => {
    expect(mayAutoClose({ statusKind: 'resolved', resolvedAt, resolvedSince: resolvedAt, dueAt, now: dueAt })).toBe(
      true,
    );
    expect(mayAutoClose({ statusKind: 'resolved', resolvedAt, resolvedSince: resolvedAt, dueAt, now: after(4) })).toBe(
      false,
    );
  });

  it('leaves a ticket that was reopened, or resolved again later, alone', () => {
    expect(
      mayAutoClose({ statusKind: 'open', resolvedAt: null, resolvedSince: resolvedAt, dueAt, now: after(6) }),
    ).toBe(false);
    expect(
      mayAutoClose({ statusKind: 'resolved', resolvedAt: after(3), resolvedSince: resolvedAt, dueAt, now: after(6) }),
    ).toBe(false);
  });
});
