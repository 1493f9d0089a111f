import type { Status, TicketEvent } from '@loket/contract';
import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, changeValue, matrixPriority, timeTotals, visibleChanges } from './ticket-logic.ts';

const status = (id: string, transitionsTo: string[], extra: Partial<Status> = {}): Status =>
  ({
    id,
    key: id,
    name: id,
    kind: 'open',
    translations: {},
    position: 0,
    isActive: true,
    transitionsTo,
    ...extra,
  }) as Status;

describe('ticket page rules', () => {
  it('looks the priority up in the matrix', () => {
    const cells = [{ urgency: 'high', impact: 'high', priority: 'P1' }] as const;
    expect(matrixPriority(cells, 'high', 'high')).toBe('P1');
    expect(matrixPriority(cells, 'low', 'high')).toBeNull();
    expect(matrixPriority(undefined, 'low', 'high')).toBeNull();
  });

  it('offers only the allowed, active transitions in their order', () => {
    const statuses = [
      status('open', ['resolved', 'hold', 'old']),
      status('resolved', [], { position: 2 }),
      status('hold', [], { position: 1 }),
      status('old', [], { isActive: false }),
    ];
    expect(allowedNextStatuses(statuses, 'open').map((s) => s.id)).toEqual(['hold', 'resolved']);
    expect(allowedNextStatuses(statuses, 'missing')).toEqual([]);
  });

  it('names the references a history change holds', () => {
    const lookups = {
      status: (k: string) => (k === 'open' ? 'Open' : undefined),
      group: () => 'First line',
      person: () => undefined,
      category: () => undefined,
    };
    expect(changeValue('status', 'open', lookups)).toBe('Open');
    expect(changeValue('groupId', 'g1', lookups)).toBe('First line');
    expect(changeValue('assigneeId', 'p1', lookups)).toBe('p1');
    expect(changeValue('assigneeId', null, lookups)).toBeNull();
    expect(changeValue('estimateMinutes', 90, lookups)).toBe('90');
  });

  it('leaves bookkeeping fields out of the history', () => {
    const event = {
      changes: [
        { field: 'priority', from: 'P3', to: 'P1' },
        { field: 'contractVersionId', from: null, to: 'x' },
      ],
    } as TicketEvent;
    expect(visibleChanges(event).map((c) => c.field)).toEqual(['priority']);
  });

  it('totals logged time against the estimate', () => {
    expect(timeTotals({ totalMinutes: 90, billableMinutes: 60, estimateMinutes: 60 })).toMatchObject({
      nonBillableMinutes: 30,
      percentOfEstimate: 150,
      overEstimate: true,
    });
    expect(timeTotals({ totalMinutes: 0, billableMinutes: 0, estimateMinutes: null }).percentOfEstimate).toBeNull();
  });
});
