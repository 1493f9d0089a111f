import type { ContractVersion, ContractVersionInput, Level, PausingKind, Priority } from '@loket/contract';
import { zonedToInstant } from './calendar-form.ts';

// The contract version form: the terms as the inputs hold them, and back to the API's ContractVersionInput.

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const satisfies readonly Priority[];
export const LEVELS = ['high', 'normal', 'low'] as const satisfies readonly Level[];
export const PAUSING_KINDS = [
  'new',
  'open',
  'waiting_customer',
  'waiting_provider',
  'scheduled',
] as const satisfies readonly PausingKind[];
export const CLOCKS = ['firstResponse', 'resolution', 'update'] as const;

export type MatrixCell = { urgency: Level; impact: Level; priority: Priority };
export type TargetRow = { firstResponseMinutes: number; resolutionMinutes: number; updateMinutes: number | '' };

export type VersionForm = {
  /** Local `YYYY-MM-DDTHH:MM` in the viewer's zone; empty means "now". */
  effectiveFrom: string;
  calendarId: string | null;
  matrix: MatrixCell[];
  targets: Record<Priority, TargetRow>;
  pausing: Record<(typeof CLOCKS)[number], PausingKind[]>;
  /** Comma-separated numbers, as typed. */
  warningPercents: string;
  warningMinutes: string;
  effortThresholdMinutes: number;
  autoCloseWorkingDays: number;
};

export const DEFAULT_MATRIX: MatrixCell[] = [
  { urgency: 'high', impact: 'high', priority: 'P1' },
  { urgency: 'high', impact: 'normal', priority: 'P2' },
  { urgency: 'high', impact: 'low', priority: 'P3' },
  { urgency: 'normal', impact: 'high', priority: 'P2' },
  { urgency: 'normal', impact: 'normal', priority: 'P3' },
  { urgency: 'normal', impact: 'low', priority: 'P4' },
  { urgency: 'low', impact: 'high', priority: 'P3' },
  { urgency: 'low', impact: 'normal', priority: 'P4' },
  { urgency: 'low', impact: 'low', priority: 'P4' },
];

const H = 60;
export function defaultVersionForm(matrix: MatrixCell[] = DEFAULT_MATRIX): VersionForm {
  return {
    effectiveFrom: '',
    calendarId: null,
    matrix,
    targets: {
      P1: { firstResponseMinutes: 2 * H, resolutionMinutes: 8 * H, updateMinutes: '' },
      P2: { firstResponseMinutes: 4 * H, resolutionMinutes: 24 * H, updateMinutes: '' },
      P3: { firstResponseMinutes: 8 * H, resolutionMinutes: 40 * H, updateMinutes: '' },
      P4: { firstResponseMinutes: 8 * H, resolutionMinutes: 80 * H, updateMinutes: '' },
    },
    pausing: {
      firstResponse: ['waiting_customer'],
      resolution: ['waiting_customer', 'scheduled'],
      update: ['waiting_customer'],
    },
    warningPercents: '75',
    warningMinutes: '',
    effortThresholdMinutes: 240,
    autoCloseWorkingDays: 1,
  };
}

/** A new version's form starts as a copy of an existing version's terms, effective "now". */
export function versionFormFrom(version: ContractVersion): VersionForm {
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => {
      const t = version.targets[p];
      return [
        p,
        {
          firstResponseMinutes: t.firstResponseMinutes,
          resolutionMinutes: t.resolutionMinutes,
          updateMinutes: t.updateMinutes ?? '',
        },
      ];
    }),
  ) as Record<Priority, TargetRow>;
  return {
    effectiveFrom: '',
    calendarId: version.calendarId,
    matrix: version.matrix.map((c) => ({ ...c })),
    targets,
    pausing: {
      firstResponse: [...version.pausing.firstResponse],
      resolution: [...version.pausing.resolution],
      update: [...version.pausing.update],
    },
    warningPercents: version.warnings.percentOfTarget.join(', '),
    warningMinutes: version.warnings.minutesBeforeDue.join(', '),
    effortThresholdMinutes: version.effortThresholdMinutes,
    autoCloseWorkingDays: version.autoCloseWorkingDays,
  };
}

/** "75, 90" → [75, 90]; anything not a number is passed on as NaN for the server to name. */
export const numberList = (text: string): number[] =>
  text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);

export function versionInputFrom(form: VersionForm, viewerZone: string): ContractVersionInput {
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => {
      const t = form.targets[p];
      return [
        p,
        {
          firstResponseMinutes: t.firstResponseMinutes,
          resolutionMinutes: t.resolutionMinutes,
          ...(t.updateMinutes !== '' ? { updateMinutes: t.updateMinutes } : {}),
        },
      ];
    }),
  ) as ContractVersionInput['targets'];
  return {
    ...(form.effectiveFrom ? { effectiveFrom: zonedToInstant(form.effectiveFrom, viewerZone).toISOString() } : {}),
    calendarId: (form.calendarId ?? '') as ContractVersionInput['calendarId'],
    matrix: form.matrix,
    targets,
    pausing: form.pausing,
    warnings: { percentOfTarget: numberList(form.warningPercents), minutesBeforeDue: numberList(form.warningMinutes) },
    effortThresholdMinutes: form.effortThresholdMinutes,
    autoCloseWorkingDays: form.autoCloseWorkingDays,
  };
}
