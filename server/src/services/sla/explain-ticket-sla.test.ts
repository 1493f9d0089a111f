import { TicketSla } from '@loket/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, makeOrganisation, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { changeTicketStatus } from '../tickets/change-ticket-status.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { updateTicket } from '../tickets/update-ticket.ts';
import { createCalendar } from './create-calendar.ts';
import { createContract } from './create-contract.ts';
import { explainTicketSla } from './explain-ticket-sla.ts';

// Monday 9 March 2026 is an ordinary working day in Sweden; Stockholm is on UTC+1 until 29 March.
const MON_1500 = '2026-03-09T14:00:00Z';
const MON_1530 = '2026-03-09T14:30:00Z';
const MON_1600 = '2026-03-09T15:00:00Z';
const MON_1700 = '2026-03-09T16:00:00Z';
const TUE_0900 = '2026-03-10T08:00:00Z';
const TUE_1000 = '2026-03-10T09:00:00Z';
const TUE_1300 = '2026-03-10T12:00:00Z';
const TUE_1400 = '2026-03-10T13:00:00Z';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let contractId: string;
let calendarId: string;

const office = [['08:00', '17:00']];
const target = (firstResponseMinutes: number, resolutionMinutes: number, updateMinutes?: number) => ({
  firstResponseMinutes,
  resolutionMinutes,
  ...(updateMinutes === undefined ? {} : { updateMinutes }),
});

beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  const calendar = await createCalendar({
    ctx: h.as(w.admin),
    input: {
      name: 'Stockholm office',
      definition: {
        timezone: 'Europe/Stockholm',
        weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
      },
    },
  });
  calendarId = calendar.id;
  const contract = await createContract({
    ctx: h.as(w.admin),
    input: {
      organisationId: w.orgA.id,
      name: 'Standard support',
      version: {
        effectiveFrom: '2026-01-01T00:00:00Z',
        calendarId,
        targets: { P1: target(60, 240, 120), P2: target(240, 960), P3: target(480, 2700), P4: target(960, 5400) },
      },
    },
  });
  contractId = contract.id;
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const explain = (who: Who, id: string) => explainTicketSla({ ctx: h.as(who), id });
const openAt = async (at: string, who: Who = w.contactA) => {
  h.clock.set(at);
  return createTicket({ ctx: h.as(who), input: { subject: 'Printer offline', body: 'Since this morning.' } });
};
const clockOf = (sla: TicketSla, name: 'first_response' | 'resolution' | 'update') => {
  const clock = sla.clocks.find((c) => c.clock === name);
  if (!clock) throw new Error(`no ${name} clock`);
  return clock;
};

describe('explaining a ticket’s SLA clocks', () => {
  it('dues a P3 first response opened Monday 15:00 on Tuesday 14:00, and meets it with an agent reply at 13:00', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set(MON_1600);
    const before = await explain(w.agent, ticket.id);
    expect(before.contract).toEqual({
      id: contractId,
      name: 'Standard support',
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00.000Z',
      calendar: { id: calendarId, name: 'Stockholm office', timezone: 'Europe/Stockholm' },
    });
    expect(before.priority).toBe('P3');
    expect(before.clocks.map((c) => c.clock)).toEqual(['first_response', 'resolution']);
    expect(clockOf(before, 'first_response')).toMatchObject({
      state: 'running',
      targetMinutes: 480,
      usedMinutes: 60,
      leftMinutes: 420,
      dueAt: new Date(TUE_1400).toISOString(),
      segments: [{ from: new Date(MON_1500).toISOString(), to: null, state: 'running', reason: null }],
    });
    // 75 % of 480 minutes is 360: Monday's two hours and four on Tuesday.
    expect(clockOf(before, 'first_response').warnings).toEqual([
      { kind: 'percentOfTarget', value: 75, at: '2026-03-10T11:00:00.000Z', past: false },
    ]);
    expect(before.nextDeadlineAt).toBe('2026-03-10T11:00:00.000Z');
    // The requester sees the same clocks: nothing in them is internal.
    expect(await explain(w.contactA, ticket.id)).toEqual(before);
    expect(() => TicketSla.parse(before)).not.toThrow();

    h.clock.set(TUE_1300);
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Restarting the spooler.' } });
    h.clock.set(TUE_1400);
    const after = clockOf(await explain(w.agent, ticket.id), 'first_response');
    expect(after).toMatchObject({
      state: 'met',
      usedMinutes: 420,
      leftMinutes: 60,
      stoppedAt: new Date(TUE_1300).toISOString(),
      dueAt: new Date(TUE_1400).toISOString(),
      breachedAt: null,
    });
  });

  it('pauses the resolution clock while awaiting the customer, and runs it again on the customer’s reply', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set(MON_1600);
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'awaiting_reply' } });
    h.clock.set(MON_1700);
    const paused = clockOf(await explain(w.agent, ticket.id), 'resolution');
    expect(paused).toMatchObject({ state: 'paused', usedMinutes: 60, dueAt: null });
    expect(paused.segments).toEqual([
      { from: new Date(MON_1500).toISOString(), to: new Date(MON_1600).toISOString(), state: 'running', reason: null },
      { from: new Date(MON_1600).toISOString(), to: null, state: 'paused', reason: 'waiting_customer' },
    ]);

    h.clock.set(TUE_0900);
    await replyToTicket({ ctx: h.as(w.contactA), id: ticket.id, input: { body: 'It is plugged in.' } });
    h.clock.set(TUE_1000);
    const running = clockOf(await explain(w.agent, ticket.id), 'resolution');
    expect(running).toMatchObject({ state: 'running', usedMinutes: 120, leftMinutes: 2700 - 120 });
    expect(running.segments).toEqual([
      { from: new Date(MON_1500).toISOString(), to: new Date(MON_1600).toISOString(), state: 'running', reason: null },
      {
        from: new Date(MON_1600).toISOString(),
        to: new Date(TUE_0900).toISOString(),
        state: 'paused',
        reason: 'waiting_customer',
      },
      { from: new Date(TUE_0900).toISOString(), to: null, state: 'running', reason: null },
    ]);
    // Unpaused, 2700 minutes from Monday 15:00 end the next Monday at 15:00; the pause took two business hours out
    // (Monday 16:00–17:00, Tuesday 08:00–09:00), so it is due at 17:00.
    expect(running.dueAt).toBe('2026-03-16T16:00:00.000Z');
  });

  it('replays every clock from the start under the new priority', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set(MON_1530);
    expect(clockOf(await explain(w.agent, ticket.id), 'first_response').dueAt).toBe(new Date(TUE_1400).toISOString());
    await updateTicket({ ctx: h.as(w.agent), id: ticket.id, input: { priority: 'P1', priorityReason: 'Payroll' } });
    const replayed = await explain(w.agent, ticket.id);
    expect(replayed.priority).toBe('P1');
    expect(clockOf(replayed, 'first_response')).toMatchObject({
      targetMinutes: 60,
      usedMinutes: 30,
      dueAt: new Date(MON_1600).toISOString(),
    });
    // 240 minutes from Monday 15:00: two hours on Monday, two on Tuesday.
    expect(clockOf(replayed, 'resolution').dueAt).toBe('2026-03-10T09:00:00.000Z');
    expect(clockOf(replayed, 'update')).toMatchObject({ targetMinutes: 120, dueAt: new Date(MON_1700).toISOString() });
  });

  it('answers contract null for a ticket of an organisation without a contract', async () => {
    const ticket = await openAt(MON_1500, w.contactB);
    h.clock.set(MON_1600);
    expect(await explain(w.contactB, ticket.id)).toEqual({
      contract: null,
      priority: 'P3',
      clocks: [],
      nextDeadlineAt: null,
    });
  });

  it('of several contracts takes the one whose version in force at opening started latest', async () => {
    const org = await makeOrganisation(h);
    const contact = await makePerson(h, { role: 'contact', organisationId: org.id });
    const contractFor = (name: string, effectiveFrom: string, p3: number) =>
      createContract({
        ctx: h.as(w.admin),
        input: {
          organisationId: org.id,
          name,
          version: {
            effectiveFrom,
            calendarId,
            targets: { P1: target(60, 240), P2: target(240, 960), P3: target(p3, 2700), P4: target(960, 5400) },
          },
        },
      });
    await contractFor('Old agreement', '2025-01-01T00:00:00Z', 120);
    const renewed = await contractFor('Renewed agreement', '2026-02-01T00:00:00Z', 240);
    await contractFor('Next year', '2027-01-01T00:00:00Z', 30);
    const ticket = await openAt(MON_1500, contact);
    h.clock.set(MON_1600);
    const sla = await explain(contact, ticket.id);
    expect(sla.contract).toMatchObject({ id: renewed.id, name: 'Renewed agreement', version: 1 });
    expect(clockOf(sla, 'first_response').targetMinutes).toBe(240);
  });

  it('answers not found for another organisation’s ticket, like a missing one', async () => {
    const ticket = await openAt(MON_1500);
    await expect(explain(w.contactB, ticket.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(explain(w.managerB, ticket.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(explain(w.contactB, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('serves the explanation at GET /api/v1/tickets/:id/sla, and 404 to a foreign customer', async () => {
    const ticket = await openAt(MON_1500);
    h.clock.set(MON_1600);
    const mine = await h.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.reference}/sla`,
      headers: { cookie: await loginCookie(h, w.contactA.email) },
    });
    expect(mine.statusCode).toBe(200);
    expect(clockOf(TicketSla.parse(mine.json()), 'first_response').dueAt).toBe(new Date(TUE_1400).toISOString());
    const foreign = await h.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${ticket.id}/sla`,
      headers: { cookie: await loginCookie(h, w.contactB.email) },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
