import { type Calendar, UpdateCalendarInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { calendars } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { isUuid } from '../admin/list-helpers.ts';
import { conflictOnUniqueViolation } from '../shared/unique-violation.ts';
import { NAME_CONFLICT, parseDefinitionAt, toCalendar } from './calendar-view.ts';

/**
 * Renames a calendar or replaces its definition. A new definition replays the clocks of every open ticket running
 * under it (a job enqueued in this transaction; each ticket whose due instants move records old and new).
 */
export async function updateCalendar({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Calendar> {
  requirePermission(ctx, 'calendar:write');
  const data = parseInput(UpdateCalendarInput, input);
  const definition = data.definition === undefined ? undefined : parseDefinitionAt('definition', data.definition);
  if (!isUuid(id)) throw notFound('Calendar not found');
  const set = {
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(definition !== undefined ? { definition } : {}),
    updatedAt: ctx.clock.now(),
  };
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const [row] = await tx.update(calendars).set(set).where(eq(calendars.id, id.toLowerCase())).returning();
        if (!row) throw notFound('Calendar not found');
        if (definition !== undefined) await enqueue(ctx, tx, 'sla.replay', { calendarId: row.id });
        return toCalendar(row);
      }),
    NAME_CONFLICT(data.name ?? ''),
  );
}
