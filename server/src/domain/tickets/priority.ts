import type { Level, Priority } from '@loket/contract';

export type PriorityCell = { urgency: Level; impact: Level; priority: Priority };

/** Priority is looked up in the urgency × impact matrix; a matrix without the cell is a configuration error. */
export function priorityFor(matrix: readonly PriorityCell[], urgency: Level, impact: Level): Priority {
  const cell = matrix.find((c) => c.urgency === urgency && c.impact === impact);
  if (!cell) throw new Error(`priority matrix has no cell for urgency ${urgency} × impact ${impact}`);
  return cell.priority;
}
