import type { SlaClockName, Ticket, TicketSlaSummary } from '@loket/contract';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.ts';
import {
  categories,
  groups,
  organisations,
  people,
  statuses,
  ticketClocks,
  tickets,
  timeEntries,
} from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { looksLikeReference } from '../../domain/tickets/reference.ts';
import { type PersonActor } from '../context.ts';
import { isAgent } from '../authorize.ts';
import { isUuid } from './ids.ts';

const requester = alias(people, 'requester');
const assignee = alias(people, 'assignee');

/**
 * Which tickets a person may see: agents all, a manager their organisation's, a contact their own.
 * Every ticket read and write goes through this, so another organisation's ticket is simply not found.
 */
export function ticketScope(actor: PersonActor): SQL | undefined {
  if (isAgent(actor)) return undefined;
  if (actor.role === 'manager') return eq(tickets.organisationId, actor.organisationId);
  return eq(tickets.requesterId, actor.personId);
}

/** A ticket by id or reference, if this person may see it; `not_found` otherwise — the same for missing and foreign. */
export async function getTicketRowForActor(tx: Executor, actor: PersonActor, idOrReference: string, lock = false) {
  const byKey = ticketKey(idOrReference);
  const query = tx
    .select()
    .from(tickets)
    .where(and(byKey, ticketScope(actor)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('Ticket not found');
  return row;
}

/** The condition naming one ticket by id or reference; anything else names none. */
export function ticketKey(idOrReference: string): SQL {
  const key = idOrReference.trim();
  if (isUuid(key)) return eq(tickets.id, key.toLowerCase());
  if (looksLikeReference(key)) return eq(tickets.reference, key.toUpperCase());
  throw notFound('Ticket not found');
}

/** The columns of the Ticket contract, joined in one query. Time totals only when an agent is looking. */
export function ticketViewColumns(withTime: boolean) {
  return {
    t: tickets,
    categoryKey: categories.key,
    categoryName: categories.name,
    statusKey: statuses.key,
    statusName: statuses.name,
    requesterName: requester.name,
    requesterEmail: requester.email,
    organisationName: organisations.name,
    groupName: groups.name,
    assigneeName: assignee.name,
    totalMinutes: withTime
      ? sql<number>`(SELECT coalesce(sum(${timeEntries.minutes}), 0)::int FROM ${timeEntries} WHERE ${timeEntries.ticketId} = ${tickets.id})`
      : sql<null>`NULL`,
    billableMinutes: withTime
      ? sql<number>`(SELECT coalesce(sum(${timeEntries.minutes}) FILTER (WHERE ${timeEntries.isBillable}), 0)::int FROM ${timeEntries} WHERE ${timeEntries.ticketId} = ${tickets.id})`
      : sql<null>`NULL`,
    // The stored clocks, for the SLA summary: one index lookup on the clocks' primary key.
    clocks: sql<
      [SlaClockName, string, string | null][] | null
    >`(SELECT json_agg(json_build_array(c.clock, c.state, c.due_at)) FROM ${ticketClocks} c WHERE c.ticket_id = ${tickets.id})`,
  };
}

/** The SLA at a glance from the stored clocks' rows: `[clock, state, dueAt]`. */
export function slaSummary(clocks: [SlaClockName, string, string | null][] | null): TicketSlaSummary | null {
  if (!clocks || clocks.length === 0) return null;
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  const awaited = (name: SlaClockName) => {
    const c = clocks.find(([clock, state]) => clock === name && (state === 'running' || state === 'paused'));
    return c ? iso(c[2]) : null;
  };
  const running = clocks
    .filter(([, state, dueAt]) => state === 'running' && dueAt !== null)
    .sort((a, b) => new Date(a[2]!).getTime() - new Date(b[2]!).getTime());
  return {
    dueAt: running[0] ? iso(running[0][2]) : null,
    clock: running[0]?.[0] ?? null,
    breached: clocks.some(([, state]) => state === 'breached'),
    paused: running.length === 0 && clocks.some(([, state]) => state === 'paused'),
    firstResponseDueAt: awaited('first_response'),
    resolutionDueAt: awaited('resolution'),
  };
}

export function ticketViewQuery(tx: Executor, withTime: boolean) {
  return tx
    .select(ticketViewColumns(withTime))
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .innerJoin(statuses, eq(statuses.id, tickets.statusId))
    .innerJoin(requester, eq(requester.id, tickets.requesterId))
    .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
    .leftJoin(groups, eq(groups.id, tickets.groupId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId));
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof ticketViewQuery>['execute']>>[number];

export function toTicket(row: ViewRow): Ticket {
  const t = row.t;
  const ticket: Ticket = {
    id: t.id as Ticket['id'],
    reference: t.reference,
    subject: t.subject,
    category: { id: t.categoryId as Ticket['category']['id'], key: row.categoryKey, name: row.categoryName },
    status: { id: t.statusId as Ticket['status']['id'], key: row.statusKey, name: row.statusName, kind: t.statusKind },
    urgency: t.urgency,
    impact: t.impact,
    priority: t.priority,
    priorityOverridden: t.priorityOverridden,
    channel: t.channel,
    requester: { id: t.requesterId as Ticket['requester']['id'], name: row.requesterName, email: row.requesterEmail },
    organisation: { id: t.organisationId as Ticket['organisation']['id'], name: row.organisationName },
    group: t.groupId ? { id: t.groupId as NonNullable<Ticket['group']>['id'], name: row.groupName ?? '' } : null,
    assignee: t.assigneeId
      ? { id: t.assigneeId as NonNullable<Ticket['assignee']>['id'], name: row.assigneeName ?? '' }
      : null,
    estimateMinutes: t.estimateMinutes,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    reopenCount: t.reopenCount,
    mergedIntoId: (t.mergedIntoId as Ticket['mergedIntoId']) ?? null,
    sla: slaSummary(row.clocks),
  };
  if (row.totalMinutes !== null && row.billableMinutes !== null) {
    ticket.time = { totalMinutes: Number(row.totalMinutes), billableMinutes: Number(row.billableMinutes) };
  }
  return ticket;
}

type Scope = 'agent' | 'manager' | 'contact';
const scopeOf = (actor: PersonActor): Scope =>
  isAgent(actor) ? 'agent' : actor.role === 'manager' ? 'manager' : 'contact';

function prepareView(db: Db, scope: Scope, by: 'id' | 'reference') {
  const key = by === 'id' ? eq(tickets.id, sql.placeholder('key')) : eq(tickets.reference, sql.placeholder('key'));
  const visible =
    scope === 'manager'
      ? eq(tickets.organisationId, sql.placeholder('organisationId'))
      : scope === 'contact'
        ? eq(tickets.requesterId, sql.placeholder('personId'))
        : undefined;
  return ticketViewQuery(db, scope === 'agent')
    .where(and(key, visible))
    .limit(1)
    .prepare(`ticket_view_${scope}_${by}`);
}
type PreparedView = ReturnType<typeof prepareView>;
const preparedViews = new WeakMap<Db, Map<string, PreparedView>>();

/**
 * The Ticket as this person may see it (time totals for agents only). The hottest read there is: its six variants
 * (who × by id or reference) are prepared once per database handle, so PostgreSQL neither parses nor plans them again.
 */
export async function loadTicketView(db: Db, actor: PersonActor, idOrReference: string): Promise<Ticket> {
  const raw = idOrReference.trim();
  const by = isUuid(raw) ? 'id' : looksLikeReference(raw) ? 'reference' : undefined;
  if (!by) throw notFound('Ticket not found');
  const scope = scopeOf(actor);
  let cache = preparedViews.get(db);
  if (!cache) preparedViews.set(db, (cache = new Map()));
  const name = `${scope}_${by}`;
  let query = cache.get(name);
  if (!query) cache.set(name, (query = prepareView(db, scope, by)));
  const [row] = await query.execute({
    key: by === 'id' ? raw.toLowerCase() : raw.toUpperCase(),
    organisationId: actor.organisationId,
    personId: actor.personId,
  });
  if (!row) throw notFound('Ticket not found');
  return toTicket(row);
}

function prepareViews(db: Db, withTime: boolean) {
  return ticketViewQuery(db, withTime)
    .where(sql`${tickets.id} = ANY(${sql.placeholder('ids')}::uuid[])`)
    .prepare(`ticket_views_${withTime ? 'agent' : 'customer'}`);
}
const preparedPages = new WeakMap<Db, Map<boolean, ReturnType<typeof prepareViews>>>();

/**
 * Tickets by id, in the order given — for ids the caller has already scoped (a list's page). Prepared, like the
 * single view.
 */
export async function loadTicketViews(db: Db, actor: PersonActor, ids: string[]): Promise<Ticket[]> {
  if (ids.length === 0) return [];
  const withTime = isAgent(actor);
  let cache = preparedPages.get(db);
  if (!cache) preparedPages.set(db, (cache = new Map()));
  let query = cache.get(withTime);
  if (!query) cache.set(withTime, (query = prepareViews(db, withTime)));
  const rows = await query.execute({ ids });
  const byId = new Map(rows.map((row) => [row.t.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toTicket(row)] : [];
  });
}
