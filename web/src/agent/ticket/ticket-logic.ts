import type { Level, Priority, Status, TicketEvent } from '@loket/contract';

// The ticket page's small rules, kept pure so they are tested without a browser.

/** The priority the matrix gives for urgency × impact; null when the matrix (not loaded yet) has no such cell. */
export function matrixPriority(
  cells: readonly { urgency: Level; impact: Level; priority: Priority }[] | undefined,
  urgency: Level,
  impact: Level,
): Priority | null {
  return cells?.find((c) => c.urgency === urgency && c.impact === impact)?.priority ?? null;
}

/** The statuses a ticket in `currentId` may move to, active ones only, in their configured order. */
export function allowedNextStatuses(statuses: readonly Status[], currentId: string): Status[] {
  const current = statuses.find((s) => s.id === currentId);
  if (!current) return [];
  const allowed = new Set<string>(current.transitionsTo);
  return statuses.filter((s) => allowed.has(s.id) && s.isActive).sort((a, b) => a.position - b.position);
}

/** Names for the ids and keys history events hold (status keys, group, person and category ids). */
export type HistoryLookups = {
  status: (key: string) => string | undefined;
  group: (id: string) => string | undefined;
  person: (id: string) => string | undefined;
  category: (id: string) => string | undefined;
};

/** One change of a history event as text: the value's name where it is a reference, else the value itself. */
export function changeValue(field: string, value: unknown, lookups: HistoryLookups): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  switch (field) {
    case 'status':
      return lookups.status(text) ?? text;
    case 'groupId':
      return lookups.group(text) ?? text;
    case 'assigneeId':
    case 'requesterId':
      return lookups.person(text) ?? text;
    case 'categoryId':
      return lookups.category(text) ?? text;
    default:
      return text;
  }
}

/** The history fields worth showing to an agent (bookkeeping fields such as the contract version are left out). */
export const visibleChanges = (event: TicketEvent) =>
  event.changes.filter((c) => !['contractVersionId', 'priorityOverridden', 'version'].includes(c.field) && c.field);

/** Totals of logged time against the estimate. */
export function timeTotals(input: { totalMinutes: number; billableMinutes: number; estimateMinutes: number | null }) {
  const nonBillableMinutes = input.totalMinutes - input.billableMinutes;
  const percentOfEstimate =
    input.estimateMinutes && input.estimateMinutes > 0
      ? Math.round((input.totalMinutes / input.estimateMinutes) * 100)
      : null;
  return {
    ...input,
    nonBillableMinutes,
    percentOfEstimate,
    overEstimate: percentOfEstimate !== null && percentOfEstimate > 100,
  };
}
