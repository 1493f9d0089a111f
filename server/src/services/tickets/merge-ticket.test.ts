import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { addTicketNote } from './add-ticket-note.ts';
import { createTicket } from './create-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { listArticles } from './list-articles.ts';
import { listTicketLinks } from './list-ticket-links.ts';
import { mergeTicket } from './merge-ticket.ts';
import { reopenTicket } from './reopen-ticket.ts';
import { replyToTicket } from './reply-to-ticket.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const open = async (who: Who, subject: string) => {
  h.clock.advance(1000);
  return createTicket({ ctx: h.as(who), input: { subject, body: `${subject}: first message` } });
};
const merge = (id: string, into: string) => mergeTicket({ ctx: h.as(w.agent), id, input: { into } });

describe('merging tickets', () => {
  it('closes the duplicate and keeps its conversation reachable from the survivor', async () => {
    const survivor = await open(w.contactA, 'Email down');
    const duplicate = await open(w.contactA, 'No email');
    h.clock.advance(1000);
    await replyToTicket({ ctx: h.as(w.contactA), id: duplicate.id, input: { body: 'Outlook says offline' } });
    h.clock.advance(1000);
    await addTicketNote({ ctx: h.as(w.agent), id: duplicate.id, input: { body: 'Same outage as the other one' } });

    const result = await merge(duplicate.id, survivor.reference);
    expect(result.id).toBe(survivor.id);
    const closed = await getTicket({ ctx: h.as(w.contactA), id: duplicate.id });
    expect(closed).toMatchObject({ mergedIntoId: survivor.id, status: { kind: 'closed' } });
    expect(closed.closedAt).not.toBeNull();

    const agentView = (await listArticles({ ctx: h.as(w.agent), id: survivor.id })).items;
    expect(agentView.map((a) => [a.body, a.fromTicket?.reference ?? null])).toEqual([
      ['Email down: first message', null],
      ['No email: first message', duplicate.reference],
      ['Outlook says offline', duplicate.reference],
      ['Same outage as the other one', duplicate.reference],
    ]);
    const customerView = (await listArticles({ ctx: h.as(w.contactA), id: survivor.id })).items;
    expect(customerView.map((a) => a.body)).toEqual([
      'Email down: first message',
      'No email: first message',
      'Outlook says offline',
    ]);

    expect((await getTicketHistory({ ctx: h.as(w.contactA), id: duplicate.id })).items.at(-1)).toMatchObject({
      kind: 'merged_into',
      data: { into: survivor.reference },
    });
    expect((await getTicketHistory({ ctx: h.as(w.contactA), id: survivor.id })).items.at(-1)).toMatchObject({
      kind: 'merged_from',
      data: { from: duplicate.reference },
    });
    expect((await listTicketLinks({ ctx: h.as(w.agent), id: survivor.id })).items).toEqual([
      expect.objectContaining({ kind: 'merged_into', direction: 'incoming' }),
    ]);
  });

  it('sends the conversation on to the survivor and refuses replies and reopens on the duplicate', async () => {
    const survivor = await open(w.contactA, 'Printer A');
    const duplicate = await open(w.contactA, 'Printer B');
    await merge(duplicate.id, survivor.id);
    await expect(
      replyToTicket({ ctx: h.as(w.contactA), id: duplicate.id, input: { body: 'hello?' } }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(reopenTicket({ ctx: h.as(w.contactA), id: duplicate.id, input: {} })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('keeps earlier merges reachable when their survivor is merged in turn', async () => {
    const first = await open(w.contactA, 'Chain 1');
    const second = await open(w.contactA, 'Chain 2');
    const third = await open(w.contactA, 'Chain 3');
    await merge(first.id, second.id);
    await merge(second.id, third.id);
    const bodies = (await listArticles({ ctx: h.as(w.agent), id: third.id })).items.map((a) => a.body);
    expect(bodies).toEqual(['Chain 1: first message', 'Chain 2: first message', 'Chain 3: first message']);
  });

  it('shows a contact only merged conversations they could open themselves; their manager sees all', async () => {
    const mine = await open(w.contactA, 'VPN');
    const colleagues = await open(w.contactA2, 'VPN too');
    await merge(colleagues.id, mine.id);
    expect((await listArticles({ ctx: h.as(w.contactA), id: mine.id })).items.map((a) => a.body)).toEqual([
      'VPN: first message',
    ]);
    expect((await listArticles({ ctx: h.as(w.managerA), id: mine.id })).items).toHaveLength(2);
    // Nor does the history tell either contact the other's reference; the agents still see it.
    const mineHistory = JSON.stringify(await getTicketHistory({ ctx: h.as(w.contactA), id: mine.id }));
    const theirsHistory = JSON.stringify(await getTicketHistory({ ctx: h.as(w.contactA2), id: colleagues.id }));
    expect(mineHistory).not.toContain(colleagues.reference);
    expect(theirsHistory).not.toContain(mine.reference);
    const agentHistory = JSON.stringify(await getTicketHistory({ ctx: h.as(w.agent), id: mine.id }));
    expect(agentHistory).toContain(colleagues.reference);
  });

  it('refuses merging into itself, into a merged ticket, twice, or across organisations', async () => {
    const a = await open(w.contactA, 'A');
    const b = await open(w.contactA, 'B');
    const c = await open(w.contactA, 'C');
    const foreign = await open(w.contactB, 'Foreign');
    await expect(merge(a.id, a.reference)).rejects.toMatchObject({ code: 'invalid' });
    await expect(merge(a.id, foreign.id)).rejects.toMatchObject({ code: 'invalid' });
    await merge(b.id, c.id);
    await expect(merge(a.id, b.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(merge(b.id, a.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(mergeTicket({ ctx: h.as(w.managerA), id: a.id, input: { into: c.id } })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await getTicket({ ctx: h.as(w.agent), id: a.id })).mergedIntoId).toBeNull();
  });
});
