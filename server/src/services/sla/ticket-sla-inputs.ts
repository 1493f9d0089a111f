import type { StatusKind } from '@loket/contract';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  articles,
  type CalendarRow,
  calendars,
  type ContractVersionRow,
  contractVersions,
  contracts,
  people,
  statuses,
  ticketEvents,
  type TicketRow,
} from '../../db/schema.ts';
import { type CompiledCalendar, compileCalendar } from '../../domain/sla/calendar.ts';
import type { TimelineEvent } from '../../domain/sla/clock.ts';
import { ContractTerms } from '../../domain/sla/contracts.ts';

// What a ticket's clocks are computed from: the contract version it runs under, that version's calendar compiled,
// and the ticket's own history as an SLA timeline. Shared by the stored clocks (sync) and the explanation (GET sla).

export type TicketSlaTerms = {
  version: ContractVersionRow;
  contract: { id: string; name: string };
  calendar: CalendarRow;
  compiled: CompiledCalendar;
  terms: ContractTerms;
};

/**
 * Compiled calendars are kept per process, keyed by id and the definition itself, so a changed calendar is compiled
 * afresh (in every process, whoever changed it) and an unchanged one is never compiled twice (compiling reads
 * date-holidays and grows its interval table as queries need it).
 */
const compiledCache = new Map<string, CompiledCalendar>();
const COMPILED_CACHE_SIZE = 64;

export function compiledCalendarOf(row: CalendarRow): CompiledCalendar {
  const key = `${row.id}:${JSON.stringify(row.definition)}`;
  const hit = compiledCache.get(key);
  if (hit) return hit;
  const compiled = compileCalendar(row.definition);
  if (compiledCache.size >= COMPILED_CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value!);
  compiledCache.set(key, compiled);
  return compiled;
}

export const termsOf = (version: ContractVersionRow): ContractTerms =>
  ContractTerms.parse({
    calendarId: version.calendarId,
    matrix: version.matrix,
    targets: version.targets,
    pausing: version.pausing,
    warnings: version.warnings,
    effortThresholdMinutes: version.effortThresholdMinutes,
    autoCloseWorkingDays: version.autoCloseWorkingDays,
  });

/** The terms of one contract version, with its contract's name and its calendar; undefined for none. */
export async function loadTermsOfVersion(tx: Executor, versionId: string | null): Promise<TicketSlaTerms | undefined> {
  if (versionId === null) return undefined;
  const [row] = await tx
    .select({
      version: contractVersions,
      contract: { id: contracts.id, name: contracts.name },
      calendar: calendars,
    })
    .from(contractVersions)
    .innerJoin(contracts, eq(contracts.id, contractVersions.contractId))
    .innerJoin(calendars, eq(calendars.id, contractVersions.calendarId))
    .where(eq(contractVersions.id, versionId));
  if (!row) return undefined;
  return { ...row, compiled: compiledCalendarOf(row.calendar), terms: termsOf(row.version) };
}

/**
 * The contract version in force for an organisation at an instant: of all its contracts' versions, the one that took
 * effect last at or before it (of two at the same instant, the higher number). An organisation normally has one
 * contract; with several (a renewal entered as a new contract) the latest agreement made before the instant governs.
 */
export async function versionInForce(tx: Executor, organisationId: string, at: Date): Promise<string | null> {
  const [row] = await tx
    .select({ id: contractVersions.id })
    .from(contractVersions)
    .innerJoin(contracts, eq(contracts.id, contractVersions.contractId))
    .where(and(eq(contracts.organisationId, organisationId), lte(contractVersions.effectiveFrom, at)))
    .orderBy(sql`${contractVersions.effectiveFrom} DESC, ${contractVersions.version} DESC`)
    .limit(1);
  return row?.id ?? null;
}

/**
 * The ticket's SLA timeline from its own history: status changes (from the events, in id order), the first response
 * (tickets.firstResponseAt) and every public reply by an agent or admin after the opening message as an update. A
 * first-response reply is sent as both events, as clock.ts expects. At one instant a status change comes first: a
 * reply that also resolves the ticket is then the resolution, not an update of a still-open ticket.
 */
export async function timelineOf(tx: Executor, ticket: TicketRow): Promise<TimelineEvent[]> {
  const events = await tx
    .select({ createdAt: ticketEvents.createdAt, changes: ticketEvents.changes })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticket.id), sql`${ticketEvents.changes} @> '[{"field":"status"}]'`))
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
    .where(
      and(
        eq(articles.ticketId, ticket.id),
        eq(articles.kind, 'reply'),
        inArray(people.role, ['agent', 'admin']),
        // the message the ticket was opened with is no update, even when an agent wrote it
        gt(articles.seq, sql`(SELECT min(a2.seq) FROM articles a2 WHERE a2.ticket_id = ${ticket.id})`),
      ),
    )
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
