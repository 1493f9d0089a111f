import { describe, expect, it } from 'vitest';
import { type PriorityCell, priorityFor } from './priority.ts';

const matrix: PriorityCell[] = [
  { urgency: 'high', impact: 'high', priority: 'P1' },
  { urgency: 'high', impact: 'normal', priority: 'P2' },
  { urgency: 'normal', impact: 'low', priority: 'P4' },
];

describe('priorityFor', () => {
  it('looks the priority up in the urgency × impact matrix', () => {
    expect(priorityFor(matrix, 'high', 'high')).toBe('P1');
    expect(priorityFor(matrix, 'high', 'normal')).toBe('P2');
    expect(priorityFor(matrix, 'normal', 'low')).toBe('P4');
  });
  it('refuses a matrix without the cell rather than guessing', () => {
    expect(() => priorityFor(matrix, 'low', 'low')).toThrow(/no cell/);
  });
});
