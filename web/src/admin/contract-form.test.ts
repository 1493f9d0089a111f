import type { ContractVersion } from '@loket/contract';
import { describe, expect, it } from 'vitest';
import { defaultVersionForm, numberList, versionFormFrom, versionInputFrom } from './contract-form.ts';

describe('contract version form', () => {
  it('sends the targets, leaving out an empty update target, and "now" when no start is given', () => {
    const form = { ...defaultVersionForm(), calendarId: 'cal_1', warningPercents: '75, 90', warningMinutes: '' };
    form.targets.P1 = { firstResponseMinutes: 30, resolutionMinutes: 240, updateMinutes: 60 };
    const input = versionInputFrom(form, 'Europe/Amsterdam');
    expect(input.effectiveFrom).toBeUndefined();
    expect(input.targets.P1).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 240, updateMinutes: 60 });
    expect(input.targets.P2).toEqual({ firstResponseMinutes: 240, resolutionMinutes: 1440 });
    expect(input.warnings).toEqual({ percentOfTarget: [75, 90], minutesBeforeDue: [] });
  });

  it("reads the start in the viewer's zone", () => {
    const form = { ...defaultVersionForm(), calendarId: 'cal_1', effectiveFrom: '2027-01-01T00:00' };
    expect(versionInputFrom(form, 'Europe/Amsterdam').effectiveFrom).toBe('2026-12-31T23:00:00.000Z');
  });

  it('starts a new version from the terms of an existing one', () => {
    const version = {
      calendarId: 'cal_9',
      matrix: defaultVersionForm().matrix,
      targets: {
        P1: { firstResponseMinutes: 1, resolutionMinutes: 2 },
        P2: { firstResponseMinutes: 3, resolutionMinutes: 4, updateMinutes: 5 },
        P3: { firstResponseMinutes: 6, resolutionMinutes: 7 },
        P4: { firstResponseMinutes: 8, resolutionMinutes: 9 },
      },
      pausing: { firstResponse: ['waiting_customer'], resolution: [], update: [] },
      warnings: { percentOfTarget: [50], minutesBeforeDue: [30, 10] },
      effortThresholdMinutes: 120,
      autoCloseWorkingDays: 3,
    } as unknown as ContractVersion;
    const form = versionFormFrom(version);
    expect(form.effectiveFrom).toBe('');
    expect(form.targets.P1.updateMinutes).toBe('');
    expect(form.warningMinutes).toBe('30, 10');
    expect(versionInputFrom(form, 'UTC').targets).toEqual(version.targets);
  });

  it('passes what is not a number on as NaN for the server to refuse', () => {
    expect(numberList('75; 90 x')).toEqual([75, 90, NaN]);
  });
});
