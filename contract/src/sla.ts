import { z } from 'zod';
import { Instant, Name } from './common.ts';
import { CalendarId } from './ids.ts';

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
