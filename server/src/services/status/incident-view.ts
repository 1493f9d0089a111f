import type { Incident } from '@loket/contract';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  type StatusIncidentRow,
  statusIncidentComponents,
  statusIncidentTickets,
  statusIncidentUpdates,
  statusIncidents,
} from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { isUuid } from '../shared/cursor.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Incidents as agents see them (drafts included), newest first, with timeline, components and linked tickets. */
export async function loadIncidents(
  tx: Executor,
  where: { id?: string; open?: boolean; limit?: number },
): Promise<Incident[]> {
  const rows = await tx
    .select({
      i: statusIncidents,
      componentIds: sql<string[]>`COALESCE((SELECT array_agg(ic.component_id ORDER BY ic.component_id)
        FROM ${statusIncidentComponents} ic WHERE ic.incident_id = ${statusIncidents.id}), '{}')`,
      ticketIds: sql<string[]>`COALESCE((SELECT array_agg(it.ticket_id ORDER BY it.created_at, it.ticket_id)
        FROM ${statusIncidentTickets} it WHERE it.incident_id = ${statusIncidents.id}), '{}')`,
    })
    .from(statusIncidents)
    .where(
      where.id
        ? eq(statusIncidents.id, where.id)
        : where.open === undefined
          ? undefined
          : where.open
            ? sql`${statusIncidents.status} <> 'resolved'`
            : sql`${statusIncidents.status} = 'resolved'`,
    )
    .orderBy(desc(statusIncidents.startedAt), desc(statusIncidents.id))
    .limit(where.limit ?? 50);
  const ids = rows.map((r) => r.i.id);
  const updates = ids.length
    ? await tx
        .select()
        .from(statusIncidentUpdates)
        .where(inArray(statusIncidentUpdates.incidentId, ids))
        .orderBy(desc(statusIncidentUpdates.createdAt), desc(statusIncidentUpdates.id))
    : [];
  return rows.map(({ i, componentIds, ticketIds }) => ({
    id: i.id as Incident['id'],
    name: i.name,
    impact: i.impact,
    status: i.status,
    isPublished: i.isPublished,
    postmortem: i.postmortem,
    componentIds: componentIds as Incident['componentIds'],
    ticketIds: ticketIds as Incident['ticketIds'],
    startedAt: i.startedAt.toISOString(),
    identifiedAt: iso(i.identifiedAt),
    monitoringAt: iso(i.monitoringAt),
    resolvedAt: iso(i.resolvedAt),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    updates: updates
      .filter((u) => u.incidentId === i.id)
      .map((u) => ({
        id: u.id,
        status: u.status,
        body: u.body,
        componentStates: u.componentStates as Incident['updates'][number]['componentStates'],
        createdAt: u.createdAt.toISOString(),
      })),
  }));
}

export async function loadIncident(tx: Executor, id: string): Promise<Incident> {
  if (!isUuid(id)) throw notFound('Incident not found');
  const [incident] = await loadIncidents(tx, { id: id.toLowerCase() });
  if (!incident) throw notFound('Incident not found');
  return incident;
}

/** The incident's row, locked until the transaction ends, so what a change reads from it still holds when it writes. */
export async function lockIncidentRow(tx: Executor, id: string): Promise<StatusIncidentRow> {
  if (!isUuid(id)) throw notFound('Incident not found');
  const [row] = await tx.select().from(statusIncidents).where(eq(statusIncidents.id, id.toLowerCase())).for('update');
  if (!row) throw notFound('Incident not found');
  return row;
}
