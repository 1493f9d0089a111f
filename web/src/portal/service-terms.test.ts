import type { ServiceTerms } from '@loket/contract';
import { describe, expect, it } from 'vitest';
import { priorityFor, responseDue, targetsFor } from './service-terms.ts';

const terms: ServiceTerms = {
  contract: { timeZone: 'Europe/Amsterdam' },
  matrix: [
    { urgency: 'high', impact: 'high', priority: 'P1' },
    { urgency: 'high', impact: 'low', priority: 'P3' },
    { urgency: 'low', impact: 'low', priority: 'P4' },
  ],
  targets: {
    P1: { firstResponseMinutes: 60, resolutionMinutes: 240 },
    P2: { firstResponseMinutes: 120, resolutionMinutes: 480 },
    P3: { firstResponseMinutes: 240, resolutionMinutes: 960 },
    P4: { firstResponseMinutes: 480, resolutionMinutes: 2400 },
  },
};

describe('service terms', () => {
  it('looks the priority up in the matrix by urgency and impact', () => {
    expect(priorityFor(terms, 'high', 'high')).toBe('P1');
    expect(priorityFor(terms, 'high', 'low')).toBe('P3');
    expect(priorityFor(terms, 'normal', 'normal')).toBeUndefined();
  });

  it("gives the priority's targets, or none without a contract", () => {
    expect(targetsFor(terms, 'P3')).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 960 });
    expect(targetsFor({ targets: null }, 'P3')).toBeNull();
    expect(targetsFor(terms, undefined)).toBeNull();
  });

  it('shows the first response while it is awaited, then the resolution', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const sla = {
      firstResponseDueAt: '2026-11-20T12:00:00Z',
      resolutionDueAt: '2026-11-21T12:00:00Z',
      breached: false,
    };
    expect(responseDue(sla, now)).toEqual({ kind: 'response', at: sla.firstResponseDueAt, overdue: false });
    expect(responseDue({ ...sla, firstResponseDueAt: null }, now)).toMatchObject({ kind: 'resolution' });
    expect(responseDue({ ...sla, firstResponseDueAt: '2026-11-20T09:00:00Z' }, now)?.overdue).toBe(true);
    expect(responseDue({ firstResponseDueAt: null, resolutionDueAt: null, breached: false }, now)).toBeNull();
    expect(responseDue(null, now)).toBeNull();
  });
});
