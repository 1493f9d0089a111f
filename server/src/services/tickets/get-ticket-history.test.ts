import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { addTicketNote } from './add-ticket-note.ts';
import { assignTicket } from './assign-ticket.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { createTicket } from './create-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { replyToTicket } from './reply-to-ticket.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

describe('the history of a ticket', () => {
  it('lists what happened oldest first with who did it, internal events for agents only', async () => {
    const ticket = await createTicket({ ctx: h.as(w.contactA), input: { subject: 'Disk full', body: 'C: is red.' } });
    await assignTicket({ ctx: h.as(w.agent), id: ticket.id, input: { assigneeId: w.agent.id } });
    await addTicketNote({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Old logs' } });
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Cleaned up' } });
    await changeTicketStatus({ ctx: h.as(w.admin), id: ticket.id, input: { status: 'resolved' } });

    const agentView = await getTicketHistory({ ctx: h.as(w.agent), id: ticket.reference });
    expect(agentView.items.map((e) => [e.kind, e.actor?.name])).toEqual([
      ['created', w.contactA.name],
      ['assigned', w.agent.name],
      ['note_added', w.agent.name],
      ['replied', w.agent.name],
      ['status_changed', w.admin.name],
    ]);
    expect(agentView.items[1]!.changes).toEqual([{ field: 'assigneeId', from: null, to: w.agent.id }]);

    const customerView = await getTicketHistory({ ctx: h.as(w.contactA), id: ticket.id });
    expect(customerView.items.map((e) => e.kind)).toEqual(['created', 'replied', 'status_changed']);
    await expect(getTicketHistory({ ctx: h.as(w.contactB), id: ticket.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
