import {
  CalendarId,
  ContractMatrix,
  ContractPausingInput,
  ContractTargets,
  ContractWarningsInput,
  type PausingKind,
} from '@loket/contract';
import { z } from 'zod';
import { conflict } from '../app-error.ts';

/**
 * Which status kinds pause which clock when a contract does not say. Waiting for the customer pauses every clock;
 * a scheduled ticket (planned work, waiting for a deploy) pauses resolution only, since the customer still deserves
 * a first response and updates. Resolved is no pause: it stops the resolution clock (a reopen resumes it), and
 * closed ends every clock.
 */
export const DEFAULT_PAUSING: { firstResponse: PausingKind[]; resolution: PausingKind[]; update: PausingKind[] } = {
  firstResponse: ['waiting_customer'],
  resolution: ['waiting_customer', 'scheduled'],
  update: ['waiting_customer'],
};
/** Warn when three quarters of a target is used. */
export const DEFAULT_WARNINGS = { percentOfTarget: [75], minutesBeforeDue: [] as number[] };
/** Four working hours of logged work on one ticket: time to call the customer (once). */
export const DEFAULT_EFFORT_THRESHOLD_MINUTES = 240;
/** A resolved ticket closes itself after one working day on the customer's calendar. */
export const DEFAULT_AUTO_CLOSE_WORKING_DAYS = 1;

const ascending = (list: readonly number[]) => [...list].sort((a, b) => a - b);

/**
 * The terms of one contract version as stored, with the defaults filled in. The matrix has no default here: the
 * service copies the desk's priority matrix when a version leaves it out.
 */
export const ContractTerms = z.object({
  calendarId: CalendarId,
  matrix: ContractMatrix,
  targets: ContractTargets,
  pausing: ContractPausingInput.optional().transform((p) => ({
    firstResponse: p?.firstResponse ?? DEFAULT_PAUSING.firstResponse,
    resolution: p?.resolution ?? DEFAULT_PAUSING.resolution,
    update: p?.update ?? DEFAULT_PAUSING.update,
  })),
  warnings: ContractWarningsInput.optional().transform((w) => ({
    percentOfTarget: ascending(w?.percentOfTarget ?? DEFAULT_WARNINGS.percentOfTarget),
    minutesBeforeDue: ascending(w?.minutesBeforeDue ?? DEFAULT_WARNINGS.minutesBeforeDue),
  })),
  effortThresholdMinutes: z.number().int().min(1).default(DEFAULT_EFFORT_THRESHOLD_MINUTES),
  autoCloseWorkingDays: z.number().int().min(1).default(DEFAULT_AUTO_CLOSE_WORKING_DAYS),
});
export type ContractTerms = z.infer<typeof ContractTerms>;
export type ContractTermsInput = z.input<typeof ContractTerms>;

/** A version as far as choosing one goes. */
export type VersionStamp = { version: number; effectiveFrom: Date };

/**
 * The version in force at an instant: the latest `effectiveFrom` at or before it; of versions effective at the same
 * instant the highest number wins, as the later word on the same moment. Before the first version: undefined.
 */
export function versionAt<V extends VersionStamp>(versions: readonly V[], at: Date): V | undefined {
  const t = at.getTime();
  let best: V | undefined;
  for (const v of versions) {
    const from = v.effectiveFrom.getTime();
    if (from > t) continue;
    const bestFrom = best?.effectiveFrom.getTime();
    if (best === undefined || from > bestFrom! || (from === bestFrom && v.version > best.version)) best = v;
  }
  return best;
}

/**
 * The number and start of the version after `latest`. Versions only move forward: one may take effect at the same
 * instant as the latest (and then supersedes it, having the higher number) or later, never earlier, so the versions'
 * order by number is their order in time and history already measured under one version is not rewritten by
 * slipping another in before it.
 */
export function nextVersion(latest: VersionStamp | undefined, effectiveFrom: Date): VersionStamp {
  if (!latest) return { version: 1, effectiveFrom };
  if (effectiveFrom.getTime() < latest.effectiveFrom.getTime()) {
    throw conflict(
      `A new version cannot take effect before version ${latest.version} (${latest.effectiveFrom.toISOString()})`,
    );
  }
  return { version: latest.version + 1, effectiveFrom };
}
