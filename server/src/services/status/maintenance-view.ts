import type { Maintenance } from '@loket/contract';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { statusMaintenanceComponents, statusMaintenanceUpdates, statusMaintenances } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { isUuid } from '../shared/cursor.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function loadMaintenances(tx: Executor, id?: string): Promise<Maintenance[]> {
  const rows = await tx
    .select({
      m: statusMaintenances,
      componentIds: sql<string[]>`COALESCE((SELECT array_agg(mc.component_id ORDER BY mc.component_id)
        FROM ${statusMaintenanceComponents} mc WHERE mc.maintenance_id = ${statusMaintenances.id}), '{}')`,
    })
    .from(statusMaintenances)
    .where(id ? eq(statusMaintenances.id, id) : undefined)
    .orderBy(desc(statusMaintenances.scheduledFor), desc(statusMaintenances.id))
    .limit(200);
  const ids = rows.map((r) => r.m.id);
  const updates = ids.length
    ? await tx
        .select()
        .from(statusMaintenanceUpdates)
        .where(inArray(statusMaintenanceUpdates.maintenanceId, ids))
        .orderBy(desc(statusMaintenanceUpdates.createdAt), desc(statusMaintenanceUpdates.id))
    : [];
  return rows.map(({ m, componentIds }) => ({
    id: m.id as Maintenance['id'],
    name: m.name,
    body: m.body,
    status: m.status,
    isPublished: m.isPublished,
    componentIds: componentIds as Maintenance['componentIds'],
    scheduledFor: m.scheduledFor.toISOString(),
    scheduledUntil: m.scheduledUntil.toISOString(),
    startedAt: iso(m.startedAt),
    completedAt: iso(m.completedAt),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    updates: updates
      .filter((u) => u.maintenanceId === m.id)
      .map((u) => ({ id: u.id, status: u.status, body: u.body, createdAt: u.createdAt.toISOString() })),
  }));
}

export async function loadMaintenance(tx: Executor, id: string): Promise<Maintenance> {
  if (!isUuid(id)) throw notFound('Maintenance not found');
  const [row] = await loadMaintenances(tx, id.toLowerCase());
  if (!row) throw notFound('Maintenance not found');
  return row;
}
