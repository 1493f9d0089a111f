import { and, asc, eq, notInArray, type SQLWrapper, sql } from 'drizzle-orm';
import { type Executor, writeTogether } from '../../db/client.ts';
import { slaAlerts, ticketClockLedger, ticketClocks, tickets, type TicketRow } from '../../db/schema.ts';
import { type CompiledCalendar, compileCalendar } from '../../domain/sla/calendar.ts';
import {
  autoCloseDueAt,
  type Clock,
  type ClockName,
  type ClockSegment,
  computeClocks,
  type TicketClocks,
  type TimelineEvent,
} from '../../domain/sla/clock.ts';
import { DEFAULT_AUTO_CLOSE_WORKING_DAYS } from '../../domain/sla/contracts.ts';
import { priorityFor } from '../../domain/tickets/priority.ts';
import { type ServiceContext, withActor } from '../context.ts';
import { type Change, recordTicketEvent } from '../shared/record-event.ts';
import { loadTermsOfVersion, timelineOf, versionInForce } from './ticket-sla-inputs.ts';

/*
 * Keeps a ticket's stored SLA state true: the clocks (state, due, minutes used), their append-only ledger, the
 * warnings and breaches recorded once each, the automatic close and the next deadline the sweep indexes. Called in
 * the transaction of every change that can move a clock (opening, status, first response, public reply, priority,
 * organisation), by the sweep when a deadline comes, and by the replay when a contract version or calendar changes.
 * It always recomputes from the ticket's start with domain/sla/clock.ts, so the stored state is by construction the
 * one GET /tickets/{id}/sla explains.
 */

export type ReplayReason = 'priority' | 'contract' | 'calendar' | 'organisation';

export type SyncOptions = {
  /** Why the terms may have changed: the clocks are replayed and a change of due instants is recorded. */
  replay?: ReplayReason;
  /** The ticket was inserted in this transaction: nothing is stored for it yet and it has no history to read. */
  fresh?: boolean;
  /** The ticket's row as the caller's transaction holds it, when the caller has it at hand (saves reading it). */
  row?: TicketRow;
};

const DONE = ['resolved', 'closed'] as const;
const isDone = (kind: string) => (DONE as readonly string[]).includes(kind);

/** Working days for tickets of customers without a contract: Monday to Friday, 08:00–17:00 in the desk's zone. */
const defaultCalendars = new Map<string, CompiledCalendar>();
function defaultCalendar(timezone: string): CompiledCalendar {
  let compiled = defaultCalendars.get(timezone);
  if (!compiled) {
    const day = [['08:00', '17:00']] as [string, string][];
    compiled = compileCalendar({
      timezone,
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    });
    defaultCalendars.set(timezone, compiled);
  }
  return compiled;
}

type Transition = { cycle: number; at: number; state: 'running' | 'paused' | 'stopped'; reason: string | null };

/** A ledger's segments as transitions: each segment's start, and a stop where no segment follows at once. */
function transitionsOf(segments: readonly ClockSegment[], cycle: number): Transition[] {
  const out: Transition[] = [];
  segments.forEach((s, i) => {
    out.push({ cycle, at: s.from.getTime(), state: s.state, reason: s.reason ?? null });
    const next = segments[i + 1];
    if (s.to !== null && (!next || next.from.getTime() !== s.to.getTime())) {
      out.push({ cycle, at: s.to.getTime(), state: 'stopped', reason: null });
    }
  });
  return out;
}

const sameTransition = (a: Transition, b: Transition) =>
  a.cycle === b.cycle && a.at === b.at && a.state === b.state && a.reason === b.reason;

type Alert = { clock: ClockName; cycle: number; key: string; at: Date; dueAt: Date | null };

/** Every warning and breach that has happened by now, as the clocks say; recorded once each by the unique key. */
function alertsOf(clocks: TicketClocks): Alert[] {
  const alerts: Alert[] = [];
  for (const c of Object.values(clocks.clocks) as Clock[]) {
    const cycle = c.cycles ? c.cycles.length - 1 : 0;
    if (c.cycles) {
      c.cycles.forEach((y, i) => {
        if (y.breachedAt && i < cycle) {
          alerts.push({ clock: c.clock, cycle: i, key: 'breach', at: y.breachedAt, dueAt: y.breachedAt });
        }
      });
    }
    if (c.breachedAt) alerts.push({ clock: c.clock, cycle, key: 'breach', at: c.breachedAt, dueAt: c.breachedAt });
    // A warning for a clock that was met is moot: the awaited event came.
    if (c.state === 'met') continue;
    for (const w of c.warnings) {
      if (w.past && w.at && (c.breachedAt === null || w.at.getTime() < c.breachedAt.getTime())) {
        alerts.push({ clock: c.clock, cycle, key: `${w.kind}:${w.value}`, at: w.at, dueAt: c.dueAt });
      }
    }
  }
  return alerts;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The soonest due instant among the running clocks: the ticket's "due" as its summary shows it. */
function soonestRunningDue(clocks: readonly Clock[]): Date | null {
  const dues = clocks.filter((c) => c.state === 'running' && c.dueAt !== null).map((c) => c.dueAt!.getTime());
  return dues.length === 0 ? null : new Date(Math.min(...dues));
}

/** Brings the ticket's stored SLA state up to date at `ctx.clock.now()`, in the caller's transaction. */
export async function syncTicketSla(
  ctx: ServiceContext,
  tx: Executor,
  ticketId: string,
  options: SyncOptions = {},
): Promise<void> {
  const now = ctx.clock.now();
  const [found] =
    options.row?.id === ticketId ? [options.row] : await tx.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!found) return;
  let ticket: TicketRow = found;
  const system = withActor(ctx, { kind: 'system' });
  const replayChanges: Change[] = [];

  // A new contract version in force, or the ticket moved to another organisation: an open ticket runs on under the
  // terms in force now, its priority taken from that version's matrix unless an agent overrode it.
  if ((options.replay === 'contract' || options.replay === 'organisation') && !isDone(ticket.statusKind)) {
    const inForce = await versionInForce(tx, ticket.organisationId, now);
    if (inForce !== ticket.contractVersionId) {
      const next = await loadTermsOfVersion(tx, inForce);
      const priority =
        next && !ticket.priorityOverridden
          ? priorityFor(next.terms.matrix, ticket.urgency, ticket.impact)
          : ticket.priority;
      const [updated] = await tx
        .update(tickets)
        .set({ contractVersionId: inForce, priority })
        .where(eq(tickets.id, ticket.id))
        .returning();
      replayChanges.push({ field: 'contractVersionId', from: ticket.contractVersionId, to: inForce });
      if (priority !== ticket.priority) replayChanges.push({ field: 'priority', from: ticket.priority, to: priority });
      ticket = updated!;
    }
  }

  const sla = await loadTermsOfVersion(tx, ticket.contractVersionId);
  const asOf = now.getTime() < ticket.createdAt.getTime() ? ticket.createdAt : now;
  let clocks: TicketClocks | undefined;
  if (sla) {
    const timeline: TimelineEvent[] = options.fresh
      ? ticket.firstResponseAt
        ? [{ at: ticket.firstResponseAt, type: 'first_response' }]
        : []
      : await timelineOf(tx, ticket);
    clocks = computeClocks({
      openedAt: ticket.createdAt,
      priority: ticket.priority,
      terms: sla.terms,
      calendar: sla.compiled,
      timeline,
      now: asOf,
    });
  }

  const stored = options.fresh ? [] : await tx.select().from(ticketClocks).where(eq(ticketClocks.ticketId, ticket.id));
  const computed = clocks ? (Object.values(clocks.clocks) as Clock[]) : [];

  // Warnings and breaches: each once, whoever gets here first (a change, the sweep, a replay).
  const alerts = clocks ? alertsOf(clocks) : [];
  if (alerts.length > 0) {
    const recorded = await tx
      .insert(slaAlerts)
      .values(alerts.map((a) => ({ ticketId: ticket.id, ...a, recordedAt: now })))
      .onConflictDoNothing()
      .returning({ clock: slaAlerts.clock, cycle: slaAlerts.cycle, key: slaAlerts.key });
    // A warning recorded together with its clock's breach (the sweep came late: every worker was down) is history,
    // but no longer a warning: it is marked so, and only the breach is told.
    const breachedNow = new Set(recorded.filter((r) => r.key === 'breach').map((r) => `${r.clock}:${r.cycle}`));
    for (const r of recorded) {
      const alert = alerts.find((a) => a.clock === r.clock && a.cycle === r.cycle && a.key === r.key)!;
      const isBreach = alert.key === 'breach';
      await recordTicketEvent(system, tx, {
        ticketId: ticket.id,
        kind: isBreach ? 'sla_breached' : 'sla_warning',
        data: {
          clock: alert.clock,
          cycle: alert.cycle,
          threshold: alert.key,
          at: alert.at.toISOString(),
          dueAt: iso(alert.dueAt),
          ...(!isBreach && breachedNow.has(`${r.clock}:${r.cycle}`) ? { passedWithBreach: true } : {}),
        },
        isInternal: true,
      });
    }
  }

  // The clocks as they stand, and what is new in their ledger: written together with the ticket's deadlines below.
  const ledger = await planLedger(tx, ticket.id, computed, stored, now, options.fresh === true);
  const writes: SQLWrapper[] = [];
  if (computed.length > 0) {
    writes.push(
      tx
        .insert(ticketClocks)
        .values(
          computed.map((c) => ({
            ticketId: ticket.id,
            clock: c.clock,
            state: c.state,
            targetMinutes: c.targetMinutes,
            usedMinutes: c.usedMinutes,
            dueAt: c.dueAt,
            stoppedAt: c.stoppedAt,
            breachedAt: c.breachedAt,
            cycle: c.cycles ? c.cycles.length - 1 : 0,
            warnings: c.warnings.map((w) => ({ kind: w.kind, value: w.value, at: iso(w.at) })),
            generation: ledger.generations.get(c.clock)!,
            updatedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [ticketClocks.ticketId, ticketClocks.clock],
          set: {
            state: sql`excluded.state`,
            targetMinutes: sql`excluded.target_minutes`,
            usedMinutes: sql`excluded.used_minutes`,
            dueAt: sql`excluded.due_at`,
            stoppedAt: sql`excluded.stopped_at`,
            breachedAt: sql`excluded.breached_at`,
            cycle: sql`excluded.cycle`,
            warnings: sql`excluded.warnings`,
            generation: sql`excluded.generation`,
            updatedAt: sql`excluded.updated_at`,
          },
        }),
    );
  }
  if (stored.some((s) => !computed.some((c) => c.clock === s.clock))) {
    writes.push(
      tx.delete(ticketClocks).where(
        and(
          eq(ticketClocks.ticketId, ticket.id),
          notInArray(
            ticketClocks.clock,
            computed.map((c) => c.clock),
          ),
        ),
      ),
    );
  }
  if (ledger.inserts.length > 0) writes.push(tx.insert(ticketClockLedger).values(ledger.inserts));

  // A replay that moved a due instant, or ran the ticket under another version, is recorded with old and new.
  if (options.replay && !options.fresh) {
    for (const c of computed) {
      const before = stored.find((s) => s.clock === c.clock);
      const from = iso(before?.dueAt);
      const to = iso(c.dueAt);
      if (from !== to || (before?.state ?? null) !== c.state) {
        replayChanges.push({ field: `sla.${c.clock}.dueAt`, from, to });
      }
    }
    for (const s of stored) {
      if (!computed.some((c) => c.clock === s.clock)) {
        replayChanges.push({ field: `sla.${s.clock}.dueAt`, from: iso(s.dueAt), to: null });
      }
    }
    if (replayChanges.length > 0) {
      await recordTicketEvent(system, tx, {
        ticketId: ticket.id,
        kind: 'sla_replayed',
        changes: replayChanges,
        data: { reason: options.replay },
        isInternal: true,
      });
    }
  }

  // The automatic close of a resolved ticket, and the one instant the sweep waits for.
  const autoCloseAt =
    ticket.statusKind === 'resolved' && ticket.resolvedAt
      ? autoCloseDueAt(
          ticket.resolvedAt,
          { autoCloseWorkingDays: sla?.terms.autoCloseWorkingDays ?? DEFAULT_AUTO_CLOSE_WORKING_DAYS },
          sla?.compiled ?? defaultCalendar(ctx.config.timezone),
        )
      : null;
  const candidates = [clocks?.nextDeadlineAt?.getTime(), autoCloseAt?.getTime()].filter(
    (t): t is number => t !== undefined,
  );
  const nextDeadlineAt = candidates.length === 0 ? null : new Date(Math.min(...candidates));
  const slaDueAt = soonestRunningDue(computed);
  if (
    iso(ticket.autoCloseAt) !== iso(autoCloseAt) ||
    iso(ticket.nextDeadlineAt) !== iso(nextDeadlineAt) ||
    iso(ticket.slaDueAt) !== iso(slaDueAt) ||
    found.contractVersionId !== ticket.contractVersionId
  ) {
    writes.push(tx.update(tickets).set({ autoCloseAt, nextDeadlineAt, slaDueAt }).where(eq(tickets.id, ticket.id)));
  }
  // Distinct rows each (the clocks kept, those gone, new ledger rows, the ticket): one round trip for all of them,
  // which matters most when a ticket opens.
  await writeTogether(tx, writes);
}

/**
 * What is new in each clock's ledger. While the past stays as it was, only the transitions after the stored ones are
 * added; when the computed ledger no longer starts with the stored one (other pausing rules under another contract
 * version), the clock gets a new generation holding its whole ledger, and the old one stays as it was. Returns the
 * rows to insert and the generation each clock is on afterwards.
 */
async function planLedger(
  tx: Executor,
  ticketId: string,
  computed: readonly Clock[],
  stored: readonly { clock: ClockName; generation: number }[],
  now: Date,
  fresh: boolean,
): Promise<{ inserts: (typeof ticketClockLedger.$inferInsert)[]; generations: Map<ClockName, number> }> {
  const inserts: (typeof ticketClockLedger.$inferInsert)[] = [];
  const generations = new Map<ClockName, number>();
  if (computed.length === 0) return { inserts, generations };
  const rows = fresh
    ? []
    : await tx
        .select()
        .from(ticketClockLedger)
        .where(eq(ticketClockLedger.ticketId, ticketId))
        .orderBy(asc(ticketClockLedger.id));
  for (const c of computed) {
    const wanted = c.cycles ? c.cycles.flatMap((y, i) => transitionsOf(y.segments, i)) : transitionsOf(c.segments, 0);
    const generation = stored.find((s) => s.clock === c.clock)?.generation ?? 0;
    const have: Transition[] = rows
      .filter((r) => r.clock === c.clock && r.generation === generation)
      .map((r) => ({ cycle: r.cycle, at: r.at.getTime(), state: r.state, reason: r.reason }));
    const prefix = have.length <= wanted.length && have.every((t, i) => sameTransition(t, wanted[i]!));
    const write = prefix ? wanted.slice(have.length) : wanted;
    const into = prefix ? generation : generation + 1;
    generations.set(c.clock, into);
    for (const t of write) {
      inserts.push({
        ticketId,
        clock: c.clock,
        generation: into,
        cycle: t.cycle,
        at: new Date(t.at),
        state: t.state,
        reason: t.reason as (typeof ticketClockLedger.$inferInsert)['reason'],
        recordedAt: now,
      });
    }
  }
  return { inserts, generations };
}
