import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { articles } from '../../db/schema.ts';
import { uploadAttachment } from '../attachments/upload-attachment.ts';
import { addTicketNote } from './add-ticket-note.ts';
import { changeTicketStatus } from './change-ticket-status.ts';
import { createTicket } from './create-ticket.ts';
import { getTicket } from './get-ticket.ts';
import { getTicketHistory } from './get-ticket-history.ts';
import { listArticles } from './list-articles.ts';
import { replyToTicket } from './reply-to-ticket.ts';

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
  createTicket({ ctx: h.as(who), input: { subject: 'Mail bounces', body: 'Since this morning.' } });
const reply = (who: Who, id: string, input: Record<string, unknown>) => replyToTicket({ ctx: h.as(who), id, input });
const status = (id: string, to: string) => changeTicketStatus({ ctx: h.as(w.agent), id, input: { status: to } });
const upload = (who: Who, filename: string) =>
  uploadAttachment({
    ctx: h.as(who),
    read: async () => ({ filename, contentType: 'text/plain', bytes: Buffer.from(`content of ${filename}`) }),
  });

describe('the conversation', () => {
  it('keeps internal notes and their attachments from customers', async () => {
    const ticket = await open();
    const noteFile = await upload(w.agent, 'root-cause.txt');
    const replyFile = await upload(w.contactA, 'screenshot.txt');
    h.clock.advance(1000);
    await addTicketNote({
      ctx: h.as(w.agent),
      id: ticket.id,
      input: { body: 'Their MX record is wrong', attachmentIds: [noteFile.id] },
    });
    h.clock.advance(1000);
    await reply(w.contactA, ticket.id, { body: 'Here is a screenshot', attachmentIds: [replyFile.id] });

    const asAgent = await listArticles({ ctx: h.as(w.agent), id: ticket.id });
    expect(asAgent.items.map((a) => a.kind)).toEqual(['reply', 'note', 'reply']);
    expect(asAgent.items[1]!.attachments.map((a) => a.filename)).toEqual(['root-cause.txt']);
    expect(asAgent.items[2]!.attachments.map((a) => a.filename)).toEqual(['screenshot.txt']);

    for (const customer of [w.contactA, w.managerA]) {
      const seen = await listArticles({ ctx: h.as(customer), id: ticket.id });
      expect(seen.items.map((a) => a.kind)).toEqual(['reply', 'reply']);
      expect(JSON.stringify(seen)).not.toContain('MX record');
      expect(JSON.stringify(seen)).not.toContain(noteFile.id);
      const history = await getTicketHistory({ ctx: h.as(customer), id: ticket.id });
      expect(history.items.map((e) => e.kind)).toEqual(['created', 'replied']);
    }
    await expect(listArticles({ ctx: h.as(w.contactB), id: ticket.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses notes from customers', async () => {
    const ticket = await open();
    await expect(
      addTicketNote({ ctx: h.as(w.contactA), id: ticket.id, input: { body: 'psst' } }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('binds only the author’s own unused uploads', async () => {
    const ticket = await open();
    const theirs = await upload(w.contactA2, 'not-yours.txt');
    await expect(reply(w.contactA, ticket.id, { body: 'x', attachmentIds: [theirs.id] })).rejects.toMatchObject({
      code: 'invalid',
    });
    const mine = await upload(w.contactA, 'once.txt');
    await reply(w.contactA, ticket.id, { body: 'first', attachmentIds: [mine.id] });
    await expect(reply(w.contactA, ticket.id, { body: 'again', attachmentIds: [mine.id] })).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('moves a ticket awaiting the customer back to open when they reply', async () => {
    const ticket = await open();
    await status(ticket.id, 'awaiting_reply');
    await reply(w.contactA, ticket.id, { body: 'Here is the log you asked for' });
    const after = await getTicket({ ctx: h.as(w.agent), id: ticket.id });
    expect(after.status).toMatchObject({ key: 'in_progress', kind: 'open' });
    expect(after.reopenCount).toBe(0);
    const history = await getTicketHistory({ ctx: h.as(w.agent), id: ticket.id });
    expect(history.items.at(-1)).toMatchObject({
      kind: 'replied',
      changes: [{ field: 'status', from: 'awaiting_reply', to: 'in_progress' }],
    });
  });

  it('reopens a resolved ticket when the customer replies', async () => {
    const ticket = await open();
    const resolved = await status(ticket.id, 'resolved');
    expect(resolved.resolvedAt).not.toBeNull();
    await reply(w.contactA, ticket.id, { body: 'Still broken' });
    const after = await getTicket({ ctx: h.as(w.contactA), id: ticket.id });
    expect(after.status.kind).toBe('open');
    expect(after.reopenCount).toBe(1);
    expect(after.resolvedAt).toBeNull();
  });

  it('reopens a closed ticket on a reply within the reopen window, and refuses one after it', async () => {
    const ticket = await open();
    await status(ticket.id, 'closed');
    h.clock.advance(13 * DAY);
    await reply(w.contactA, ticket.id, { body: 'It is back' });
    const reopened = await getTicket({ ctx: h.as(w.contactA), id: ticket.id });
    expect(reopened).toMatchObject({ reopenCount: 1, closedAt: null, status: { kind: 'open' } });

    await status(ticket.id, 'closed');
    h.clock.advance(15 * DAY);
    const before = await h.deps.db.select().from(articles).where(eq(articles.ticketId, ticket.id));
    await expect(reply(w.contactA, ticket.id, { body: 'And again' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/reopen/),
    });
    const after = await h.deps.db.select().from(articles).where(eq(articles.ticketId, ticket.id));
    expect(after).toHaveLength(before.length);
    expect((await getTicket({ ctx: h.as(w.contactA), id: ticket.id })).status.kind).toBe('closed');
  });

  it('sets the first response at the first public agent reply, once', async () => {
    const ticket = await open();
    await addTicketNote({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Looking into it' } });
    await reply(w.contactA, ticket.id, { body: 'Any news?' });
    expect((await getTicket({ ctx: h.as(w.agent), id: ticket.id })).firstResponseAt).toBeNull();

    h.clock.advance(60_000);
    const firstAt = h.clock.now().toISOString();
    await reply(w.agent, ticket.id, { body: 'We are on it' });
    h.clock.advance(60_000);
    await reply(w.admin, ticket.id, { body: 'Fixed now' });
    expect((await getTicket({ ctx: h.as(w.agent), id: ticket.id })).firstResponseAt).toBe(firstAt);
    const history = await getTicketHistory({ ctx: h.as(w.agent), id: ticket.id });
    const stamped = history.items.filter((e) => e.changes.some((c) => c.field === 'firstResponseAt'));
    expect(stamped).toHaveLength(1);
  });

  it('lets an agent change the status with a reply, along allowed transitions only', async () => {
    const ticket = await open();
    const article = await reply(w.agent, ticket.id, {
      body: 'Fixed the MX record',
      status: 'resolved',
      viaPhone: true,
    });
    expect(article.channel).toBe('phone');
    const resolved = await getTicket({ ctx: h.as(w.agent), id: ticket.id });
    expect(resolved.status.key).toBe('resolved');
    expect(resolved.resolvedAt).not.toBeNull();

    await status(ticket.id, 'closed');
    const count = (await listArticles({ ctx: h.as(w.agent), id: ticket.id })).items.length;
    await expect(reply(w.agent, ticket.id, { body: 'Reopening myself', status: 'in_progress' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await listArticles({ ctx: h.as(w.agent), id: ticket.id })).items).toHaveLength(count);
  });

  it('refuses status and viaPhone from customers', async () => {
    const ticket = await open();
    await expect(reply(w.contactA, ticket.id, { body: 'Done', status: 'resolved' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(reply(w.contactA, ticket.id, { body: 'Called', viaPhone: true })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
