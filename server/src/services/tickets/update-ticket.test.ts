import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { createTicket } from './create-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { updateTicket } from './update-ticket.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const open = (who: Who, input: Record<string, unknown> = {}) =>
  createTicket({ ctx: h.as(who), input: { subject: 'VPN drops', body: 'Every hour.', ...input } });
const update = (who: Who, id: string, input: Record<string, unknown>) => updateTicket({ ctx: h.as(who), id, input });

describe('updating a ticket', () => {
  it('refuses a customer naming an agent-only field, and changes nothing', async () => {
    const ticket = await open(w.contactA);
    await expect(
      update(w.contactA, ticket.id, { subject: 'Changed', priority: 'P1', priorityReason: 'urgent' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(update(w.contactA, ticket.id, { category: 'change' })).rejects.toMatchObject({ code: 'forbidden' });
    const after = await getTicket({ ctx: h.as(w.contactA), id: ticket.id });
    expect(after.subject).toBe('VPN drops');
    expect(after.priority).toBe('P3');
  });

  it('recomputes the priority from the matrix when a customer changes urgency and impact', async () => {
    const ticket = await open(w.contactA);
    expect(ticket.priority).toBe('P3');
    const higher = await update(w.contactA, ticket.id, { urgency: 'high' });
    expect(higher.priority).toBe('P2');
    const highest = await update(w.contactA, ticket.id, { impact: 'high' });
    expect(highest.priority).toBe('P1');
    expect(highest.priorityOverridden).toBe(false);
  });

  it('needs a reason for an agent to override the priority', async () => {
    const ticket = await open(w.contactA);
    await expect(update(w.agent, ticket.id, { priority: 'P1' })).rejects.toMatchObject({ code: 'invalid' });
    await expect(update(w.agent, ticket.id, { priorityReason: 'because' })).rejects.toMatchObject({ code: 'invalid' });
  });

  it('records an override with its reason for agents only, and keeps it when urgency changes', async () => {
    const ticket = await open(w.contactA);
    const overridden = await update(w.agent, ticket.id, { priority: 'P1', priorityReason: 'Payroll runs tonight' });
    expect(overridden).toMatchObject({ priority: 'P1', priorityOverridden: true });

    const agentHistory = await getTicketHistory({ ctx: h.as(w.agent), id: ticket.id });
    const event = agentHistory.items.find((e) => e.kind === 'updated');
    expect(event?.data).toEqual({ priorityReason: 'Payroll runs tonight' });
    expect(event?.changes).toContainEqual({ field: 'priority', from: 'P3', to: 'P1' });
    expect(event?.actor?.id).toBe(w.agent.id);
    const customerHistory = await getTicketHistory({ ctx: h.as(w.contactA), id: ticket.id });
    expect(JSON.stringify(customerHistory)).not.toContain('Payroll');

    const lowered = await update(w.contactA, ticket.id, { urgency: 'low', impact: 'low' });
    expect(lowered).toMatchObject({ urgency: 'low', impact: 'low', priority: 'P1', priorityOverridden: true });
  });

  it('lets customers change only tickets that are not closed; agents still may', async () => {
    const ticket = await open(w.contactA);
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'closed' } });
    await expect(update(w.contactA, ticket.id, { subject: 'Too late' })).rejects.toMatchObject({ code: 'conflict' });
    const fixed = await update(w.agent, ticket.id, { category: 'maintenance', estimateMinutes: 30 });
    expect(fixed.category.key).toBe('maintenance');
    expect(fixed.estimateMinutes).toBe(30);
  });

  it('moves the ticket to the organisation of a new requester, out of sight of the old one', async () => {
    const ticket = await open(w.contactA);
    const moved = await update(w.agent, ticket.id, { requesterId: w.contactB.id });
    expect(moved.organisation.id).toBe(w.orgB.id);
    await expect(getTicket({ ctx: h.as(w.managerA), id: ticket.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await getTicket({ ctx: h.as(w.managerB), id: ticket.id })).requester.id).toBe(w.contactB.id);
  });

  it('answers not found for another organisation’s ticket, like a missing one', async () => {
    const ticket = await open(w.contactA);
    await expect(update(w.contactB, ticket.id, { subject: 'Mine now' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
