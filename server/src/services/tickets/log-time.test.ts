import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import {
  calendars,
  contractVersions,
  contracts,
  notifications,
  priorityMatrix,
  ticketEvents,
  ticketTasks,
  tickets,
} from '../../db/schema.ts';
import { TWENTY_FOUR_SEVEN } from '../../domain/sla/calendar.ts';
import { ContractTerms } from '../../domain/sla/contracts.ts';
import { createTicket } from './create-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { listTimeEntries } from './list-time-entries.ts';
import { logTime } from './log-time.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

const open = () =>
  createTicket({ ctx: h.as(w.contactA), input: { subject: 'Invoice export broken', body: 'Since the update.' } });

describe('logging time', () => {
  it('totals the time and its billable part, our own defects not billed', async () => {
    const ticket = await open();
    await logTime({ ctx: h.as(w.agent), id: ticket.id, input: { minutes: 45, workType: 'remote', isBillable: true } });
    const own = await logTime({
      ctx: h.as(w.admin),
      id: ticket.id,
      input: {
        minutes: 90,
        workType: 'development',
        isBillable: false,
        nonBillableReason: 'own_defect',
        description: 'Fixing our export bug',
        performedAt: '2026-03-01T14:00:00Z',
      },
    });
    expect(own).toMatchObject({
      isBillable: false,
      nonBillableReason: 'own_defect',
      person: { id: w.admin.id, name: w.admin.name },
    });

    const list = await listTimeEntries({ ctx: h.as(w.agent), id: ticket.id });
    expect(list.totalMinutes).toBe(135);
    expect(list.billableMinutes).toBe(45);
    expect(list.items.map((e) => e.minutes)).toEqual([90, 45]); // in the order the work was done
    expect((await getTicket({ ctx: h.as(w.agent), id: ticket.id })).time).toEqual({
      totalMinutes: 135,
      billableMinutes: 45,
    });
    expect((await getTicket({ ctx: h.as(w.contactA), id: ticket.id })).time).toBeUndefined();
  });

  it('wants a reason for non-billable time, and none for billable time', async () => {
    const ticket = await open();
    const log = (input: Record<string, unknown>) => logTime({ ctx: h.as(w.agent), id: ticket.id, input });
    await expect(log({ minutes: 10, workType: 'phone', isBillable: false })).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      log({ minutes: 10, workType: 'phone', isBillable: true, nonBillableReason: 'goodwill' }),
    ).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(log({ minutes: 0, workType: 'phone' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(log({ minutes: 10, workType: 'phone', performedAt: '2099-01-01T00:00:00Z' })).rejects.toMatchObject({
      code: 'invalid',
    });
    expect((await listTimeEntries({ ctx: h.as(w.agent), id: ticket.id })).items).toEqual([]);
  });

  it('is internal: customers can neither log nor read time, nor see it in the history', async () => {
    const ticket = await open();
    await logTime({ ctx: h.as(w.agent), id: ticket.id, input: { minutes: 5, workType: 'remote' } });
    await expect(
      logTime({ ctx: h.as(w.managerA), id: ticket.id, input: { minutes: 5, workType: 'remote' } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listTimeEntries({ ctx: h.as(w.managerA), id: ticket.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const agentKinds = (await getTicketHistory({ ctx: h.as(w.agent), id: ticket.id })).items.map((e) => e.kind);
    const customerKinds = (await getTicketHistory({ ctx: h.as(w.managerA), id: ticket.id })).items.map((e) => e.kind);
    expect(agentKinds).toEqual(['created', 'time_logged']);
    expect(customerKinds).toEqual(['created']);
  });
});

describe('the effort threshold', () => {
  const assigned = async (contractVersionId: string | null = null) => {
    const ticket = await open();
    await h.deps.db.update(tickets).set({ assigneeId: w.agent.id, contractVersionId }).where(eq(tickets.id, ticket.id));
    return ticket;
  };
  const log = (ticketId: string, minutes: number, isBillable = true) =>
    logTime({
      ctx: h.as(w.agent),
      id: ticketId,
      input: isBillable
        ? { minutes, workType: 'remote' }
        : { minutes, workType: 'development', isBillable: false, nonBillableReason: 'own_defect' },
    });
  const tasksOf = (ticketId: string) => h.deps.db.select().from(ticketTasks).where(eq(ticketTasks.ticketId, ticketId));
  const reachedEvents = (ticketId: string) =>
    h.deps.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'effort_threshold_reached')));
  const notified = (ticketId: string) =>
    h.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, ticketId), eq(notifications.kind, 'effort_threshold_reached')));

  /** A contract of customer A whose version asks for a call after `minutes` of work; returns the version's id. */
  async function contractVersionWithThreshold(minutes: number): Promise<string> {
    const now = h.clock.now();
    const [calendar] = await h.deps.db
      .insert(calendars)
      .values({
        name: `Always ${minutes}`,
        definition: TWENTY_FOUR_SEVEN('Europe/Amsterdam'),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [contract] = await h.deps.db
      .insert(contracts)
      .values({ organisationId: w.orgA.id, name: `Effort ${minutes}`, createdAt: now, updatedAt: now })
      .returning();
    const [version] = await h.deps.db
      .insert(contractVersions)
      .values({
        contractId: contract!.id,
        version: 1,
        effectiveFrom: now,
        ...ContractTerms.parse({
          calendarId: calendar!.id,
          matrix: await h.deps.db.select().from(priorityMatrix),
          targets: Object.fromEntries(
            ['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60, resolutionMinutes: 480 }]),
          ),
          effortThresholdMinutes: minutes,
        }),
        createdAt: now,
      })
      .returning();
    return version!.id;
  }

  it('asks for nothing below the default 4 hours, counting non-billable time too', async () => {
    const ticket = await assigned();
    await log(ticket.id, 120);
    await log(ticket.id, 119, false);
    expect(await tasksOf(ticket.id)).toEqual([]);
    expect(await reachedEvents(ticket.id)).toEqual([]);
  });

  it('creates one task to call the customer at exactly 4 hours, for the assignee, and tells them once', async () => {
    const ticket = await assigned();
    await log(ticket.id, 200);
    await log(ticket.id, 40, false); // 240: reached
    const [task] = await tasksOf(ticket.id);
    expect(task).toMatchObject({
      kind: 'call_customer',
      assigneeId: w.agent.id,
      createdAt: h.clock.now(),
      doneAt: null,
      doneById: null,
    });
    await log(ticket.id, 30); // above it: nothing new
    await log(ticket.id, 300);
    expect(await tasksOf(ticket.id)).toHaveLength(1);

    const events = await reachedEvents(ticket.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: null, // the system's, so the agent who logged the time hears of it
      isInternal: true,
      data: { taskId: task!.id, loggedMinutes: 240, thresholdMinutes: 240 },
    });
    await h.runJobs();
    await h.runJobs();
    const sent = await notified(ticket.id);
    expect(sent.map((n) => [n.personId, n.eventId])).toEqual([[w.agent.id, events[0]!.id]]);
    expect((await getTicketHistory({ ctx: h.as(w.managerA), id: ticket.id })).items.map((e) => e.kind)).toEqual([
      'created',
    ]);
  });

  it("uses the threshold of the ticket's contract version", async () => {
    const versionId = await contractVersionWithThreshold(60);
    const ticket = await assigned(versionId);
    await log(ticket.id, 45);
    expect(await tasksOf(ticket.id)).toEqual([]);
    await log(ticket.id, 30); // 75, past 60
    expect(await tasksOf(ticket.id)).toHaveLength(1);
    const [event] = await reachedEvents(ticket.id);
    expect(event!.data).toMatchObject({ loggedMinutes: 75, thresholdMinutes: 60 });

    const generous = await assigned(await contractVersionWithThreshold(600));
    await log(generous.id, 300);
    expect(await tasksOf(generous.id)).toEqual([]); // beyond the default, within the contract's
  });

  it('creates the task without an assignee when nobody holds the ticket', async () => {
    const ticket = await open();
    await log(ticket.id, 240);
    expect(await tasksOf(ticket.id)).toMatchObject([{ kind: 'call_customer', assigneeId: null }]);
  });
});
