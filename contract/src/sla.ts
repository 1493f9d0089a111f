import { z } from 'zod';
import { Instant, Name } from './common.ts';
import { Level, Priority, StatusKind } from './enums.ts';
import { CalendarId, ContractId, ContractVersionId, OrganisationId } from './ids.ts';

/**
 * A business-hours calendar definition. Only its outline is checked here: the server validates it completely (IANA
 * zone, "HH:MM" hours that do not overlap, real dates, date-holidays countries) and lists every problem at once,
 * which a stricter schema here would cut short at the first structural one.
 */
export const CalendarDefinitionInput = z
  .record(z.string(), z.unknown())
  .describe(
    '`{"timezone": "Europe/Stockholm", "weekly": {"mon": [["08:00","17:00"]], …, "sun": []}, "holidays"?: ' +
      '[{"date": "2026-12-25", "name"?: "…"}], "overrides"?: {"2026-12-23": [["08:30","14:00"]]}, "holidaySource"?: ' +
      '{"country": "SE", "region"?: "…", "types": ["public","bank"]}, "rules"?: [{"kind": "day-before-holiday", ' +
      '"hours": [["08:30","14:00"]]}]}`',
  );
export type CalendarDefinitionInput = z.infer<typeof CalendarDefinitionInput>;

export const Calendar = z.object({
  id: CalendarId,
  name: z.string(),
  definition: CalendarDefinitionInput,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Calendar = z.infer<typeof Calendar>;
export const CalendarList = z.object({ items: z.array(Calendar) });
export type CalendarList = z.infer<typeof CalendarList>;

export const CreateCalendarInput = z.strictObject({ name: Name, definition: CalendarDefinitionInput });
export type CreateCalendarInput = z.infer<typeof CreateCalendarInput>;
export const UpdateCalendarInput = z.strictObject({
  name: Name.optional(),
  definition: CalendarDefinitionInput.optional(),
});
export type UpdateCalendarInput = z.infer<typeof UpdateCalendarInput>;

/** Most cases one simulate call takes. */
export const MAX_SIMULATE_CASES = 10_000;
/** About seven years of office hours: the calendar engine looks ten years ahead at most. */
export const MAX_SIMULATE_MINUTES = 1_000_000;

/** Intervals [from, to) excluded from business time. */
const Pauses = z.array(z.tuple([Instant, Instant])).max(1_000);

export const SimulateCase = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('due'),
    start: Instant,
    minutes: z.number().min(0).max(MAX_SIMULATE_MINUTES),
    pauses: Pauses.optional(),
  }),
  z.strictObject({ op: z.literal('elapsed'), start: Instant, end: Instant, pauses: Pauses.optional() }),
]);
export type SimulateCase = z.infer<typeof SimulateCase>;

export const SimulateSlaInput = z.strictObject({
  /** A stored calendar's id, or an inline definition. */
  calendar: z.union([CalendarId, CalendarDefinitionInput]),
  cases: z.array(SimulateCase).min(1).max(MAX_SIMULATE_CASES),
});
export type SimulateSlaInput = z.infer<typeof SimulateSlaInput>;

/** `due` is the due instant in UTC; `minutes` the business minutes elapsed (fractional when instants are). */
export const SimulateResult = z.union([z.object({ due: Instant }), z.object({ minutes: z.number() })]);
export type SimulateResult = z.infer<typeof SimulateResult>;
export const SimulateSlaResult = z.object({ results: z.array(SimulateResult) });
export type SimulateSlaResult = z.infer<typeof SimulateSlaResult>;

/** Longest target, in business minutes: about seven years of office hours, as far as the calendar engine looks. */
export const MAX_TARGET_MINUTES = 1_000_000;
const TargetMinutes = z.number().int().min(1).max(MAX_TARGET_MINUTES);
const distinct = <T>(list: readonly T[]) => new Set(list).size === list.length;

/** One priority's targets in business minutes; `updateMinutes` is the optional next-update-while-open target. */
export const PriorityTarget = z
  .strictObject({
    firstResponseMinutes: TargetMinutes,
    resolutionMinutes: TargetMinutes,
    updateMinutes: TargetMinutes.optional(),
  })
  .refine((t) => t.firstResponseMinutes <= t.resolutionMinutes, {
    message: 'the first response cannot be due after the resolution',
    path: ['firstResponseMinutes'],
  });
export type PriorityTarget = z.infer<typeof PriorityTarget>;
export const ContractTargets = z.strictObject({
  P1: PriorityTarget,
  P2: PriorityTarget,
  P3: PriorityTarget,
  P4: PriorityTarget,
});
export type ContractTargets = z.infer<typeof ContractTargets>;

/** The status kinds that can pause a clock: the open ones. Resolved stops a clock, closed ends the ticket. */
export const PausingKind = z.enum(['new', 'open', 'waiting_customer', 'waiting_provider', 'scheduled']);
export type PausingKind = z.infer<typeof PausingKind>;
const PausingKinds = z.array(PausingKind).max(5).refine(distinct, 'each status kind once');
/** Which status kinds pause which clock; a clock left out keeps its default. */
export const ContractPausingInput = z.strictObject({
  firstResponse: PausingKinds.optional(),
  resolution: PausingKinds.optional(),
  update: PausingKinds.optional(),
});
export type ContractPausingInput = z.infer<typeof ContractPausingInput>;

/** When to warn before a breach: at percentages of a target used, and/or minutes before it is due. */
export const ContractWarningsInput = z.strictObject({
  percentOfTarget: z.array(z.number().int().min(1).max(99)).max(5).refine(distinct, 'each percentage once').optional(),
  minutesBeforeDue: z.array(TargetMinutes).max(5).refine(distinct, 'each number of minutes once').optional(),
});
export type ContractWarningsInput = z.infer<typeof ContractWarningsInput>;

const MatrixCell = z.strictObject({ urgency: Level, impact: Level, priority: Priority });
/** The urgency × impact → priority matrix a contract holds: nine cells, each combination once. */
export const ContractMatrix = z
  .array(MatrixCell)
  .length(9)
  .refine((cells) => new Set(cells.map((c) => `${c.urgency}/${c.impact}`)).size === 9, 'each urgency × impact once');
export type ContractMatrix = z.infer<typeof ContractMatrix>;

/**
 * The terms of a new contract version. Left out: `effectiveFrom` is now, `matrix` a copy of the desk's priority
 * matrix, `pausing` waiting_customer pauses every clock and scheduled also pauses resolution, `warnings` at 75 % of
 * a target, `effortThresholdMinutes` 240 and `autoCloseWorkingDays` 1.
 */
export const ContractVersionInput = z.strictObject({
  effectiveFrom: Instant.optional(),
  calendarId: CalendarId,
  matrix: ContractMatrix.optional(),
  targets: ContractTargets,
  pausing: ContractPausingInput.optional(),
  warnings: ContractWarningsInput.optional(),
  effortThresholdMinutes: z.number().int().min(1).max(100_000).optional(),
  autoCloseWorkingDays: z.number().int().min(1).max(90).optional(),
});
export type ContractVersionInput = z.infer<typeof ContractVersionInput>;

export const ContractVersion = z.object({
  id: ContractVersionId,
  version: z.number().int(),
  effectiveFrom: Instant,
  calendarId: CalendarId,
  matrix: z.array(MatrixCell),
  targets: ContractTargets,
  pausing: z.object({
    firstResponse: z.array(PausingKind),
    resolution: z.array(PausingKind),
    update: z.array(PausingKind),
  }),
  warnings: z.object({ percentOfTarget: z.array(z.number()), minutesBeforeDue: z.array(z.number()) }),
  effortThresholdMinutes: z.number().int(),
  autoCloseWorkingDays: z.number().int(),
  createdAt: Instant,
});
export type ContractVersion = z.infer<typeof ContractVersion>;

export const Contract = z.object({
  id: ContractId,
  organisationId: OrganisationId,
  name: z.string(),
  /** The version in force now; null while every version is still to come. */
  currentVersion: ContractVersion.nullable(),
  /** The highest version number, which may take effect later than now. */
  latestVersion: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Contract = z.infer<typeof Contract>;
export const ContractList = z.object({ items: z.array(Contract) });
export type ContractList = z.infer<typeof ContractList>;
/** A contract with every version, newest first. */
export const ContractWithVersions = Contract.extend({ versions: z.array(ContractVersion) });
export type ContractWithVersions = z.infer<typeof ContractWithVersions>;

export const ListContractsQuery = z.strictObject({ organisationId: OrganisationId.optional() });
export type ListContractsQuery = z.infer<typeof ListContractsQuery>;
export const CreateContractInput = z.strictObject({
  organisationId: OrganisationId,
  name: Name,
  version: ContractVersionInput,
});
export type CreateContractInput = z.infer<typeof CreateContractInput>;
export const UpdateContractInput = z.strictObject({ name: Name });
export type UpdateContractInput = z.infer<typeof UpdateContractInput>;

/** The three SLA clocks of a ticket. */
export const SlaClockName = z.enum(['first_response', 'resolution', 'update']);
export type SlaClockName = z.infer<typeof SlaClockName>;
export const SlaClockState = z.enum(['running', 'paused', 'met', 'breached']);
export type SlaClockState = z.infer<typeof SlaClockState>;

/** One entry of a clock's ledger, [from, to) with `to` null while it lasts; time between segments is stopped. */
export const SlaSegment = z.object({
  from: Instant,
  to: Instant.nullable(),
  state: z.enum(['running', 'paused']),
  /** The status kind that paused the clock; null while running. */
  reason: StatusKind.nullable(),
});
export type SlaSegment = z.infer<typeof SlaSegment>;

/** A warning threshold: the instant it fired or will fire given the pauses so far, null when unknown or never. */
export const SlaWarning = z.object({
  kind: z.enum(['percentOfTarget', 'minutesBeforeDue']),
  value: z.number(),
  at: Instant.nullable(),
  past: z.boolean(),
});
export type SlaWarning = z.infer<typeof SlaWarning>;

export const SlaUpdateCycle = z.object({
  startedAt: Instant,
  endedAt: Instant.nullable(),
  state: SlaClockState,
  dueAt: Instant.nullable(),
  breachedAt: Instant.nullable(),
});
export type SlaUpdateCycle = z.infer<typeof SlaUpdateCycle>;

/**
 * One clock explained. `dueAt` is null while paused (how long a pause lasts is unknown); for a met clock it is the
 * due that applied when it stopped, for a breached one the breach instant. The update clock describes its current
 * cycle and lists every cycle.
 */
export const SlaClock = z.object({
  clock: SlaClockName,
  state: SlaClockState,
  targetMinutes: z.number().int(),
  usedMinutes: z.number(),
  leftMinutes: z.number(),
  dueAt: Instant.nullable(),
  stoppedAt: Instant.nullable(),
  breachedAt: Instant.nullable(),
  segments: z.array(SlaSegment),
  warnings: z.array(SlaWarning),
  cycles: z.array(SlaUpdateCycle).optional(),
  breachedCycles: z.number().int().optional(),
});
export type SlaClock = z.infer<typeof SlaClock>;

/**
 * Every SLA clock of a ticket, computed from its history under the contract version in force when it was opened and
 * the ticket's current priority: a change of priority replays every clock from the ticket's start. `contract` is null
 * (and `clocks` empty) when the ticket's organisation has no contract in force then.
 */
export const TicketSla = z.object({
  contract: z
    .object({
      id: ContractId,
      name: z.string(),
      version: z.number().int(),
      effectiveFrom: Instant,
      calendar: z.object({ id: CalendarId, name: z.string(), timezone: z.string() }),
    })
    .nullable(),
  /** The priority the clocks were computed under: the ticket's current one. */
  priority: Priority,
  clocks: z.array(SlaClock),
  /** The earliest future instant among the running clocks' warnings and dues. */
  nextDeadlineAt: Instant.nullable(),
});
export type TicketSla = z.infer<typeof TicketSla>;
