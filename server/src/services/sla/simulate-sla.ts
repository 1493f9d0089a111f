import { SimulateSlaInput, type SimulateResult, type SimulateSlaResult } from '@loket/contract';
import { AppError, invalid } from '../../domain/app-error.ts';
import { type Pause, compileCalendar, due, elapsed } from '../../domain/sla/calendar.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadCalendarRow, parseDefinitionAt } from './calendar-view.ts';

const toPauses = (pauses: readonly (readonly [string, string])[] | undefined): Pause[] =>
  (pauses ?? []).map(([from, to]) => [new Date(from), new Date(to)] as const);

/**
 * Answers due and elapsed questions on a stored or inline calendar, one result per case in order; the admin UI
 * previews a calendar with it. The calendar is compiled once per call, so a batch shares its compiled intervals.
 */
export async function simulateSla({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<SimulateSlaResult> {
  requirePermission(ctx, 'calendar:read');
  const data = parseInput(SimulateSlaInput, input);
  const definition =
    typeof data.calendar === 'string'
      ? (await loadCalendarRow(ctx.db, data.calendar)).definition
      : parseDefinitionAt('calendar', data.calendar);
  const calendar = compileCalendar(definition);
  const results: SimulateResult[] = [];
  for (const [index, c] of data.cases.entries()) {
    try {
      results.push(
        c.op === 'due'
          ? { due: due(calendar, new Date(c.start), c.minutes, toPauses(c.pauses)).toISOString() }
          : { minutes: elapsed(calendar, new Date(c.start), new Date(c.end), toPauses(c.pauses)) },
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      throw invalid(`Case ${index} cannot be answered: ${error.message}`, [
        { path: `cases.${index}`, message: error.message },
      ]);
    }
  }
  return { results };
}
