import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { statuses, statusTransitions } from '../../db/schema.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { createTicket } from './create-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { listArticles } from './list-articles.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

const open = () => createTicket({ ctx: h.as(w.contactA), input: { subject: 'Printer', body: 'Jammed.' } });
const status = (id: string, to: string, comment?: string) =>
  changeTicketStatus({ ctx: h.as(w.agent), id, input: { status: to, ...(comment ? { comment } : {}) } });

describe('changing the status', () => {
  it('stamps resolution and closing, and lets a closed ticket come back only by a reopen', async () => {
    const ticket = await open();
    h.clock.advance(60_000);
    const resolved = await status(ticket.id, 'resolved');
    expect(resolved.resolvedAt).toBe(h.clock.now().toISOString());
    expect(resolved.closedAt).toBeNull();
    h.clock.advance(60_000);
    const closed = await status(ticket.id, 'closed');
    expect(closed.closedAt).toBe(h.clock.now().toISOString());
    expect(closed.resolvedAt).toBe(resolved.resolvedAt);
    await expect(status(ticket.id, 'in_progress')).rejects.toMatchObject({ code: 'conflict', message: /reopen/ });
  });

  it('follows the configured transitions only', async () => {
    const [from, to] = await Promise.all([
      h.deps.db.select().from(statuses).where(eq(statuses.key, 'open')),
      h.deps.db.select().from(statuses).where(eq(statuses.key, 'planned')),
    ]);
    await h.deps.db
      .delete(statusTransitions)
      .where(and(eq(statusTransitions.fromStatusId, from[0]!.id), inArray(statusTransitions.toStatusId, [to[0]!.id])));
    const ticket = await open();
    await expect(status(ticket.id, 'planned')).rejects.toMatchObject({ code: 'conflict' });
    expect((await status(ticket.id, 'in_progress')).status.key).toBe('in_progress');
    expect((await status(ticket.id, 'planned')).status.key).toBe('planned');
  });

  it('refuses the status the ticket already has, and unknown statuses', async () => {
    const ticket = await open();
    await expect(status(ticket.id, 'open')).rejects.toMatchObject({ code: 'conflict' });
    await expect(status(ticket.id, 'nonsense')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('keeps the comment as an internal note: customers see the change, not the comment', async () => {
    const ticket = await open();
    h.clock.advance(1000);
    await status(ticket.id, 'on_hold', 'Waiting for the vendor RMA');
    const agentView = await listArticles({ ctx: h.as(w.agent), id: ticket.id });
    expect(agentView.items.at(-1)).toMatchObject({ kind: 'note', body: 'Waiting for the vendor RMA' });
    expect(JSON.stringify(await listArticles({ ctx: h.as(w.contactA), id: ticket.id }))).not.toContain('RMA');
    const history = await getTicketHistory({ ctx: h.as(w.contactA), id: ticket.id });
    expect(history.items.map((e) => e.kind)).toEqual(['created', 'status_changed']);
    expect(history.items[1]!.changes).toEqual([{ field: 'status', from: 'open', to: 'on_hold' }]);
  });

  it('is for agents only', async () => {
    const ticket = await open();
    await expect(
      changeTicketStatus({ ctx: h.as(w.contactA), id: ticket.id, input: { status: 'resolved' } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
