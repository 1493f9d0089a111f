import type { CalendarList } from '@loket/contract';
import { asc } from 'drizzle-orm';
import { calendars } from '../../db/schema.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { toCalendar } from './calendar-view.ts';

/** Every business-hours calendar, by name. */
export async function listCalendars({ ctx }: { ctx: ServiceContext }): Promise<CalendarList> {
  requirePermission(ctx, 'calendar:read');
  const rows = await ctx.db.select().from(calendars).orderBy(asc(calendars.name));
  return { items: rows.map(toCalendar) };
}
