import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGroup, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { assignTicket } from './assign-ticket.ts';
import { createTicket } from './create-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

const open = () => createTicket({ ctx: h.as(w.contactA), input: { subject: 'New laptop', body: 'For our new hire.' } });
const assign = (id: string, input: Record<string, unknown>) => assignTicket({ ctx: h.as(w.agent), id, input });

describe('assigning a ticket', () => {
  it('assigns to a group and a member of it, and records what changed', async () => {
    const group = await makeGroup(h, [w.agent.id]);
    const ticket = await open();
    const assigned = await assign(ticket.id, { groupId: group.id, assigneeId: w.agent.id });
    expect(assigned.group?.id).toBe(group.id);
    expect(assigned.assignee?.id).toBe(w.agent.id);
    const [, event] = (await getTicketHistory({ ctx: h.as(w.agent), id: ticket.id })).items;
    expect(event).toMatchObject({ kind: 'assigned' });
    expect(event!.changes).toEqual([
      { field: 'groupId', from: null, to: group.id },
      { field: 'assigneeId', from: null, to: w.agent.id },
    ]);
  });

  it('refuses customers, inactive people and agents outside the group as assignees', async () => {
    const group = await makeGroup(h, [w.agent.id]);
    const retired = await makePerson(h, { role: 'agent', organisationId: w.provider.id, isActive: false });
    const ticket = await open();
    await expect(assign(ticket.id, { assigneeId: w.contactA.id })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assign(ticket.id, { assigneeId: retired.id })).rejects.toMatchObject({ code: 'invalid' });
    await expect(assign(ticket.id, { groupId: group.id, assigneeId: w.admin.id })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(assign(ticket.id, { groupId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(assign(ticket.id, {})).rejects.toMatchObject({ code: 'invalid' });
    await expect(
      assignTicket({ ctx: h.as(w.managerA), id: ticket.id, input: { assigneeId: w.agent.id } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('leaves the ticket unassigned in a new group its assignee is not in', async () => {
    const first = await makeGroup(h, [w.agent.id]);
    const second = await makeGroup(h, [w.admin.id]);
    const ticket = await open();
    await assign(ticket.id, { groupId: first.id, assigneeId: w.agent.id });
    const moved = await assign(ticket.id, { groupId: second.id });
    expect(moved.group?.id).toBe(second.id);
    expect(moved.assignee).toBeNull();
    const unassigned = await assign(ticket.id, { groupId: null });
    expect(unassigned.group).toBeNull();
  });

  it('keeps the assignment out of the customer’s history', async () => {
    const ticket = await open();
    await assign(ticket.id, { assigneeId: w.agent.id });
    const kinds = (await getTicketHistory({ ctx: h.as(w.contactA), id: ticket.id })).items.map((e) => e.kind);
    expect(kinds).toEqual(['created']);
  });
});
