import type { SlaClock, TicketSla } from '@loket/contract';
import { type Clock, computeClocks } from '../../domain/sla/clock.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadTermsOfVersion, timelineOf } from './ticket-sla-inputs.ts';

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
 * Explains every SLA clock of a ticket, computed on read from its history: segments with pause reasons, minutes
 * used and left, due instants, warnings and the next deadline. The terms are those of the contract version the
 * ticket runs under (tickets.contractVersionId), on that version's calendar as it is defined now, for the ticket's
 * current priority: a change of priority or calendar replays every clock from the ticket's start. This is the same
 * computation that keeps the stored clocks (sync-ticket-sla.ts), done as of the moment of reading. Customers see the same answer for
 * the tickets they may see (nothing in a clock is internal); a ticket they may not see is not found.
 */
export async function explainTicketSla({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<TicketSla> {
  const actor = requirePermission(ctx, 'ticket:read');
  const ticket = await getTicketRowForActor(ctx.db, actor, id);
  const sla = await loadTermsOfVersion(ctx.db, ticket.contractVersionId);
  if (!sla) return { contract: null, priority: ticket.priority, clocks: [], nextDeadlineAt: null };

  const { contract, version, calendar, terms } = sla;
  const now = ctx.clock.now();
  // A read at an instant before the ticket's opening (a clock set back) sees it as just opened.
  const asOf = now.getTime() < ticket.createdAt.getTime() ? ticket.createdAt : now;
  const result = computeClocks({
    openedAt: ticket.createdAt,
    priority: ticket.priority,
    terms,
    calendar: sla.compiled,
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
        id: calendar.id as NonNullable<TicketSla['contract']>['calendar']['id'],
        name: calendar.name,
        timezone: calendar.definition.timezone,
      },
    },
    priority: ticket.priority,
    clocks: [first_response, resolution, ...(update ? [update] : [])].map(toSlaClock),
    nextDeadlineAt: iso(result.nextDeadlineAt),
  };
}
