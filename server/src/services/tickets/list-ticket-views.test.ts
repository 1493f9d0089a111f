import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../../../test/api.ts';
import { loginCookie, makeGroup, makeOrganisation, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { tickets } from '../../db/schema.ts';
import { createCalendar } from '../sla/create-calendar.ts';
import { createContract } from '../sla/create-contract.ts';
import { sweepSlaDeadlines } from '../sla/sweep-sla-deadlines.ts';
import { assignTicket } from './assign-ticket.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { countTickets } from './count-tickets.ts';
import { createTicket } from './create-ticket.ts';
import { listTickets } from './list-tickets.ts';
import { replyToTicket } from './reply-to-ticket.ts';

// Monday 9 March 2026, 15:00 in Stockholm (UTC+1).
const MON_1500 = '2026-03-09T14:00:00Z';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let group: { id: string };
let otherGroup: { id: string };
let otherAgent: Awaited<ReturnType<typeof makePerson>>;
type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const ids = async (who: Who, query: Record<string, unknown>) =>
  (await listTickets({ ctx: h.as(who), query })).items.map((t) => t.id);
const open = (who: Who, subject: string) =>
  createTicket({ ctx: h.as(who), input: { subject, body: 'Something is broken.' } });
const setDeadline = (id: string, at: string | null) =>
  h.deps.db
    .update(tickets)
    .set({ nextDeadlineAt: at ? new Date(at) : null })
    .where(eq(tickets.id, id));

beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  h.clock.set(MON_1500);
  otherAgent = await makePerson(h, { role: 'agent', organisationId: w.provider.id });
  group = await makeGroup(h, [w.agent.id]);
  otherGroup = await makeGroup(h, [otherAgent.id]);
});
afterAll(() => h.close());

describe('the agent console’s views of the ticket list', () => {
  it('lists my groups’ unassigned open tickets, not other groups’, not assigned or resolved ones', async () => {
    const mineUnassigned = await open(w.contactA, 'In my group');
    const assigned = await open(w.contactA, 'Assigned');
    const elsewhere = await open(w.contactA, 'Other group');
    const resolved = await open(w.contactA, 'Resolved');
    const agent = h.as(w.agent);
    await assignTicket({ ctx: agent, id: mineUnassigned.id, input: { groupId: group.id } });
    await assignTicket({ ctx: agent, id: assigned.id, input: { groupId: group.id, assigneeId: w.agent.id } });
    await assignTicket({ ctx: agent, id: elsewhere.id, input: { groupId: otherGroup.id } });
    await assignTicket({ ctx: agent, id: resolved.id, input: { groupId: group.id } });
    await changeTicketStatus({ ctx: agent, id: resolved.id, input: { status: 'resolved' } });

    const view = await ids(w.agent, { view: 'my_groups_unassigned' });
    expect(view).toContain(mineUnassigned.id);
    expect(view).not.toContain(assigned.id);
    expect(view).not.toContain(elsewhere.id);
    expect(view).not.toContain(resolved.id);
    expect(await ids(otherAgent, { view: 'my_groups_unassigned' })).toEqual([elsewhere.id]);
    expect(await ids(w.agent, { view: 'mine' })).toEqual([assigned.id]);
  });

  it('lists tickets breaching soon by their next deadline, soonest first, with cursor pagination', async () => {
    const later = await open(w.contactB, 'Due in three hours');
    const soon = await open(w.contactB, 'Due in ten minutes');
    const farAway = await open(w.contactB, 'Due tomorrow');
    const none = await open(w.contactB, 'No deadline');
    await setDeadline(none.id, null);
    await setDeadline(later.id, '2026-03-09T17:00:00Z');
    await setDeadline(soon.id, '2026-03-09T14:10:00Z');
    await setDeadline(farAway.id, '2026-03-10T14:00:00Z');
    const query = { view: 'breaching_soon', sort: 'nextDeadlineAt', organisationId: w.orgB.id };
    expect(await ids(w.agent, query)).toEqual([soon.id, later.id]);
    expect(await ids(w.agent, { ...query, dueWithinMinutes: '60' })).toEqual([soon.id]);

    const first = await listTickets({ ctx: h.as(w.agent), query: { ...query, limit: '1' } });
    expect(first.items.map((t) => t.id)).toEqual([soon.id]);
    const second = await listTickets({ ctx: h.as(w.agent), query: { ...query, limit: '1', cursor: first.nextCursor } });
    expect(second.items.map((t) => t.id)).toEqual([later.id]);

    // Sorting by deadline alone keeps tickets without one, after all the others.
    const all = await ids(w.agent, { sort: 'nextDeadlineAt', organisationId: w.orgB.id });
    expect(all).toEqual([soon.id, later.id, farAway.id, none.id]);
    const backwards = await ids(w.agent, { sort: '-nextDeadlineAt', organisationId: w.orgB.id, limit: '2' });
    expect(backwards).toEqual([none.id, farAway.id]);
  });

  it('lists tickets waiting on the customer', async () => {
    const waiting = await open(w.contactA2, 'Waiting');
    await changeTicketStatus({ ctx: h.as(w.agent), id: waiting.id, input: { status: 'awaiting_reply' } });
    expect(await ids(w.agent, { view: 'waiting_customer', requesterId: w.contactA2.id })).toEqual([waiting.id]);
    // The customer sees it in the same view of their own tickets.
    expect(await ids(w.contactA2, { view: 'waiting_customer' })).toEqual([waiting.id]);
  });

  it('keeps customers to their own tickets in every view, and the agents’ views to agents', async () => {
    const contactsOwn = await ids(w.contactA, { view: 'open' });
    const all = await h.deps.db.select({ id: tickets.id, requesterId: tickets.requesterId }).from(tickets);
    const own = all.filter((t) => t.requesterId === w.contactA.id).map((t) => t.id);
    expect(contactsOwn.every((id) => own.includes(id))).toBe(true);
    expect(contactsOwn.length).toBeGreaterThan(0);
    await expect(listTickets({ ctx: h.as(w.contactA), query: { view: 'mine' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const managed = await ids(w.managerB, { view: 'breaching_soon' });
    expect(managed.length).toBe(2);
  });

  it('counts every view in one answer, matching the lists', async () => {
    const counts = await countTickets({ ctx: h.as(w.agent), query: {} });
    for (const [key, view] of [
      ['mine', 'mine'],
      ['myGroupsUnassigned', 'my_groups_unassigned'],
      ['open', 'open'],
      ['breachingSoon', 'breaching_soon'],
      ['waitingCustomer', 'waiting_customer'],
    ] as const) {
      expect(counts[key], key).toBe((await ids(w.agent, { view, limit: '200' })).length);
    }
    const customer = await countTickets({ ctx: h.as(w.managerB), query: { dueWithinMinutes: '60' } });
    expect(customer).toEqual({ mine: null, myGroupsUnassigned: null, open: 4, breachingSoon: 1, waitingCustomer: 0 });
  });

  it('answers the counts over HTTP', async () => {
    const cookie = await loginCookie(h, w.agent.email);
    const res = await callApi(h, cookie, 'GET', '/tickets/counts');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mine: 1, myGroupsUnassigned: 1 });
  });
});

describe('the SLA summary on each ticket', () => {
  /** A customer of a new organisation whose contract runs on office hours in Stockholm, one target for every priority. */
  async function customerUnderContract(
    target: { firstResponseMinutes: number; resolutionMinutes: number },
    warnings?: { percentOfTarget: number[] },
  ) {
    const org = await makeOrganisation(h);
    const customer = await makePerson(h, { role: 'contact', organisationId: org.id });
    const office = [['08:00', '17:00']];
    const calendar = await createCalendar({
      ctx: h.as(w.admin),
      input: {
        name: `Office of ${org.name}`,
        definition: {
          timezone: 'Europe/Stockholm',
          weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        },
      },
    });
    await createContract({
      ctx: h.as(w.admin),
      input: {
        organisationId: org.id,
        name: 'Standard',
        version: {
          effectiveFrom: '2026-01-01T00:00:00Z',
          calendarId: calendar.id,
          targets: { P1: target, P2: target, P3: target, P4: target },
          ...(warnings ? { warnings } : {}),
        },
      },
    });
    return customer;
  }

  it('shows when the first response is due, to the customer too, and which clock is next', async () => {
    const customer = await customerUnderContract({ firstResponseMinutes: 480, resolutionMinutes: 2700 });
    const ticket = await open(customer, 'Printer offline');
    const [seen] = (await listTickets({ ctx: h.as(customer), query: {} })).items;
    // Monday 15:00 + 8 business hours on 08:00–17:00 is Tuesday 14:00 (13:00 UTC).
    expect(seen!.id).toBe(ticket.id);
    expect(seen!.sla).toMatchObject({
      dueAt: '2026-03-10T13:00:00.000Z',
      clock: 'first_response',
      firstResponseDueAt: '2026-03-10T13:00:00.000Z',
      breached: false,
    });
    expect(seen!.sla!.resolutionDueAt).not.toBeNull();
    expect(seen!.sla!.paused).toBe(false);
    // Waiting on the customer: no due while the clocks are paused, and the summary says why.
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'awaiting_reply' } });
    const [waiting] = (await listTickets({ ctx: h.as(customer), query: {} })).items;
    expect(waiting!.sla).toMatchObject({ dueAt: null, clock: null, paused: true, breached: false });
    // Without a contract there is no summary.
    expect((await listTickets({ ctx: h.as(w.contactB), query: {} })).items[0]!.sla).toBeNull();
  });

  it('sorts breaching soon by the due each ticket shows, though a warning of another comes first', async () => {
    const customer = await customerUnderContract(
      { firstResponseMinutes: 100, resolutionMinutes: 2700 },
      { percentOfTarget: [10] },
    );
    const org = { id: customer.organisationId };
    // Opened 80 minutes ago: warned already, its first response due in 20 minutes (14:20 UTC).
    h.clock.set('2026-03-09T12:40:00Z');
    const dueFirst = await open(customer, 'Opened earlier');
    // Opened now: warned in 10 minutes (14:10), its first response due in 100 (15:40).
    h.clock.set(MON_1500);
    const warnedFirst = await open(customer, 'Opened now');
    await sweepSlaDeadlines(h.deps);

    const query = { view: 'breaching_soon', organisationId: org.id };
    const byDue = (await listTickets({ ctx: h.as(w.agent), query: { ...query, sort: 'dueAt' } })).items;
    expect(byDue.map((t) => [t.id, t.sla?.dueAt])).toEqual([
      [dueFirst.id, '2026-03-09T14:20:00.000Z'],
      [warnedFirst.id, '2026-03-09T15:40:00.000Z'],
    ]);
    // Unless told otherwise, the view sorts so too.
    expect(await ids(w.agent, query)).toEqual([dueFirst.id, warnedFirst.id]);
    // The next SLA event, warnings included, orders them the other way.
    expect(await ids(w.agent, { ...query, sort: 'nextDeadlineAt' })).toEqual([warnedFirst.id, dueFirst.id]);
    // A page at a time, the cursor carries the due.
    const first = await listTickets({ ctx: h.as(w.agent), query: { ...query, sort: 'dueAt', limit: '1' } });
    const second = await listTickets({
      ctx: h.as(w.agent),
      query: { ...query, sort: 'dueAt', limit: '1', cursor: first.nextCursor },
    });
    expect([...first.items, ...second.items].map((t) => t.id)).toEqual([dueFirst.id, warnedFirst.id]);
    expect(second.nextCursor).toBeNull();

    // Once answered, the first response no longer counts: the resolution's due is what shows and sorts.
    await replyToTicket({ ctx: h.as(w.agent), id: dueFirst.id, input: { body: 'Looking into it.' } });
    const after = (await listTickets({ ctx: h.as(w.agent), query: { organisationId: org.id, sort: 'dueAt' } })).items;
    expect(after.map((t) => t.id)).toEqual([warnedFirst.id, dueFirst.id]);
    expect(after[1]!.sla!.clock).toBe('resolution');
  });
});
