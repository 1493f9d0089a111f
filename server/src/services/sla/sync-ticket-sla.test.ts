import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGroup, makeOrganisation, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import {
  calendars,
  contractVersions,
  groups,
  notifications,
  slaAlerts,
  ticketClockLedger,
  ticketClocks,
  ticketEvents,
  tickets,
} from '../../db/schema.ts';
import { withActor } from '../context.ts';
import { autoCloseIfDue } from '../tickets/auto-close-ticket.ts';
import { changeTicketStatus } from '../tickets/change-ticket-status.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { addContractVersion } from './add-contract-version.ts';
import { createCalendar } from './create-calendar.ts';
import { createContract } from './create-contract.ts';
import { explainTicketSla } from './explain-ticket-sla.ts';
import { replayTicketClocks } from './replay-ticket-clocks.ts';
import { sweepSlaDeadlines } from './sweep-sla-deadlines.ts';
import { updateCalendar } from './update-calendar.ts';

// Monday 9 March 2026, Amsterdam on UTC+1. The contract: Mon–Fri 08:00–17:00, P3 first response 8 h, warning at 75 %.
const MON_1500 = '2026-03-09T14:00:00Z';
const TUE_1200 = '2026-03-10T11:00:00Z'; // 6 business hours after Monday 15:00: the 75 % warning
const TUE_1400 = '2026-03-10T13:00:00Z'; // 8 business hours: the first response is due (the seed example)

const office = [['08:00', '17:00']];
const weekdays = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };
const target = (firstResponseMinutes: number, resolutionMinutes: number) => ({
  firstResponseMinutes,
  resolutionMinutes,
});
const TARGETS = { P1: target(120, 480), P2: target(240, 960), P3: target(480, 2700), P4: target(960, 5400) };

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let calendarId: string;
let contractId: string;
let member: Awaited<ReturnType<typeof makePerson>>;
let lead: Awaited<ReturnType<typeof makePerson>>;
let groupId: string;

beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  member = await makePerson(h, { role: 'agent', organisationId: w.provider.id });
  lead = await makePerson(h, { role: 'agent', organisationId: w.provider.id });
  const group = await makeGroup(h, [w.agent.id, member.id, lead.id]);
  await h.deps.db.update(groups).set({ leadId: lead.id }).where(eq(groups.id, group.id));
  groupId = group.id;
  h.clock.set('2026-01-01T00:00:00Z');
  const calendar = await createCalendar({
    ctx: h.as(w.admin),
    input: { name: 'Amsterdam office', definition: { timezone: 'Europe/Amsterdam', weekly: weekdays } },
  });
  calendarId = calendar.id;
  const contract = await createContract({
    ctx: h.as(w.admin),
    input: {
      organisationId: w.orgA.id,
      name: 'Standard',
      version: { effectiveFrom: '2026-01-01T00:00:00Z', calendarId, targets: TARGETS },
    },
  });
  contractId = contract.id;
  await h.runJobs();
});
afterAll(() => h.close());

/** A ticket of customer A opened by the agent for contact A, held by the agent in the group. */
const openAt = async (at: string, org = w.orgA) => {
  h.clock.set(at);
  const requester = org.id === w.orgA.id ? w.contactA : w.contactB;
  return createTicket({
    ctx: h.as(w.agent),
    input: {
      subject: 'Mail server down',
      body: 'Nobody can send mail.',
      requesterEmail: requester.email,
      groupId,
      assigneeId: w.agent.id,
    },
  });
};
const clocksOf = async (ticketId: string) =>
  Object.fromEntries(
    (await h.deps.db.select().from(ticketClocks).where(eq(ticketClocks.ticketId, ticketId))).map((c) => [c.clock, c]),
  );
const ticketRow = async (ticketId: string) =>
  (await h.deps.db.select().from(tickets).where(eq(tickets.id, ticketId)))[0]!;
const eventsOf = async (ticketId: string, kind: string) =>
  h.deps.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind)))
    .orderBy(asc(ticketEvents.id));
const sweepAt = async (at: string) => {
  h.clock.set(at);
  return sweepSlaDeadlines(h.deps);
};

describe('stored SLA clocks', () => {
  it('records the contract version a new ticket runs under, its clocks, ledger and next deadline', async () => {
    const ticket = await openAt(MON_1500);
    const row = await ticketRow(ticket.id);
    expect(row.contractVersionId).not.toBeNull();
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ state: 'running', targetMinutes: 480, usedMinutes: 0 });
    expect(clocks.first_response!.dueAt!.toISOString()).toBe(new Date(TUE_1400).toISOString());
    expect(clocks.resolution).toMatchObject({ state: 'running', targetMinutes: 2700 });
    // the earliest thing to come is the first response's 75 % warning
    expect(row.nextDeadlineAt!.toISOString()).toBe(new Date(TUE_1200).toISOString());
    const ledger = await h.deps.db.select().from(ticketClockLedger).where(eq(ticketClockLedger.ticketId, ticket.id));
    expect(ledger.map((l) => [l.clock, l.state, l.at.toISOString()]).sort()).toEqual([
      ['first_response', 'running', new Date(MON_1500).toISOString()],
      ['resolution', 'running', new Date(MON_1500).toISOString()],
    ]);
  });

  it('keeps the stored clocks equal to the explanation as the ticket moves, appending to the ledger', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set('2026-03-09T15:00:00Z'); // Monday 16:00: waiting for the customer pauses every clock
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'awaiting_reply' } });
    let clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ state: 'paused', usedMinutes: 60, dueAt: null });
    expect((await ticketRow(ticket.id)).nextDeadlineAt).toBeNull();

    h.clock.set('2026-03-10T08:00:00Z'); // Tuesday 09:00: the customer answers, the clocks run again
    await replyToTicket({ ctx: h.as(w.contactA), id: ticket.id, input: { body: 'Here is the log.' } });
    clocks = await clocksOf(ticket.id);
    const sla = await explainTicketSla({ ctx: h.as(w.agent), id: ticket.id });
    for (const c of sla.clocks) {
      expect(clocks[c.clock]).toMatchObject({ state: c.state, usedMinutes: c.usedMinutes });
      expect(clocks[c.clock]!.dueAt?.toISOString() ?? null).toBe(c.dueAt);
    }
    const ledger = await h.deps.db
      .select()
      .from(ticketClockLedger)
      .where(and(eq(ticketClockLedger.ticketId, ticket.id), eq(ticketClockLedger.clock, 'first_response')))
      .orderBy(asc(ticketClockLedger.id));
    expect(ledger.map((l) => [l.state, l.reason, l.generation])).toEqual([
      ['running', null, 0],
      ['paused', 'waiting_customer', 0],
      ['running', null, 0],
    ]);

    h.clock.set('2026-03-10T09:00:00Z');
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Fixed it.' } });
    clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ state: 'met', usedMinutes: 120 }); // Monday 15–16, Tuesday 09–10
  });

  it('records a warning and a breach once each, at their true instants, however late the sweep runs', async () => {
    const ticket = await openAt(MON_1500);
    await sweepAt('2026-03-10T10:59:00Z');
    expect(await eventsOf(ticket.id, 'sla_warning')).toHaveLength(0);

    await sweepAt('2026-03-10T11:00:02Z');
    const warnings = await eventsOf(ticket.id, 'sla_warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      actorId: null,
      isInternal: true,
      data: { clock: 'first_response', threshold: 'percentOfTarget:75', at: new Date(TUE_1200).toISOString() },
    });
    await sweepAt('2026-03-10T11:30:00Z');
    expect(await eventsOf(ticket.id, 'sla_warning')).toHaveLength(1);

    // Every worker was down from before the due instant until Wednesday: the breach still carries Tuesday 14:00.
    await sweepAt('2026-03-11T09:00:00Z');
    const breaches = await eventsOf(ticket.id, 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.data).toMatchObject({ clock: 'first_response', at: new Date(TUE_1400).toISOString() });
    expect((await clocksOf(ticket.id)).first_response).toMatchObject({ state: 'breached' });
    await sweepAt('2026-03-11T10:00:00Z');
    expect(await eventsOf(ticket.id, 'sla_breached')).toHaveLength(1);

    // Told: the warning to the assignee and the group, the breach also to the group's lead.
    await h.runJobs();
    const told = async (eventId: number) =>
      (await h.deps.db.select().from(notifications).where(eq(notifications.eventId, eventId)))
        .map((n) => n.personId)
        .sort();
    expect(await told(warnings[0]!.id)).toEqual([w.agent.id, member.id, lead.id].sort());
    expect(await told(breaches[0]!.id)).toEqual([w.agent.id, member.id, lead.id].sort());
  });

  it('tells only the breach when its warning passed unseen with it, though both are recorded', async () => {
    const ticket = await openAt(MON_1500);
    // Every worker was down from before the warning until after the due instant.
    await sweepAt('2026-03-11T09:00:00Z');
    const [warning] = await eventsOf(ticket.id, 'sla_warning');
    const [breach] = await eventsOf(ticket.id, 'sla_breached');
    expect(warning!.data).toMatchObject({ at: new Date(TUE_1200).toISOString(), passedWithBreach: true });
    expect(breach!.data).not.toHaveProperty('passedWithBreach');
    await h.runJobs();
    const told = async (eventId: number) =>
      (await h.deps.db.select().from(notifications).where(eq(notifications.eventId, eventId))).length;
    expect(await told(warning!.id)).toBe(0);
    expect(await told(breach!.id)).toBe(3);
  });

  it('never records an alert twice when two sweeps run at once', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set('2026-03-11T09:00:00Z');
    await Promise.all([sweepSlaDeadlines(h.deps), sweepSlaDeadlines(h.deps), sweepSlaDeadlines(h.deps)]);
    expect(await eventsOf(ticket.id, 'sla_breached')).toHaveLength(1);
    expect(await eventsOf(ticket.id, 'sla_warning')).toHaveLength(1);
    const alerts = await h.deps.db.select().from(slaAlerts).where(eq(slaAlerts.ticketId, ticket.id));
    expect(alerts.map((a) => a.key).sort()).toEqual(['breach', 'percentOfTarget:75']);
  });

  it('replays the clocks when the priority changes, recording old and new due instants', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set('2026-03-09T15:00:00Z');
    await updateTicket({ ctx: h.as(w.agent), id: ticket.id, input: { urgency: 'high' } }); // P3 → P2: 4 hours
    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response!.dueAt!.toISOString()).toBe('2026-03-10T09:00:00.000Z'); // Tuesday 10:00
    const [replayed] = await eventsOf(ticket.id, 'sla_replayed');
    expect(replayed!.data).toEqual({ reason: 'priority' });
    expect(replayed!.changes).toContainEqual({
      field: 'sla.first_response.dueAt',
      from: new Date(TUE_1400).toISOString(),
      to: '2026-03-10T09:00:00.000Z',
    });
  });

  it('replays open tickets when their calendar changes, through the replay job', async () => {
    const ticket = await openAt(MON_1500);
    const resolved = await openAt(MON_1500);
    h.clock.set('2026-03-09T15:00:00Z');
    await changeTicketStatus({ ctx: h.as(w.agent), id: resolved.id, input: { status: 'resolved' } });
    const evening = [['08:00', '18:00']];
    await updateCalendar({
      ctx: h.as(w.admin),
      id: calendarId,
      input: {
        definition: {
          timezone: 'Europe/Amsterdam',
          weekly: { mon: evening, tue: evening, wed: evening, thu: evening, fri: evening, sat: [], sun: [] },
        },
      },
    });
    await h.runJobs();
    // Monday 15:00–18:00 is 3 h, so 8 h are done on Tuesday 13:00
    expect((await clocksOf(ticket.id)).first_response!.dueAt!.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    const [replayed] = await eventsOf(ticket.id, 'sla_replayed');
    expect(replayed).toMatchObject({ data: { reason: 'calendar' }, isInternal: true });
    // a resolved ticket keeps what was measured
    expect(await eventsOf(resolved.id, 'sla_replayed')).toHaveLength(0);
    await updateCalendar({
      ctx: h.as(w.admin),
      id: calendarId,
      input: { definition: { timezone: 'Europe/Amsterdam', weekly: weekdays } },
    });
    await h.runJobs();
  });

  it('moves open tickets to a new contract version when it takes effect, priority from its matrix', async () => {
    const ticket = await openAt(MON_1500);
    const before = await ticketRow(ticket.id);
    h.clock.set('2026-03-09T14:30:00Z');
    const matrix = (['high', 'normal', 'low'] as const).flatMap((urgency) =>
      (['high', 'normal', 'low'] as const).map((impact) => ({ urgency, impact, priority: 'P2' as const })),
    );
    await addContractVersion({
      ctx: h.as(w.admin),
      id: contractId,
      input: { effectiveFrom: '2026-03-09T15:00:00Z', calendarId, targets: TARGETS, matrix },
    });
    // the replay job waits for the version's instant
    const waiting = await queryRows<{ start_after: Date }>(
      h.deps.db,
      sql`SELECT start_after FROM pgboss.job WHERE name = 'sla.replay' AND data->>'contractId' = ${contractId}
          ORDER BY created_on DESC LIMIT 1`,
    );
    expect(new Date(waiting[0]!.start_after).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    h.clock.set('2026-03-09T15:00:00Z'); // run its service at that instant
    await replayTicketClocks(h.deps, { contractId });
    const after = await ticketRow(ticket.id);
    expect(after.contractVersionId).not.toBe(before.contractVersionId);
    expect(after.priority).toBe('P2');
    const [replayed] = await eventsOf(ticket.id, 'sla_replayed');
    expect(replayed!.changes).toEqual(
      expect.arrayContaining([
        { field: 'contractVersionId', from: before.contractVersionId, to: after.contractVersionId },
        { field: 'priority', from: 'P3', to: 'P2' },
      ]),
    );
    // a ticket opened from now on runs under the new version from its start
    const later = await openAt('2026-03-09T16:00:00Z');
    expect((await ticketRow(later.id)).contractVersionId).toBe(after.contractVersionId);
    expect(later.priority).toBe('P2');
  });
  it('starts a new ledger generation when new terms rewrite the past, keeping the old one as it was', async () => {
    // An organisation of its own, so the versions added here touch no other test's tickets.
    h.clock.set('2026-01-01T00:00:00Z');
    const org = await makeOrganisation(h);
    const contact = await makePerson(h, { role: 'contact', organisationId: org.id });
    const own = await createContract({
      ctx: h.as(w.admin),
      input: { organisationId: org.id, name: 'Own', version: { calendarId, targets: TARGETS } },
    });
    h.clock.set(MON_1500);
    const ticket = await createTicket({
      ctx: h.as(w.agent),
      input: { subject: 'VPN drops', body: 'Every hour.', requesterEmail: contact.email, groupId },
    });
    h.clock.set('2026-03-09T15:00:00Z'); // waiting for the customer pauses the clocks under the first version
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'awaiting_reply' } });
    // The new version pauses nothing: from the ticket's start, first response never paused.
    await addContractVersion({
      ctx: h.as(w.admin),
      id: own.id,
      input: {
        effectiveFrom: '2026-03-09T15:30:00Z',
        calendarId,
        targets: TARGETS,
        pausing: { firstResponse: [], resolution: [], update: [] },
      },
    });
    h.clock.set('2026-03-09T15:30:00Z');
    await replayTicketClocks(h.deps, { contractId: own.id });

    const clocks = await clocksOf(ticket.id);
    expect(clocks.first_response).toMatchObject({ state: 'running', generation: 1, usedMinutes: 90 });
    const ledger = await h.deps.db
      .select()
      .from(ticketClockLedger)
      .where(and(eq(ticketClockLedger.ticketId, ticket.id), eq(ticketClockLedger.clock, 'first_response')))
      .orderBy(asc(ticketClockLedger.id));
    expect(ledger.map((l) => [l.generation, l.state, l.reason])).toEqual([
      [0, 'running', null],
      [0, 'paused', 'waiting_customer'],
      [1, 'running', null],
    ]);
    const sla = await explainTicketSla({ ctx: h.as(w.agent), id: ticket.id });
    expect(sla.clocks.find((c) => c.clock === 'first_response')).toMatchObject({ state: 'running', usedMinutes: 90 });
    expect((await ticketRow(ticket.id)).nextDeadlineAt).not.toBeNull();
  });

  it('drops the clocks and the deadline of a ticket that moves to an organisation without a contract', async () => {
    const ticket = await openAt(MON_1500);
    expect(Object.keys(await clocksOf(ticket.id)).length).toBeGreaterThan(0);
    const elsewhere = await makeOrganisation(h);
    const newcomer = await makePerson(h, { role: 'contact', organisationId: elsewhere.id });
    h.clock.set('2026-03-09T15:00:00Z');
    await updateTicket({ ctx: h.as(w.agent), id: ticket.id, input: { requesterId: newcomer.id } });
    const row = await ticketRow(ticket.id);
    expect(row).toMatchObject({ organisationId: elsewhere.id, contractVersionId: null, nextDeadlineAt: null });
    expect(await clocksOf(ticket.id)).toEqual({});
    // what was measured stays in the ledger
    const ledger = await h.deps.db.select().from(ticketClockLedger).where(eq(ticketClockLedger.ticketId, ticket.id));
    expect(ledger.length).toBeGreaterThan(0);
  });
});

describe('automatic closing', () => {
  it('closes a resolved ticket at the end of the next working day, not before', async () => {
    const ticket = await openAt('2026-03-13T14:00:00Z'); // Friday 15:00
    h.clock.set('2026-03-13T15:00:00Z'); // resolved Friday 16:00
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'resolved' } });
    const row = await ticketRow(ticket.id);
    expect(row.autoCloseAt!.toISOString()).toBe('2026-03-16T16:00:00.000Z'); // Monday 17:00 in Amsterdam
    expect(row.nextDeadlineAt!.toISOString()).toBe('2026-03-16T16:00:00.000Z');

    await sweepAt('2026-03-16T15:59:00Z');
    expect((await ticketRow(ticket.id)).statusKind).toBe('resolved');
    const result = await sweepAt('2026-03-16T16:00:00Z');
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const closed = await ticketRow(ticket.id);
    expect(closed).toMatchObject({ statusKind: 'closed', autoCloseAt: null, nextDeadlineAt: null });
    expect(await eventsOf(ticket.id, 'auto_closed')).toHaveLength(1);
    await sweepAt('2026-03-17T16:00:00Z');
    expect(await eventsOf(ticket.id, 'auto_closed')).toHaveLength(1);
  });

  it('waits for the new instant when the customer reopens and it is resolved again', async () => {
    const ticket = await openAt('2026-03-16T09:00:00Z'); // Monday 10:00
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'resolved' } });
    h.clock.set('2026-03-17T09:00:00Z'); // Tuesday: the customer replies, which reopens it
    await replyToTicket({ ctx: h.as(w.contactA), id: ticket.id, input: { body: 'Still broken.' } });
    expect(await ticketRow(ticket.id)).toMatchObject({ statusKind: 'open', autoCloseAt: null });
    h.clock.set('2026-03-18T09:00:00Z'); // resolved again Wednesday
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'resolved' } });
    await sweepAt('2026-03-18T16:30:00Z');
    expect((await ticketRow(ticket.id)).statusKind).toBe('resolved');
    await sweepAt('2026-03-19T16:00:00Z'); // Thursday 17:00
    expect((await ticketRow(ticket.id)).statusKind).toBe('closed');
  });

  it('counts working days in the desk’s time zone for a customer without a contract', async () => {
    const org = await makeOrganisation(h, { name: 'No contract' });
    const person = await makePerson(h, { role: 'contact', organisationId: org.id });
    h.clock.set('2026-03-13T15:00:00Z'); // Friday
    const ticket = await createTicket({
      ctx: h.as(w.agent),
      input: { subject: 'Question', body: 'How do I?', requesterEmail: person.email },
    });
    expect(await clocksOf(ticket.id)).toEqual({});
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'resolved' } });
    // TIMEZONE defaults to UTC: Monday 17:00 UTC
    expect((await ticketRow(ticket.id)).autoCloseAt!.toISOString()).toBe('2026-03-16T17:00:00.000Z');
  });

  it('runs as the system only', async () => {
    const ticket = await openAt('2026-03-16T09:00:00Z');
    const row = await ticketRow(ticket.id);
    await expect(
      h.deps.db.transaction(async (tx) => autoCloseIfDue(withActor(h.deps, h.as(w.agent).actor), tx, row)),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the sweep', () => {
  it('sets a ticket it cannot handle aside for a few minutes and goes on with the others', async () => {
    const broken = await openAt(MON_1500);
    const fine = await openAt(MON_1500);
    // a calendar stored in a shape the engine refuses (as if written by a bug): its tickets cannot be computed
    const [bad] = await h.deps.db
      .insert(calendars)
      .values({
        name: 'Broken',
        definition: { timezone: 'Not/AZone' } as never,
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      })
      .returning();
    const [version] = await h.deps.db.select().from(contractVersions).limit(1);
    const [badVersion] = await h.deps.db
      .insert(contractVersions)
      .values({ ...version!, id: undefined, contractId, version: 99, calendarId: bad!.id })
      .returning();
    await h.deps.db.update(tickets).set({ contractVersionId: badVersion!.id }).where(eq(tickets.id, broken.id));
    const result = await sweepAt('2026-03-10T11:00:02Z');
    expect(result.failed).toBe(1);
    expect((await ticketRow(broken.id)).nextDeadlineAt!.toISOString()).toBe('2026-03-10T11:05:02.000Z');
    expect(await eventsOf(fine.id, 'sla_warning')).toHaveLength(1);
  });
});
