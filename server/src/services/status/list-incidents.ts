import { type IncidentList, ListIncidentsQuery } from '@loket/contract';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadIncidents } from './incident-view.ts';

/** Incidents, drafts included, newest first. Agents only. */
export async function listIncidents({ ctx, query }: { ctx: ServiceContext; query: unknown }): Promise<IncidentList> {
  requirePermission(ctx, 'status:write');
  const q = parseInput(ListIncidentsQuery, query);
  const open = q.status === 'all' ? undefined : q.status === 'open';
  return { items: await loadIncidents(ctx.db, { ...(open === undefined ? {} : { open }), limit: q.limit }) };
}
