import { describe, expect, it } from 'vitest';
import { type PriorityCell, nextPriority, priorityFor } from './priority.ts';

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

describe('nextPriority', () => {
  const full: PriorityCell[] = [
    ...matrix,
    { urgency: 'normal', impact: 'normal', priority: 'P3' },
    { urgency: 'normal', impact: 'high', priority: 'P2' },
    { urgency: 'low', impact: 'low', priority: 'P4' },
  ];
  const current = { urgency: 'normal', impact: 'normal', priority: 'P3', priorityOverridden: false } as const;

  it('follows the matrix when urgency or impact change', () => {
    expect(nextPriority(full, current, { urgency: 'high' })).toEqual({ priority: 'P2', priorityOverridden: false });
    expect(nextPriority(full, current, { urgency: 'high', impact: 'high' })).toEqual({
      priority: 'P1',
      priorityOverridden: false,
    });
  });

  it('takes an explicit priority as an override', () => {
    expect(nextPriority(full, current, { override: 'P1', urgency: 'low' })).toEqual({
      priority: 'P1',
      priorityOverridden: true,
    });
  });

  it('keeps an earlier override when urgency or impact change', () => {
    const overridden = { ...current, priority: 'P1', priorityOverridden: true } as const;
    expect(nextPriority(full, overridden, { urgency: 'low', impact: 'low' })).toEqual({
      priority: 'P1',
      priorityOverridden: true,
    });
  });
});
