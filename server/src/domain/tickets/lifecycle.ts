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

/**
 * Automatic closing of resolved tickets the customer neither confirms nor reopens. The SLA work decides when
 * (N working days after resolvedAt on the contract's calendar) and then calls the auto-close-ticket service; this
 * is the rule that service applies: only a ticket that is still resolved, since the very resolution the deadline
 * was computed from, closes. A ticket reopened and resolved again meanwhile waits for its own deadline.
 */
export function mayAutoClose(input: {
  statusKind: StatusKind;
  resolvedAt: Date | null;
  /** The resolution the deadline was computed from. */
  resolvedSince: Date;
  dueAt: Date;
  now: Date;
}): boolean {
  return (
    input.statusKind === 'resolved' &&
    input.resolvedAt !== null &&
    input.resolvedAt.getTime() === input.resolvedSince.getTime() &&
    input.now.getTime() >= input.dueAt.getTime()
  );
}
