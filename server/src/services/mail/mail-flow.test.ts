import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../../adapters/smtp-receiver.ts';
import { articles, mailboxes, people, tickets } from '../../db/schema.ts';
import { makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { type CapturedMail, startSmtpSink } from '../../../test/smtp-sink.ts';
import { changeTicketStatus } from '../tickets/change-ticket-status.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { findReceivingMailbox } from './mailboxes/find-receiving-mailbox.ts';
import { receiveMessage } from './receive-message.ts';

// The whole round trip over real SMTP, both ways: a customer's mail comes in through the receiver, the
// acknowledgement goes out to a real SMTP server, the agent's reply too, and the customer's answer to it threads
// back onto the same ticket. Only the job queue is driven by hand (h.runJobs) instead of by workers.

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let receiver: SmtpReceiver;

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url });
  w = await makeWorld(h);
  const now = h.clock.now();
  await h.deps.db
    .insert(mailboxes)
    .values({ name: 'Support', address: 'support@provider.example', inbound: 'smtp', createdAt: now, updatedAt: now });
  receiver = await startSmtpReceiver({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 1024 * 1024,
    findMailbox: (address: string) => findReceivingMailbox(h.deps, address),
    receive: (input: Parameters<typeof receiveMessage>[1]) => receiveMessage(h.deps, input),
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await receiver?.close();
  await h?.close();
  await sink?.close();
});

const send = (mail: SendMailOptions) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true })
    .sendMail({ to: 'support@provider.example', ...mail });

const header = (mail: CapturedMail, name: string) =>
  mail.raw
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    ?.slice(name.length + 1)
    .trim();
const sentTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

describe('mail in and out over SMTP', () => {
  it('acknowledges a new ticket, threads the agent’s reply and the customer’s answer, and reopens on a reply', async () => {
    const customer = `first.caller@${w.orgA.domains[0]}`;
    const sent = await send({
      from: `First Caller <${customer}>`,
      subject: 'Scanner on floor 2 is offline',
      text: 'It shows a red light since this morning.',
      messageId: '<first@customer.example>',
    });
    expect(sent.response).toMatch(/^250/);
    await h.runJobs(); // mail.process, then mail.send

    const [ticket] = await h.deps.db.select().from(tickets).where(eq(tickets.subject, 'Scanner on floor 2 is offline'));
    expect(ticket).toMatchObject({ channel: 'email', organisationId: w.orgA.id });
    const [requester] = await h.deps.db.select().from(people).where(eq(people.id, ticket!.requesterId));
    expect(requester!.email).toBe(customer);

    const [ack] = sentTo(customer);
    expect(sentTo(customer)).toHaveLength(1);
    expect(header(ack!, 'Subject')).toContain(`[${ticket!.reference}]`);
    expect(header(ack!, 'In-Reply-To')).toBe('<first@customer.example>');
    expect(header(ack!, 'Auto-Submitted')).toBe('auto-generated');
    expect(ack!.from).toBe('support@provider.example');

    await replyToTicket({
      ctx: h.as(w.agent),
      id: ticket!.id,
      input: { body: 'We are on our way to the second floor.' },
    });
    await h.runJobs();
    const reply = sentTo(customer).at(-1)!;
    expect(sentTo(customer)).toHaveLength(2);
    expect((await simpleParser(reply.raw)).text).toContain('We are on our way to the second floor.');
    expect(header(reply, 'References')).toContain('<first@customer.example>');
    expect(header(reply, 'Auto-Submitted')).toBeUndefined();

    // The customer answers the agent's mail: it lands on the same ticket, and nobody is acknowledged again.
    await send({
      from: customer,
      subject: `Re: ${header(reply, 'Subject')}`,
      text: 'Thanks, see you soon.\n\nOn Monday, Support wrote:\n> We are on our way to the second floor.',
      inReplyTo: header(reply, 'Message-ID'),
      references: [header(ack!, 'Message-ID')!, header(reply, 'Message-ID')!],
    });
    await h.runJobs();
    const conversation = await h.deps.db.select().from(articles).where(eq(articles.ticketId, ticket!.id));
    expect(conversation).toHaveLength(3);
    expect(sentTo(customer)).toHaveLength(2);

    // Resolved: the customer is told, with links to confirm or reopen; a reply by mail reopens it.
    await changeTicketStatus({ ctx: h.as(w.agent), id: ticket!.id, input: { status: 'resolved' } });
    await h.runJobs();
    const resolved = sentTo(customer).at(-1)!;
    const resolvedText = (await simpleParser(resolved.raw)).text ?? '';
    expect(resolvedText).toContain(`/portal/tickets/${ticket!.reference}?action=confirm`);
    expect(resolvedText).toContain(`/portal/tickets/${ticket!.reference}?action=reopen`);
    await send({ from: customer, subject: `Re: [${ticket!.reference}] resolved`, text: 'It is red again.' });
    await h.runJobs();
    const [after] = await h.deps.db.select().from(tickets).where(eq(tickets.id, ticket!.id));
    expect(after).toMatchObject({ statusKind: 'open', reopenCount: 1 });
  });

  it('does not answer an auto-reply, and never loops on its own mail', async () => {
    const before = sink.messages.length;
    await send({
      from: `robot@${w.orgA.domains[0]}`,
      subject: 'Automatic reply: out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await h.runJobs();
    expect(sink.messages.length).toBe(before);
    // Our own acknowledgement coming back to the support address is ignored, not filed.
    const ack = sink.messages.find((m) => header(m, 'Auto-Submitted') === 'auto-generated')!;
    await send({ envelope: { from: 'support@provider.example', to: ['support@provider.example'] }, raw: ack.raw });
    await h.runJobs();
    expect(sink.messages.length).toBe(before);
  });
});
