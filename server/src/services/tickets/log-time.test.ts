import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
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
