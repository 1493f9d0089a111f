import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.ts';
import {
  ContractTerms,
  DEFAULT_AUTO_CLOSE_WORKING_DAYS,
  DEFAULT_EFFORT_THRESHOLD_MINUTES,
  nextVersion,
  versionAt,
} from './contracts.ts';

const at = (iso: string) => new Date(iso);
const v = (version: number, effectiveFrom: string) => ({ version, effectiveFrom: at(effectiveFrom) });

describe('versionAt', () => {
  const versions = [
    v(1, '2026-01-01T00:00:00Z'),
    v(3, '2026-07-01T00:00:00Z'),
    v(2, '2026-03-01T00:00:00Z'),
    v(4, '2027-01-01T00:00:00Z'),
  ];

  it('picks the version with the latest start at or before the instant, whatever the order given', () => {
    expect(versionAt(versions, at('2026-02-15T12:00:00Z'))?.version).toBe(1);
    expect(versionAt(versions, at('2026-05-01T00:00:00Z'))?.version).toBe(2);
    expect(versionAt(versions, at('2026-12-31T23:59:59Z'))?.version).toBe(3);
    expect(versionAt(versions, at('2030-01-01T00:00:00Z'))?.version).toBe(4);
  });

  it('counts a version as in force from its very instant', () => {
    expect(versionAt(versions, at('2026-03-01T00:00:00Z'))?.version).toBe(2);
    expect(versionAt(versions, at('2026-02-28T23:59:59.999Z'))?.version).toBe(1);
  });

  it('gives nothing before the first version, and for no versions', () => {
    expect(versionAt(versions, at('2025-12-31T23:59:59Z'))).toBeUndefined();
    expect(versionAt([], at('2026-05-01T00:00:00Z'))).toBeUndefined();
  });

  it('breaks a tie of the same instant by the higher version number', () => {
    const tied = [v(2, '2026-03-01T00:00:00Z'), v(3, '2026-03-01T00:00:00Z'), v(1, '2026-01-01T00:00:00Z')];
    expect(versionAt(tied, at('2026-03-01T00:00:00Z'))?.version).toBe(3);
    expect(versionAt([...tied].reverse(), at('2026-04-01T00:00:00Z'))?.version).toBe(3);
  });

  it('returns the caller’s own object', () => {
    const rich = [{ ...v(1, '2026-01-01T00:00:00Z'), id: 'a' }];
    expect(versionAt(rich, at('2026-02-01T00:00:00Z'))).toBe(rich[0]);
  });
});

describe('nextVersion', () => {
  it('numbers the first version 1 and each next one after the latest', () => {
    expect(nextVersion(undefined, at('2026-01-01T00:00:00Z'))).toEqual(v(1, '2026-01-01T00:00:00Z'));
    expect(nextVersion(v(4, '2026-01-01T00:00:00Z'), at('2026-02-01T00:00:00Z'))).toEqual(v(5, '2026-02-01T00:00:00Z'));
  });

  it('lets a version take effect at the same instant as the latest, and refuses an earlier one', () => {
    expect(nextVersion(v(2, '2026-03-01T00:00:00Z'), at('2026-03-01T00:00:00Z')).version).toBe(3);
    let error: unknown;
    try {
      nextVersion(v(2, '2026-03-01T00:00:00Z'), at('2026-02-28T23:59:00Z'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
  });
});

describe('ContractTerms', () => {
  const matrix = (['high', 'normal', 'low'] as const).flatMap((urgency) =>
    (['high', 'normal', 'low'] as const).map((impact) => ({ urgency, impact, priority: 'P3' as const })),
  );
  const target = { firstResponseMinutes: 60, resolutionMinutes: 480 };
  const base = {
    calendarId: '6a1f4a4e-2b1c-4f5e-9a7d-0c3b2a1d4e5f',
    matrix,
    targets: { P1: target, P2: target, P3: target, P4: target },
  };

  it('fills in the documented defaults', () => {
    const terms = ContractTerms.parse(base);
    expect(terms.pausing).toEqual({
      firstResponse: ['waiting_customer'],
      resolution: ['waiting_customer', 'scheduled'],
      update: ['waiting_customer'],
    });
    expect(terms.warnings).toEqual({ percentOfTarget: [75], minutesBeforeDue: [] });
    expect(terms.effortThresholdMinutes).toBe(DEFAULT_EFFORT_THRESHOLD_MINUTES);
    expect(terms.effortThresholdMinutes).toBe(240);
    expect(terms.autoCloseWorkingDays).toBe(DEFAULT_AUTO_CLOSE_WORKING_DAYS);
    expect(terms.autoCloseWorkingDays).toBe(1);
  });

  it('keeps the defaults of the clocks a partial pausing leaves out, and sorts warnings', () => {
    const terms = ContractTerms.parse({
      ...base,
      pausing: { resolution: ['waiting_customer', 'waiting_provider'] },
      warnings: { percentOfTarget: [90, 50], minutesBeforeDue: [60, 15] },
    });
    expect(terms.pausing).toEqual({
      firstResponse: ['waiting_customer'],
      resolution: ['waiting_customer', 'waiting_provider'],
      update: ['waiting_customer'],
    });
    expect(terms.warnings).toEqual({ percentOfTarget: [50, 90], minutesBeforeDue: [15, 60] });
  });

  it('refuses resolved and closed as pauses, a first response due after the resolution, and a partial matrix', () => {
    expect(ContractTerms.safeParse({ ...base, pausing: { resolution: ['resolved'] } }).success).toBe(false);
    expect(ContractTerms.safeParse({ ...base, pausing: { update: ['closed'] } }).success).toBe(false);
    const late = { firstResponseMinutes: 600, resolutionMinutes: 480 };
    expect(ContractTerms.safeParse({ ...base, targets: { ...base.targets, P2: late } }).success).toBe(false);
    expect(ContractTerms.safeParse({ ...base, matrix: matrix.slice(1) }).success).toBe(false);
    const { P4: _left, ...three } = base.targets;
    expect(ContractTerms.safeParse({ ...base, targets: three }).success).toBe(false);
  });
});
