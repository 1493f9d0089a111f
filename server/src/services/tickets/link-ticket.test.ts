import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { createTicket } from './create-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { linkTicket } from './link-ticket.ts';
import { listTicketLinks } from './list-ticket-links.ts';
import { reopenTicket } from './reopen-ticket.ts';
import { unlinkTicket } from './unlink-ticket.ts';

const DAY = 86_400_000;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
});
afterAll(() => h.close());

const incident = (subject = 'Site down') =>
  createTicket({ ctx: h.as(w.contactA), input: { subject, body: 'Down.', category: 'incident' } });
const change = (subject = 'Patch web server') =>
  createTicket({ ctx: h.as(w.agent), input: { subject, body: 'Apply the patch.', category: 'change' } });
const link = (id: string, kind: string, ticket: string) =>
  linkTicket({ ctx: h.as(w.agent), id, input: { kind, ticket } });
const links = async (
  id: string,
  who: { id: string; role: 'agent' | 'manager' | 'contact' | 'admin'; organisationId: string } = w.agent,
) => (await listTicketLinks({ ctx: h.as(who), id })).items;

describe('linking tickets', () => {
  it('links an incident to the change request that fixes it, and nothing else as fixed_by', async () => {
    const [inc, chg, other] = [await incident(), await change(), await incident('Another')];
    const created = await link(inc.id, 'fixed_by', chg.reference);
    expect(created).toMatchObject({
      kind: 'fixed_by',
      direction: 'outgoing',
      ticket: { id: chg.id, category: 'change' },
    });
    expect(await links(chg.id)).toEqual([expect.objectContaining({ kind: 'fixed_by', direction: 'incoming' })]);

    await expect(link(inc.id, 'fixed_by', other.id)).rejects.toMatchObject({ code: 'invalid' });
    await expect(link(chg.id, 'fixed_by', (await change('Other change')).id)).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('stores child_of as parent_of seen from the other side', async () => {
    const [child, parent] = [await incident('Child'), await incident('Parent')];
    const created = await link(child.id, 'child_of', parent.id);
    expect(created).toMatchObject({ kind: 'parent_of', direction: 'incoming', ticket: { id: parent.id } });
    expect(await links(parent.id)).toEqual([
      expect.objectContaining({
        kind: 'parent_of',
        direction: 'outgoing',
        ticket: expect.objectContaining({ id: child.id }),
      }),
    ]);
  });

  it('refuses self links, parent cycles and duplicates', async () => {
    const [a, b, c] = [await incident('A'), await incident('B'), await incident('C')];
    await expect(link(a.id, 'related', a.reference)).rejects.toMatchObject({ code: 'invalid' });
    await link(a.id, 'parent_of', b.id);
    await link(b.id, 'parent_of', c.id);
    await expect(link(c.id, 'parent_of', a.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(link(a.id, 'child_of', c.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(link(b.id, 'parent_of', a.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(link(a.id, 'parent_of', b.id)).rejects.toMatchObject({ code: 'conflict' });
    await link(a.id, 'related', c.id);
    await expect(link(c.id, 'related', a.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(link(a.id, 'related', '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('shows customers only links to tickets they may open', async () => {
    const [inc, chg, sibling] = [await incident(), await change(), await incident('Sibling')];
    await link(inc.id, 'fixed_by', chg.id);
    await link(inc.id, 'related', sibling.id);
    expect(await links(inc.id)).toHaveLength(2);
    expect((await links(inc.id, w.contactA)).map((l) => l.ticket.id)).toEqual([sibling.id]);
    await expect(links(inc.id, w.contactB)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      linkTicket({ ctx: h.as(w.contactA), id: inc.id, input: { kind: 'related', ticket: sibling.id } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('removes a link from either end, with an internal event on both tickets', async () => {
    const [a, b] = [await incident('A'), await incident('B')];
    const created = await link(a.id, 'related', b.id);
    await unlinkTicket({ ctx: h.as(w.agent), id: b.id, linkId: created.id });
    expect(await links(a.id)).toEqual([]);
    for (const id of [a.id, b.id]) {
      const agentKinds = (await getTicketHistory({ ctx: h.as(w.agent), id })).items.map((e) => e.kind);
      expect(agentKinds).toEqual(expect.arrayContaining(['linked', 'unlinked']));
    }
    const customerKinds = (await getTicketHistory({ ctx: h.as(w.contactA), id: a.id })).items.map((e) => e.kind);
    expect(customerKinds).toEqual(['created']);
  });

  it('does not remove a link through a ticket it does not belong to, nor history links', async () => {
    const [a, b, c] = [await incident('A'), await incident('B'), await incident('C')];
    const created = await link(a.id, 'related', b.id);
    await expect(unlinkTicket({ ctx: h.as(w.agent), id: c.id, linkId: created.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(unlinkTicket({ ctx: h.as(w.agent), id: c.id, linkId: 'nonsense' })).rejects.toMatchObject({
      code: 'not_found',
    });

    await changeTicketStatus({ ctx: h.as(w.agent), id: c.id, input: { status: 'closed' } });
    h.clock.advance(30 * DAY);
    const followUp = await reopenTicket({ ctx: h.as(w.contactA), id: c.id, input: {} });
    const [history] = await links(followUp.ticket.id);
    expect(history!.kind).toBe('follow_up_of');
    await expect(unlinkTicket({ ctx: h.as(w.agent), id: c.id, linkId: history!.id })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
