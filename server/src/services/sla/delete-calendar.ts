import { eq } from 'drizzle-orm';
import { calendars, contractVersions } from '../../db/schema.ts';
import { conflict, notFound } from '../../domain/app-error.ts';
import { isUuid } from '../admin/list-helpers.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Deletes a calendar no contract version names. One that a version names stays: versions are never rewritten, so
 * the clocks measured under them can always be replayed and explained (409 says so).
 */
export async function deleteCalendar({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  requirePermission(ctx, 'calendar:write');
  if (!isUuid(id)) throw notFound('Calendar not found');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: calendars.id })
      .from(calendars)
      .where(eq(calendars.id, id.toLowerCase()))
      .for('update');
    if (!row) throw notFound('Calendar not found');
    const [used] = await tx
      .select({ id: contractVersions.id })
      .from(contractVersions)
      .where(eq(contractVersions.calendarId, row.id))
      .limit(1);
    if (used) throw conflict('A contract version runs on this calendar; it cannot be deleted');
    await tx.delete(calendars).where(eq(calendars.id, row.id));
  });
}
