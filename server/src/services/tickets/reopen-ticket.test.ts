import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { assignTicket } from './assign-ticket.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { confirmTicket } from './confirm-ticket.ts';
import { createTicket } from './create-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { listArticles } from './list-articles.ts';
import { listTicketLinks } from './list-ticket-links.ts';
import { reopenTicket } from './reopen-ticket.ts';

const DAY = 86_400_000;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const open = (who: Who = w.contactA) =>
  createTicket({
    ctx: h.as(who),
    input: { subject: 'Backup failed', body: 'Last night.', category: 'server_management' },
  });
const status = (id: string, to: string) => changeTicketStatus({ ctx: h.as(w.agent), id, input: { status: to } });
const reopen = (who: Who, id: string, input: Record<string, unknown> = {}) =>
  reopenTicket({ ctx: h.as(who), id, input });
const confirm = (who: Who, id: string, input: Record<string, unknown> = {}) =>
  confirmTicket({ ctx: h.as(who), id, input });

describe('confirming', () => {
  it('closes a resolved ticket, and only a resolved one', async () => {
    const ticket = await open();
    await expect(confirm(w.contactA, ticket.id)).rejects.toMatchObject({ code: 'conflict' });
    await status(ticket.id, 'resolved');
    h.clock.advance(DAY);
    const closed = await confirm(w.contactA, ticket.id, { comment: 'Works again, thanks' });
    expect(closed.status).toMatchObject({ key: 'closed', kind: 'closed' });
    expect(closed.closedAt).toBe(h.clock.now().toISOString());
    await expect(confirm(w.contactA, ticket.id)).rejects.toMatchObject({ code: 'conflict' });
    const conversation = await listArticles({ ctx: h.as(w.contactA), id: ticket.id });
    expect(conversation.items.at(-1)).toMatchObject({ kind: 'reply', body: 'Works again, thanks' });
  });

  it('lets an agent confirm on the customer’s behalf, the comment kept internal', async () => {
    const ticket = await open();
    await status(ticket.id, 'resolved');
    h.clock.advance(1000);
    await confirm(w.agent, ticket.id, { comment: 'Customer confirmed by phone' });
    const customerView = await listArticles({ ctx: h.as(w.contactA), id: ticket.id });
    expect(JSON.stringify(customerView)).not.toContain('by phone');
    const agentView = await listArticles({ ctx: h.as(w.agent), id: ticket.id });
    expect(agentView.items.at(-1)).toMatchObject({ kind: 'note', body: 'Customer confirmed by phone' });
    const history = await getTicketHistory({ ctx: h.as(w.contactA), id: ticket.id });
    expect(history.items.at(-1)).toMatchObject({ kind: 'confirmed', data: { onBehalfOfCustomer: true } });
  });
});

describe('reopening', () => {
  it('reopens a resolved ticket to the default open status', async () => {
    const ticket = await open();
    await status(ticket.id, 'resolved');
    const result = await reopen(w.contactA, ticket.id, { reason: 'Failed again tonight' });
    expect(result.outcome).toBe('reopened');
    expect(result.ticket).toMatchObject({
      id: ticket.id,
      reopenCount: 1,
      resolvedAt: null,
      closedAt: null,
      status: { key: 'in_progress', kind: 'open' },
    });
  });

  it('refuses to reopen a ticket that is still open', async () => {
    const ticket = await open();
    await expect(reopen(w.contactA, ticket.id)).rejects.toMatchObject({ code: 'conflict' });
    await status(ticket.id, 'awaiting_reply');
    await expect(reopen(w.agent, ticket.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('reopens a closed ticket within the window, counting every reopen', async () => {
    const ticket = await open();
    await status(ticket.id, 'closed');
    h.clock.advance(14 * DAY);
    expect((await reopen(w.managerA, ticket.id)).ticket).toMatchObject({ reopenCount: 1, closedAt: null });
    await status(ticket.id, 'resolved');
    expect((await reopen(w.agent, ticket.id)).ticket.reopenCount).toBe(2);
  });

  it('opens a linked follow-up instead once the window has passed', async () => {
    const old = await open();
    await assignTicket({ ctx: h.as(w.agent), id: old.id, input: { assigneeId: w.agent.id } });
    await status(old.id, 'closed');
    h.clock.advance(15 * DAY);

    const result = await reopen(w.contactA, old.id, { reason: 'The backup failed again.\nSame error.' });
    expect(result.outcome).toBe('follow_up');
    const followUp = result.ticket;
    expect(followUp.id).not.toBe(old.id);
    expect(followUp).toMatchObject({
      subject: `Follow-up ${old.reference}: Backup failed`,
      requester: { id: w.contactA.id },
      organisation: { id: w.orgA.id },
      category: { key: 'server_management' },
      assignee: { id: w.agent.id },
      status: { kind: 'new' },
      reopenCount: 0,
    });
    const [first] = (await listArticles({ ctx: h.as(w.contactA), id: followUp.id })).items;
    expect(first!.body).toContain(old.reference);
    expect(first!.body).toContain('> The backup failed again.\n> Same error.');

    const stillClosed = await getTicket({ ctx: h.as(w.contactA), id: old.id });
    expect(stillClosed).toMatchObject({ reopenCount: 0, status: { kind: 'closed' } });
    const fromNew = await listTicketLinks({ ctx: h.as(w.contactA), id: followUp.id });
    expect(fromNew.items).toEqual([
      expect.objectContaining({
        kind: 'follow_up_of',
        direction: 'outgoing',
        ticket: expect.objectContaining({ id: old.id }),
      }),
    ]);
    const fromOld = await listTicketLinks({ ctx: h.as(w.agent), id: old.id });
    expect(fromOld.items).toEqual([
      expect.objectContaining({
        kind: 'follow_up_of',
        direction: 'incoming',
        ticket: expect.objectContaining({ id: followUp.id }),
      }),
    ]);
    const oldHistory = await getTicketHistory({ ctx: h.as(w.contactA), id: old.id });
    expect(oldHistory.items.at(-1)).toMatchObject({
      kind: 'follow_up_opened',
      data: { followUpReference: followUp.reference },
    });
  });

  it('keeps an agent’s reason for a follow-up internal', async () => {
    const old = await open();
    await status(old.id, 'closed');
    h.clock.advance(15 * DAY);
    const result = await reopen(w.agent, old.id, { reason: 'INTERNAL: customer reported it by phone' });
    const seenByCustomer = await listArticles({ ctx: h.as(w.contactA), id: result.ticket.id });
    expect(JSON.stringify(seenByCustomer)).not.toContain('INTERNAL');
    const seenByAgent = await listArticles({ ctx: h.as(w.agent), id: result.ticket.id });
    expect(seenByAgent.items.map((a) => [a.kind, a.body.includes('INTERNAL')])).toEqual([
      ['reply', false],
      ['note', true],
    ]);
  });

  it('opens one follow-up however often a late reopen is repeated', async () => {
    const old = await open();
    await status(old.id, 'closed');
    h.clock.advance(15 * DAY);
    const first = await reopen(w.contactA, old.id, { reason: 'Broken again.' });
    h.clock.advance(1000);
    const second = await reopen(w.contactA, old.id, { reason: 'Still broken.' });
    expect(second.ticket.id).toBe(first.ticket.id);
    const links = await listTicketLinks({ ctx: h.as(w.agent), id: old.id });
    expect(links.items.filter((l) => l.kind === 'follow_up_of')).toHaveLength(1);
    const articles = await listArticles({ ctx: h.as(w.contactA), id: first.ticket.id });
    expect(articles.items.at(-1)!.body).toBe('Still broken.');
  });

  it('keeps another organisation’s ticket out of reach', async () => {
    const ticket = await open();
    await status(ticket.id, 'resolved');
    await expect(reopen(w.contactB, ticket.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(confirm(w.managerB, ticket.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
