import type { SlaClock, StatusKind, TicketSla } from '@loket/contract';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { articles, calendars, contracts, people, statuses, ticketEvents, type TicketRow } from '../../db/schema.ts';
import { compileCalendar } from '../../domain/sla/calendar.ts';
import { type Clock, type TimelineEvent, computeClocks } from '../../domain/sla/clock.ts';
import { ContractTerms, versionAt } from '../../domain/sla/contracts.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadVersions } from './contract-view.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const toSlaClock = (c: Clock): SlaClock => ({
  clock: c.clock,
  state: c.state,
  targetMinutes: c.targetMinutes,
  usedMinutes: c.usedMinutes,
  leftMinutes: c.leftMinutes,
  dueAt: iso(c.dueAt),
  stoppedAt: iso(c.stoppedAt),
  breachedAt: iso(c.breachedAt),
  segments: c.segments.map((s) => ({
    from: s.from.toISOString(),
    to: iso(s.to),
    state: s.state,
    reason: s.reason ?? null,
  })),
  warnings: c.warnings.map((w) => ({ kind: w.kind, value: w.value, at: iso(w.at), past: w.past })),
  ...(c.cycles === undefined
    ? {}
    : {
        cycles: c.cycles.map((y) => ({
          startedAt: y.startedAt.toISOString(),
          endedAt: iso(y.endedAt),
          state: y.state,
          dueAt: iso(y.dueAt),
          breachedAt: iso(y.breachedAt),
        })),
      }),
  ...(c.breachedCycles === undefined ? {} : { breachedCycles: c.breachedCycles }),
});

/**
 * The contract version that governs a ticket: of the organisation's contracts, the version in force when the ticket
 * was opened. An organisation normally has one contract; when it has several (a renewal entered as a new contract,
 * say), the one whose version in force then started latest wins, as the most recent agreement made before the ticket.
 */
async function governingVersion(tx: Executor, ticket: TicketRow) {
  const rows = await tx.select().from(contracts).where(eq(contracts.organisationId, ticket.organisationId));
  const versions = await loadVersions(
    tx,
    rows.map((r) => r.id),
  );
  let best: { contract: (typeof rows)[number]; version: (typeof versions)[number] } | undefined;
  for (const contract of rows) {
    const version = versionAt(
      versions.filter((v) => v.contractId === contract.id),
      ticket.createdAt,
    );
    if (version && (!best || version.effectiveFrom.getTime() > best.version.effectiveFrom.getTime())) {
      best = { contract, version };
    }
  }
  return best;
}

/**
 * The ticket's SLA timeline from its own history: status changes (from the events, in id order), the first response
 * (tickets.firstResponseAt) and every public reply by an agent or admin as an update. A first-response reply is sent
 * as both events, as clock.ts expects. At one instant a status change comes first: a reply that also resolves the
 * ticket is then the resolution, not an update of a still-open ticket.
 */
async function timelineOf(tx: Executor, ticket: TicketRow): Promise<TimelineEvent[]> {
  const events = await tx
    .select({ createdAt: ticketEvents.createdAt, changes: ticketEvents.changes })
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticket.id))
    .orderBy(asc(ticketEvents.id));
  const moves: { at: Date; key: string }[] = [];
  for (const e of events) {
    for (const change of e.changes) {
      if (change.field === 'status' && typeof change.to === 'string') moves.push({ at: e.createdAt, key: change.to });
    }
  }
  // Statuses are never deleted, so a key no longer in use still names its kind.
  const keys = [...new Set(moves.map((m) => m.key))];
  const kinds = new Map<string, StatusKind>(
    keys.length === 0
      ? []
      : (
          await tx.select({ key: statuses.key, kind: statuses.kind }).from(statuses).where(inArray(statuses.key, keys))
        ).map((s) => [s.key, s.kind]),
  );
  const replies = await tx
    .select({ createdAt: articles.createdAt })
    .from(articles)
    .innerJoin(people, eq(people.id, articles.authorId))
    .where(and(eq(articles.ticketId, ticket.id), eq(articles.kind, 'reply'), inArray(people.role, ['agent', 'admin'])))
    .orderBy(asc(articles.createdAt), asc(articles.id));

  const timeline: TimelineEvent[] = [];
  for (const m of moves) {
    const kind = kinds.get(m.key);
    if (kind) timeline.push({ at: m.at, type: 'status', statusKind: kind });
  }
  if (ticket.firstResponseAt) timeline.push({ at: ticket.firstResponseAt, type: 'first_response' });
  for (const r of replies) timeline.push({ at: r.createdAt, type: 'agent_update' });
  // Stable sort: same-instant events keep the order above (status, first response, update). Nothing is recorded
  // before the ticket was opened; the clamp only guards against a clock set back between two writes.
  const opened = ticket.createdAt.getTime();
  return timeline
    .map((e) => (e.at.getTime() < opened ? { ...e, at: ticket.createdAt } : e))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Explains every SLA clock of a ticket, computed on read from its history: segments with pause reasons, minutes
 * used and left, due instants, warnings and the next deadline. The terms are those of the contract version in force
 * when the ticket was opened, on that version's calendar as it is defined now, for the ticket's current priority:
 * a change of priority or calendar replays every clock from the ticket's start. Customers see the same answer for
 * the tickets they may see (nothing in a clock is internal); a ticket they may not see is not found.
 */
export async function explainTicketSla({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TicketSla> {
  const actor = requirePermission(ctx, 'ticket:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const governing = await governingVersion(ctx.db, ticket);
  if (!governing) return { contract: null, priority: ticket.priority, clocks: [], nextDeadlineAt: null };

  const { contract, version } = governing;
  const [calendar] = await ctx.db.select().from(calendars).where(eq(calendars.id, version.calendarId));
  const terms = ContractTerms.parse({
    calendarId: version.calendarId,
    matrix: version.matrix,
    targets: version.targets,
    pausing: version.pausing,
    warnings: version.warnings,
    effortThresholdMinutes: version.effortThresholdMinutes,
    autoCloseWorkingDays: version.autoCloseWorkingDays,
  });
  const now = ctx.clock.now();
  // A read at an instant before the ticket's opening (a clock set back) sees it as just opened.
  const asOf = now.getTime() < ticket.createdAt.getTime() ? ticket.createdAt : now;
  const result = computeClocks({
    openedAt: ticket.createdAt,
    priority: ticket.priority,
    terms,
    calendar: compileCalendar(calendar!.definition),
    timeline: await timelineOf(ctx.db, ticket),
    now: asOf,
  });
  const { first_response, resolution, update } = result.clocks;
  return {
    contract: {
      id: contract.id as NonNullable<TicketSla['contract']>['id'],
      name: contract.name,
      version: version.version,
      effectiveFrom: version.effectiveFrom.toISOString(),
      calendar: {
        id: calendar!.id as NonNullable<TicketSla['contract']>['calendar']['id'],
        name: calendar!.name,
        timezone: calendar!.definition.timezone,
      },
    },
    priority: ticket.priority,
    clocks: [first_response, resolution, ...(update ? [update] : [])].map(toSlaClock),
    nextDeadlineAt: iso(result.nextDeadlineAt),
  };
}
