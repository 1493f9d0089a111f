import type { Level, Priority } from '@loket/contract';

export type PriorityCell = { urgency: Level; impact: Level; priority: Priority };

/** Priority is looked up in the urgency × impact matrix; a matrix without the cell is a configuration error. */
export function priorityFor(matrix: readonly PriorityCell[], urgency: Level, impact: Level): Priority {
  const cell = matrix.find((c) => c.urgency === urgency && c.impact === impact);
  if (!cell) throw new Error(`priority matrix has no cell for urgency ${urgency} × impact ${impact}`);
  return cell.priority;
}

/**
 * The priority after an update. An agent's explicit priority overrides the matrix; otherwise urgency and impact
 * decide, unless an earlier override stands: a customer adjusting urgency must not undo an agent's decision.
 */
export function nextPriority(
  matrix: readonly PriorityCell[],
  current: { urgency: Level; impact: Level; priority: Priority; priorityOverridden: boolean },
  change: { urgency?: Level | undefined; impact?: Level | undefined; override?: Priority | undefined },
): { priority: Priority; priorityOverridden: boolean } {
  if (change.override) return { priority: change.override, priorityOverridden: true };
  if (current.priorityOverridden) return { priority: current.priority, priorityOverridden: true };
  return {
    priority: priorityFor(matrix, change.urgency ?? current.urgency, change.impact ?? current.impact),
    priorityOverridden: false,
  };
}
