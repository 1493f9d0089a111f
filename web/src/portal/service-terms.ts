import type { Level, Priority, ServiceTerms } from '@loket/contract';

/** The priority a ticket gets from the contract's matrix for an urgency and impact; undefined if the cell is missing. */
export function priorityFor(terms: Pick<ServiceTerms, 'matrix'>, urgency: Level, impact: Level): Priority | undefined {
  return terms.matrix.find((cell) => cell.urgency === urgency && cell.impact === impact)?.priority;
}

/** The targets in business minutes for a priority, or null when the organisation has no contract with targets. */
export function targetsFor(terms: Pick<ServiceTerms, 'targets'>, priority: Priority | undefined) {
  if (!priority || !terms.targets) return null;
  return terms.targets[priority] ?? null;
}

/**
 * The deadline a customer should see for a ticket: the first response while it is awaited, else the resolution,
 * else none. `overdue` once the instant has passed (or a clock is breached).
 */
export function responseDue(
  sla: { firstResponseDueAt: string | null; resolutionDueAt: string | null; breached: boolean } | null | undefined,
  now: Date,
): { kind: 'response' | 'resolution'; at: string; overdue: boolean } | null {
  if (!sla) return null;
  const [kind, at] = sla.firstResponseDueAt
    ? (['response', sla.firstResponseDueAt] as const)
    : sla.resolutionDueAt
      ? (['resolution', sla.resolutionDueAt] as const)
      : [null, null];
  if (!kind || !at) return null;
  return { kind, at, overdue: new Date(at).getTime() < now.getTime() };
}
