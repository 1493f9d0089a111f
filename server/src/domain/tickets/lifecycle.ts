import type { StatusKind } from '@loket/contract';

export type ReopenDecision = 'reopen' | 'follow_up' | 'not_reopenable';

/**
 * A resolved ticket reopens. A closed ticket reopens within the window (days since closing); after it,
 * a follow-up ticket linked to the old one is opened instead. Open tickets have nothing to reopen.
 */
export function decideReopen(input: {
  statusKind: StatusKind;
  closedAt: Date | null;
  now: Date;
  reopenWindowDays: number;
}): ReopenDecision {
  if (input.statusKind === 'resolved') return 'reopen';
  if (input.statusKind !== 'closed') return 'not_reopenable';
  if (!input.closedAt) return 'reopen';
  const windowEndsAt = input.closedAt.getTime() + input.reopenWindowDays * 86_400_000;
  return input.now.getTime() <= windowEndsAt ? 'reopen' : 'follow_up';
}

export const isOpenKind = (kind: StatusKind): boolean => kind !== 'resolved' && kind !== 'closed';

/** The instants a status change stamps on a ticket. */
export function stampsForTransition(
  from: StatusKind,
  to: StatusKind,
  now: Date,
): { resolvedAt?: Date | null; closedAt?: Date | null } {
  const stamps: { resolvedAt?: Date | null; closedAt?: Date | null } = {};
  if (to === 'resolved' && from !== 'resolved') stamps.resolvedAt = now;
  if (to === 'closed' && from !== 'closed') stamps.closedAt = now;
  if (isOpenKind(to) && !isOpenKind(from)) {
    stamps.resolvedAt = null;
    stamps.closedAt = null;
  }
  return stamps;
}
