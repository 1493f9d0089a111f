import type { Calendar } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadCalendarRow, toCalendar } from './calendar-view.ts';

export async function getCalendar({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Calendar> {
  requirePermission(ctx, 'calendar:read');
  return toCalendar(await loadCalendarRow(ctx.db, id));
}
