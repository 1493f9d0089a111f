import type { Calendar } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type CalendarRow, calendars } from '../../db/schema.ts';
import { AppError, notFound } from '../../domain/app-error.ts';
import { type CalendarDefinition, parseCalendarDefinition } from '../../domain/sla/calendar.ts';
import { isUuid } from '../admin/list-helpers.ts';

export const toCalendar = (row: CalendarRow): Calendar => ({
  id: row.id as Calendar['id'],
  name: row.name,
  definition: row.definition,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const NAME_CONFLICT = (name: string) => ({ calendars_name_unique: `A calendar named ${name} already exists` });

/**
 * Validates a definition with the domain's schema, every problem listed, with paths from the request body's root
 * (`definition.weekly.mon.0`) so a client can point at the field.
 */
export function parseDefinitionAt(field: string, input: unknown): CalendarDefinition {
  try {
    return parseCalendarDefinition(input);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const issues = (error.issues ?? []).map((i) => ({ ...i, path: i.path ? `${field}.${i.path}` : field }));
    throw new AppError(error.code, error.message, issues);
  }
}

export async function loadCalendarRow(tx: Executor, id: string): Promise<CalendarRow> {
  if (!isUuid(id)) throw notFound('Calendar not found');
  const [row] = await tx.select().from(calendars).where(eq(calendars.id, id.toLowerCase()));
  if (!row) throw notFound('Calendar not found');
  return row;
}
