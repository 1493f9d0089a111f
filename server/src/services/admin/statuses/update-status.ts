import { type Status, UpdateStatusInput } from '@loket/contract';
import { and, asc, eq } from 'drizzle-orm';
import { statuses, statusTransitions } from '../../../db/schema.ts';
import { conflict, notFound } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { isUuid } from '../list-helpers.ts';
import { REQUIRED_KINDS, assertStatuses, loadStatuses } from './status-view.ts';

/**
 * Renames, reorders or (de)activates a status, or replaces the statuses it may move to. Its kind never changes
 * (the input has no `kind`): tickets, reports and SLA ledgers already depend on it.
 */
export async function updateStatus({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Status> {
  requirePermission(ctx, 'reference:write');
  const data = parseInput(UpdateStatusInput, input);
  if (!isUuid(id)) throw notFound('Status not found');
  const statusId = id.toLowerCase();
  return ctx.db.transaction(async (tx) => {
    // The kind never changes, so it can be read before anything is locked.
    const [current] = await tx.select({ kind: statuses.kind }).from(statuses).where(eq(statuses.id, statusId));
    if (!current) throw notFound('Status not found');
    if (data.isActive === false && REQUIRED_KINDS.includes(current.kind)) {
      // Locking the kind's active statuses, always in id order, serialises concurrent deactivations without
      // deadlocks: the second one sees the first one's result.
      const active = await tx
        .select({ id: statuses.id })
        .from(statuses)
        .where(and(eq(statuses.kind, current.kind), eq(statuses.isActive, true)))
        .orderBy(asc(statuses.id))
        .for('update');
      if (active.some((s) => s.id === statusId) && !active.some((s) => s.id !== statusId)) {
        throw conflict(`At least one status of kind ${current.kind} must stay active`);
      }
    }
    // Replacing the transitions is a delete and an insert: the row lock keeps two replacements from interleaving.
    await tx.select({ id: statuses.id }).from(statuses).where(eq(statuses.id, statusId)).for('update');
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.translations !== undefined ? { translations: data.translations } : {}),
      ...(data.position !== undefined ? { position: data.position } : {}),
      ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
    };
    if (Object.keys(set).length > 0) await tx.update(statuses).set(set).where(eq(statuses.id, statusId));
    if (data.transitionsTo !== undefined) {
      const to = await assertStatuses(tx, data.transitionsTo, 'transitionsTo', statusId);
      await tx.delete(statusTransitions).where(eq(statusTransitions.fromStatusId, statusId));
      if (to.length > 0) {
        await tx.insert(statusTransitions).values(to.map((toStatusId) => ({ fromStatusId: statusId, toStatusId })));
      }
    }
    const [status] = await loadStatuses(tx, eq(statuses.id, statusId));
    return status!;
  });
}
