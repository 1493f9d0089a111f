import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { addTicketNote } from './add-ticket-note.ts';
import { createTicket } from './create-ticket.ts';
import { listTickets } from './list-tickets.ts';
import { replyToTicket } from './reply-to-ticket.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const search = async (who: Who, q: string) =>
  (await listTickets({ ctx: h.as(who), query: { q } })).items.map((t) => t.id);

describe('searching tickets', () => {
  it('never matches a customer’s words against internal notes', async () => {
    const ticket = await createTicket({
      ctx: h.as(w.contactA),
      input: { subject: 'Slow laptop', body: 'It takes ages.' },
    });
    await addTicketNote({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Suspect cryptominer on this machine' } });
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Please restart it overnight' } });

    expect(await search(w.agent, 'cryptominer')).toEqual([ticket.id]);
    expect(await search(w.contactA, 'cryptominer')).toEqual([]);
    expect(await search(w.managerA, 'cryptominer')).toEqual([]);
    // The same customers do find the words of the public conversation.
    expect(await search(w.contactA, 'overnight')).toEqual([ticket.id]);
    expect(await search(w.managerA, 'overnight')).toEqual([ticket.id]);
    expect(await search(w.managerB, 'overnight')).toEqual([]);
  });
});

describe('a cursor that was tampered with', () => {
  it('is refused as invalid, not a server error', async () => {
    const h2 = await createHarness();
    try {
      const w2 = await makeWorld(h2);
      const cursor = Buffer.from(
        JSON.stringify({ v: 'not-a-date', id: '00000000-0000-4000-8000-000000000000' }),
      ).toString('base64url');
      await expect(listTickets({ ctx: h2.as(w2.agent), query: { cursor } })).rejects.toMatchObject({ code: 'invalid' });
    } finally {
      await h2.close();
    }
  });
});

describe('filters', () => {
  it('narrow the list by status (key or id), kind, category, priority, assignee and words', async () => {
    const h2 = await createHarness();
    try {
      const w2 = await makeWorld(h2);
      const agentCtx = h2.as(w2.agent);
      const open = (subject: string, input: Record<string, unknown> = {}) =>
        createTicket({
          ctx: agentCtx,
          input: { subject, body: `${subject} body`, requesterEmail: w2.contactA.email, ...input },
        });
      const network = await open('Switch down', { category: 'incident', urgency: 'high', impact: 'high' });
      const request = await open('New laptop', { category: 'service_request', urgency: 'low', impact: 'low' });
      const mine = await open('Printer queue', { assigneeId: w2.agent.id, category: 'maintenance' });
      const { changeTicketStatus } = await import('./change-ticket-status.ts');
      const waiting = await changeTicketStatus({ ctx: agentCtx, id: request.id, input: { status: 'awaiting_reply' } });
      const subjects = async (query: Record<string, unknown>) =>
        (await listTickets({ ctx: agentCtx, query })).items.map((t) => t.subject).sort();

      expect(await subjects({ status: 'awaiting_reply' })).toEqual(['New laptop']);
      expect(await subjects({ status: waiting.status.id })).toEqual(['New laptop']);
      expect(await subjects({ statusKind: 'new' })).toEqual(['Printer queue', 'Switch down']);
      expect(await subjects({ category: 'incident' })).toEqual(['Switch down']);
      expect(await subjects({ category: 'incident,service_request' })).toEqual(['New laptop', 'Switch down']);
      expect(await subjects({ priority: 'P1' })).toEqual(['Switch down']);
      expect(await subjects({ assigneeId: 'me' })).toEqual(['Printer queue']);
      expect(await subjects({ assigneeId: 'none' })).toEqual(['New laptop', 'Switch down']);
      expect(await subjects({ q: 'laptop' })).toEqual(['New laptop']);
      expect(await subjects({ q: network.reference })).toEqual(['Switch down']);
      expect(mine.assignee?.id).toBe(w2.agent.id);
    } finally {
      await h2.close();
    }
  });
});
