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
