import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGroup, makeOrganisation, makePerson, makeWorld } from '../../../../test/factories.ts';
import { createHarness, type Harness } from '../../../../test/harness.ts';
import { mailMessageIds, outbox, ticketParticipants } from '../../../db/schema.ts';
import { recordTicketEvent } from '../../shared/record-event.ts';
import { addTicketNote } from '../../tickets/add-ticket-note.ts';
import { changeTicketStatus } from '../../tickets/change-ticket-status.ts';
import { confirmTicket } from '../../tickets/confirm-ticket.ts';
import { createTicket } from '../../tickets/create-ticket.ts';
import { replyToTicket } from '../../tickets/reply-to-ticket.ts';
import { setMailTemplate } from '../templates/set-mail-template.ts';
import { queueMailForTicketEvent } from './mail-for-ticket-event.ts';

const DAY = 86_400_000;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness(); // no SMTP_URL: mail is kept
  w = await makeWorld(h);
});
afterAll(() => h.close());

type Who = { id: string; role: 'admin' | 'agent' | 'manager' | 'contact'; organisationId: string };
const open = (who: Who, subject = 'Printer offline') =>
  createTicket({ ctx: h.as(who), input: { subject, body: 'It shows error 42.' } });
const mailOf = (ticketId: string) =>
  h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId)).orderBy(outbox.createdAt);
const customerMailOf = async (ticketId: string, kind: string) =>
  (await mailOf(ticketId)).filter((m) => m.kind === kind);

describe('customer mail, written with its cause', () => {
  it('acknowledges a new ticket with its reference, kept without SMTP_URL and no send job', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    const [ack] = await customerMailOf(ticket.id, 'acknowledgement');
    expect(ack).toMatchObject({
      toAddress: contact.email.toLowerCase(),
      status: 'kept',
      automatic: true,
      language: 'en',
      fromAddress: 'loket@localhost',
    });
    expect(ack!.subject).toBe(`[${ticket.reference}] We received your request: Printer offline`);
    expect(ack!.textBody).toContain(ticket.reference);
    expect(ack!.messageId).toMatch(/^<[0-9a-f-]{36}@localhost>$/);
    const [recorded] = await h.deps.db
      .select()
      .from(mailMessageIds)
      .where(eq(mailMessageIds.messageId, ack!.messageId));
    expect(recorded).toMatchObject({ ticketId: ticket.id, direction: 'out' });
    expect(await h.boss.fetch('mail.send', { batchSize: 100 })).toEqual([]);
  });

  it('writes nothing when the transaction of its cause rolls back', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await expect(
      h.deps.db.transaction(async (tx) => {
        await recordTicketEvent(h.as(contact), tx, { ticketId: ticket.id, kind: 'created', data: {} });
        expect(await tx.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).toHaveLength(2);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await customerMailOf(ticket.id, 'acknowledgement')).toHaveLength(1);
  });

  it('writes one row when the same event is mailed twice (dedupe key)', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await h.deps.db.transaction(async (tx) => {
      const eventId = await recordTicketEvent(h.as(contact), tx, { ticketId: ticket.id, kind: 'created' });
      await queueMailForTicketEvent(h.as(contact), tx, { eventId, ticketId: ticket.id, kind: 'created' });
    });
    h.clock.advance(1000);
    expect(await customerMailOf(ticket.id, 'acknowledgement')).toHaveLength(2); // one for each event, not three
  });

  it('acknowledges at most AUTO_REPLIES_PER_SENDER_PER_DAY tickets of one sender in 24 hours', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const acks = async () =>
      (
        await h.deps.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.toAddress, contact.email.toLowerCase()), eq(outbox.kind, 'acknowledgement')))
      ).length;
    for (let i = 0; i < 4; i++) {
      await open(contact, `Question ${i}`);
      h.clock.advance(60_000);
    }
    expect(await acks()).toBe(3);
    h.clock.advance(DAY);
    await open(contact, 'A day later');
    expect(await acks()).toBe(4);
  });

  it('does not acknowledge auto-generated mail, an address that bounced, or an agent', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await h.deps.db.transaction((tx) =>
      recordTicketEvent(h.as(contact), tx, { ticketId: ticket.id, kind: 'created', data: { autoReply: false } }),
    );
    expect(await customerMailOf(ticket.id, 'acknowledgement')).toHaveLength(1);

    const bounced = await makePerson(h, { role: 'contact', organisationId: w.orgA.id, emailBouncedAt: h.clock.now() });
    expect(await customerMailOf((await open(bounced)).id, 'acknowledgement')).toHaveLength(0);
    expect(await customerMailOf((await open(w.agent)).id, 'acknowledgement')).toHaveLength(0);
  });

  it("mails an agent's public reply to the requester, threaded, with the participants in copy", async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await h.deps.db.insert(mailMessageIds).values({
      messageId: '<first@customer.example>',
      ticketId: ticket.id,
      direction: 'in',
      createdAt: new Date(h.clock.now().getTime() - 1000),
    });
    await h.deps.db
      .insert(ticketParticipants)
      .values({ ticketId: ticket.id, email: 'colleague@customer.example', addedAt: h.clock.now() });
    h.clock.advance(1000);
    const [ack] = await customerMailOf(ticket.id, 'acknowledgement');
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Please restart the printer.' } });
    await addTicketNote({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Internal: toner stock low' } });
    const [mail] = await customerMailOf(ticket.id, 'agent_reply');
    expect(mail).toMatchObject({
      toAddress: contact.email.toLowerCase(),
      ccAddresses: ['colleague@customer.example'],
      subject: `[${ticket.reference}] Printer offline`,
      automatic: false,
      inReplyTo: ack!.messageId,
      references: ['<first@customer.example>', ack!.messageId],
    });
    expect(mail!.textBody).toContain('Please restart the printer.');
    expect(mail!.articleId).not.toBeNull();
    // The customer's own reply and internal notes mail no customer.
    await replyToTicket({ ctx: h.as(contact), id: ticket.id, input: { body: 'Did not help.' } });
    expect(await customerMailOf(ticket.id, 'agent_reply')).toHaveLength(1);
  });

  it('mails the solution with links to confirm or reopen, then the close', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await replyToTicket({
      ctx: h.as(w.agent),
      id: ticket.id,
      input: { body: 'Replaced the toner.', status: 'resolved' },
    });
    expect(await customerMailOf(ticket.id, 'agent_reply')).toHaveLength(0); // the resolved mail carries it
    const [resolved] = await customerMailOf(ticket.id, 'resolved');
    const portal = `${h.deps.config.publicUrl}/portal/tickets/${ticket.reference}`;
    expect(resolved!.subject).toBe(`[${ticket.reference}] Resolved: Printer offline`);
    expect(resolved!.textBody).toContain('Replaced the toner.');
    expect(resolved!.textBody).toContain(`${portal}?action=confirm`);
    expect(resolved!.textBody).toContain(`${portal}?action=reopen`);

    h.clock.advance(1000);
    await confirmTicket({ ctx: h.as(contact), id: ticket.id, input: {} });
    expect(await customerMailOf(ticket.id, 'closed')).toHaveLength(1);
  });

  it('mails a status change into resolved made without a reply, with the last agent reply as the solution', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await open(contact);
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Cleaned the rollers.' } });
    h.clock.advance(1000);
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket.id, input: { status: 'resolved' } });
    const [resolved] = await customerMailOf(ticket.id, 'resolved');
    expect(resolved!.textBody).toContain('Cleaned the rollers.');
  });

  it("writes in the contact's language, else the organisation's", async () => {
    const dutch = await makePerson(h, { role: 'contact', organisationId: w.orgA.id, language: 'nl' });
    const [nl] = await customerMailOf((await open(dutch)).id, 'acknowledgement');
    expect(nl).toMatchObject({ language: 'nl' });
    expect(nl!.subject).toContain('We hebben uw melding ontvangen');

    const swedishOrg = await makeOrganisation(h, { language: 'sv' });
    const swede = await makePerson(h, { role: 'contact', organisationId: swedishOrg.id });
    const [sv] = await customerMailOf((await open(swede)).id, 'acknowledgement');
    expect(sv).toMatchObject({ language: 'sv' });
    expect(sv!.subject).toContain('Vi har tagit emot ditt ärende');
  });

  it("uses an admin's wording, and keeps the reference in the subject", async () => {
    await setMailTemplate({
      ctx: h.as(w.admin),
      key: 'acknowledgement',
      language: 'sv',
      input: { subject: 'Tack! {{subject}}', body: 'Hej {{requesterName}}, ärende {{reference}}.' },
    });
    const org = await makeOrganisation(h, { language: 'sv' });
    const contact = await makePerson(h, { role: 'contact', organisationId: org.id, name: 'Astrid' });
    const ticket = await open(contact);
    const [ack] = await customerMailOf(ticket.id, 'acknowledgement');
    expect(ack!.subject).toBe(`[${ticket.reference}] Tack! Printer offline`);
    expect(ack!.textBody).toBe(`Hej Astrid, ärende ${ticket.reference}.`);
  });
});

describe('agent mail, written with the notifications', () => {
  it('mails each notified agent once, from MAIL_FROM, in their language', async () => {
    const dutchAgent = await makePerson(h, { role: 'agent', organisationId: w.provider.id, language: 'nl' });
    const group = await makeGroup(h, [dutchAgent.id]);
    const ticket = await createTicket({
      ctx: h.as(w.agent),
      input: { subject: 'Server down', body: 'Down.', requesterEmail: w.contactA.email, groupId: group.id },
    });
    await h.runJobs();
    await h.runJobs();
    const mails = (await mailOf(ticket.id)).filter((m) => m.kind === 'ticket_created');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      toAddress: dutchAgent.email.toLowerCase(),
      fromAddress: 'loket@localhost',
      language: 'nl',
      automatic: true,
      personId: dutchAgent.id,
    });
    expect(mails[0]!.subject).toBe(`[${ticket.reference}] Nieuwe melding: Server down`);
    // The agent's page of the ticket (the web app also sends the older `/tickets/<reference>` links there).
    expect(mails[0]!.textBody).toContain(`${h.deps.config.publicUrl}/agent/tickets/${ticket.reference}\n`);
  });
});
