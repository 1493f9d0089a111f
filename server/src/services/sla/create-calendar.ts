import { type Calendar, CreateCalendarInput } from '@loket/contract';
import { calendars } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { NAME_CONFLICT, parseDefinitionAt, toCalendar } from './calendar-view.ts';

/** A new business-hours calendar. Names are unique; the definition is validated completely before it is stored. */
export async function createCalendar({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Calendar> {
  requirePermission(ctx, 'calendar:write');
  const data = parseInput(CreateCalendarInput, input);
  const definition = parseDefinitionAt('definition', data.definition);
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(calendars)
          .values({ name: data.name, definition, createdAt: now, updatedAt: now })
          .returning();
        return toCalendar(row!);
      }),
    NAME_CONFLICT(data.name),
  );
}
