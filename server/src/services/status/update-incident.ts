import { type Incident, UpdateIncidentInput } from '@loket/contract';
import { desc, eq } from 'drizzle-orm';
import { statusIncidentComponents, statusIncidentUpdates, statusIncidents } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { assertComponents } from './component-view.ts';
import { loadIncident, lockIncidentRow } from './incident-view.ts';
import { bumpStatusPage } from './status-page-version.ts';

/**
 * Renames an incident, changes its impact or components, writes its postmortem, or publishes a draft (whose
 * subscribers then hear of its latest update) — or takes it back to draft.
 */
export async function updateIncident({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Incident> {
  requirePermission(ctx, 'status:write');
  const data = parseInput(UpdateIncidentInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Locked before isPublished is read, so two agents publishing at once notify the subscribers once.
    const current = await lockIncidentRow(tx, id);
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.impact !== undefined ? { impact: data.impact } : {}),
      ...(data.publish !== undefined ? { isPublished: data.publish } : {}),
      ...(data.postmortem !== undefined ? { postmortem: data.postmortem || null } : {}),
    };
    await tx
      .update(statusIncidents)
      .set({ ...set, updatedAt: now })
      .where(eq(statusIncidents.id, current.id));
    if (data.componentIds) {
      const componentIds = [...new Set(data.componentIds)];
      await assertComponents(tx, componentIds);
      await tx.delete(statusIncidentComponents).where(eq(statusIncidentComponents.incidentId, current.id));
      if (componentIds.length) {
        await tx
          .insert(statusIncidentComponents)
          .values(componentIds.map((componentId) => ({ incidentId: current.id, componentId })));
      }
    }
    if (data.publish && !current.isPublished) {
      const [latest] = await tx
        .select({ id: statusIncidentUpdates.id })
        .from(statusIncidentUpdates)
        .where(eq(statusIncidentUpdates.incidentId, current.id))
        .orderBy(desc(statusIncidentUpdates.createdAt))
        .limit(1);
      if (latest) await enqueue(ctx, tx, 'status.notify', { incidentUpdateId: latest.id });
    }
    await bumpStatusPage(tx, now);
    return loadIncident(tx, current.id);
  });
}
