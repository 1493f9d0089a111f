import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeGroup, makePerson, makeWorld } from '../../../test/factories.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { mailMessageIds, outbox, statusSubscriptions } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { createIncident } from '../status/create-incident.ts';
import { assignTicket } from '../tickets/assign-ticket.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { queueMail } from './outbound/queue-mail.ts';
import { sendOutboxMail, sendOutboxMails } from './send-outbox-mail.ts';

let h: Harness;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://desk.provider.example' });
  w = await makeWorld(h);
});
afterAll(async () => {
  await h.close();
  await sink.close();
});

/** The header block of a raw message, folded lines joined. */
const headersOf = (raw: string) =>
  raw
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/);
const header = (raw: string, name: string) =>
  headersOf(raw)
    .filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((l) => l.slice(name.length + 1).trim());
const rowsOf = (ticketId: string) => h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId));

describe('sending the outbox through SMTP', () => {
  it('sends pending mail over real SMTP with our Message-ID, threading and Auto-Submitted', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await createTicket({ ctx: h.as(contact), input: { subject: 'VPN drops', body: 'Every hour.' } });
    const [ack] = await rowsOf(ticket.id);
    expect(ack).toMatchObject({ status: 'pending', kind: 'acknowledgement' });
    expect(ack!.messageId).toMatch(/@desk\.provider\.example>$/);
    await replyToTicket({ ctx: h.as(w.agent), id: ticket.id, input: { body: 'Which client version?' } });
    const before = sink.messages.length;
    await h.runJobs();

    const rows = await rowsOf(ticket.id);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt !== null && r.attempts === 1)).toBe(true);
    const sent = sink.messages.slice(before).filter((m) => m.to.includes(contact.email.toLowerCase()));
    expect(sent).toHaveLength(2);
    const ackRaw = sent.find((m) => header(m.raw, 'X-Loket-Outbox')[0] === ack!.id)!.raw;
    expect(header(ackRaw, 'Message-ID')).toEqual([ack!.messageId]);
    expect(header(ackRaw, 'Auto-Submitted')).toEqual(['auto-generated']);
    expect(header(ackRaw, 'X-Auto-Response-Suppress')).toEqual(['All']);
    expect(header(ackRaw, 'Subject')[0]).toContain(`[${ticket.reference}]`);

    const replyRow = rows.find((r) => r.kind === 'agent_reply')!;
    const replyRaw = sent.find((m) => header(m.raw, 'X-Loket-Outbox')[0] === replyRow.id)!.raw;
    expect(header(replyRaw, 'In-Reply-To')).toEqual([ack!.messageId]);
    expect(header(replyRaw, 'References')).toEqual([ack!.messageId]);
    expect(header(replyRaw, 'Auto-Submitted')).toEqual([]); // a person's reply is not automatic
    const ours = await h.deps.db.select().from(mailMessageIds).where(eq(mailMessageIds.ticketId, ticket.id));
    expect(ours.map((m) => m.messageId).sort()).toEqual([ack!.messageId, replyRow.messageId].sort());
  });

  it('lets no header be injected through a subject', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await createTicket({
      ctx: h.as(contact),
      input: { subject: 'Hello\r\nBcc: victim@evil.example\r\nX-Evil: 1', body: 'Body' },
    });
    const before = sink.messages.length;
    await h.runJobs();
    const [mail] = sink.messages.slice(before);
    expect(mail!.to).toEqual([contact.email.toLowerCase()]);
    const names = headersOf(mail!.raw).map((l) => l.split(':')[0]!.toLowerCase());
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-evil');
    expect(header(mail!.raw, 'Subject')).toHaveLength(1);
    const [row] = await rowsOf(ticket.id);
    expect(row!.subject).not.toMatch(/[\r\n]/);
  });

  it('counts a failed attempt, keeps the error, lets the queue retry, and never sends twice', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await createTicket({ ctx: h.as(contact), input: { subject: 'Disk full', body: 'C: is full.' } });
    const [row] = await rowsOf(ticket.id);
    const before = sink.messages.length;

    sink.failWith(451);
    await expect(sendOutboxMail(h.deps, { outboxId: row!.id })).rejects.toThrow();
    await expect(sendOutboxMail(h.deps, { outboxId: row!.id })).rejects.toThrow();
    const [failed] = await rowsOf(ticket.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 2, sentAt: null });
    expect(failed!.lastError).toMatch(/451|Try again later/);

    sink.failWith(undefined);
    expect(await sendOutboxMail(h.deps, { outboxId: row!.id })).toBe('sent');
    expect(await sendOutboxMail(h.deps, { outboxId: row!.id })).toBe('already_sent');
    await h.runJobs(); // the job enqueued with the row finds it sent
    const [done] = await rowsOf(ticket.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(sink.messages.slice(before).filter((m) => m.raw.includes(row!.id))).toHaveLength(1);
  });

  it('gives a mail up as failed after the last attempt, with its error, and never tries it again', async () => {
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await createTicket({ ctx: h.as(contact), input: { subject: 'Printer', body: 'Jammed.' } });
    const [row] = await rowsOf(ticket.id);
    sink.failWith(550);
    for (let attempt = 1; attempt < 11; attempt++) {
      await expect(sendOutboxMail(h.deps, { outboxId: row!.id })).rejects.toThrow();
    }
    expect(await sendOutboxMail(h.deps, { outboxId: row!.id })).toBe('failed');
    const [failed] = await rowsOf(ticket.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 11, sentAt: null });
    sink.failWith(undefined);
    expect(await sendOutboxMail(h.deps, { outboxId: row!.id })).toBe('not_pending');
  });

  it('sends the agent mails of one event with one job, each once, retrying only what failed', async () => {
    const [a, b] = [
      await makePerson(h, { role: 'agent', organisationId: w.provider.id }),
      await makePerson(h, { role: 'agent', organisationId: w.provider.id }),
    ];
    const group = await makeGroup(h, [a.id, b.id]);
    await h.runJobs();
    const ticket = await createTicket({
      ctx: h.as(w.contactA),
      input: { subject: 'Both agents hear of this', body: 'Please.' },
    });
    await h.runJobs(); // the customer's acknowledgement goes out
    await assignTicket({ ctx: h.as(w.agent), id: ticket.id, input: { groupId: group.id } });
    sink.failWith(451);
    // the notification job writes both mails and one send job, which fails for both
    await expect(h.runJobs()).rejects.toThrow(/451|Try again/);
    const agentRows = async () =>
      (await rowsOf(ticket.id)).filter((r) => r.toAddress === a.email || r.toAddress === b.email);
    expect((await agentRows()).map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 1],
    ]);
    sink.failWith(undefined);
    const rows = await agentRows();
    const before = sink.messages.length;
    expect(await sendOutboxMails(h.deps, { outboxIds: rows.map((r) => r.id) })).toEqual(['sent', 'sent']);
    expect(await sendOutboxMails(h.deps, { outboxIds: rows.map((r) => r.id) })).toEqual([
      'already_sent',
      'already_sent',
    ]);
    expect(sink.messages.length - before).toBe(2);
  });
});

describe('sending the mails of one job as a batch', () => {
  /** A pending agent notification with no job of its own, as the notification job writes them. */
  const pendingMail = async (to = `agent-${randomUUID()}@example.com`) =>
    (await queueMail(h.deps, h.deps.db, {
      dedupeKey: `batch-test:${randomUUID()}`,
      kind: 'agent_notification',
      to,
      language: 'en',
      subject: 'Something happened',
      textBody: 'Body',
      automatic: true,
      sender: 'system',
      deferSending: true,
    }))!;
  const rowOf = async (id: string) => (await h.deps.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
  const sentWith = (id: string) => sink.messages.filter((m) => header(m.raw, 'X-Loket-Outbox')[0] === id);
  /** The deps with a transport that refuses the mail of one outbox row and sends the others. */
  const refusing = (outboxId: string): ServiceDeps => ({
    ...h.deps,
    mailer: {
      configured: true,
      send: (mail) =>
        mail.headers['X-Loket-Outbox'] === outboxId
          ? Promise.reject(new Error('452 mailbox busy'))
          : h.deps.mailer.send(mail),
    },
  });

  it('reads all rows at once, sends only the pending ones, marks them at once and answers in the given order', async () => {
    const [p1, p2, p3, done, kept] = [
      await pendingMail(),
      await pendingMail(),
      await pendingMail(),
      await pendingMail(),
      await pendingMail(),
    ];
    await h.deps.db
      .update(outbox)
      .set({ status: 'sent', sentAt: h.clock.now(), attempts: 1 })
      .where(eq(outbox.id, done));
    await h.deps.db.update(outbox).set({ status: 'kept' }).where(eq(outbox.id, kept));
    const missing = randomUUID();

    const selects = vi.spyOn(h.deps.db, 'select');
    const updates = vi.spyOn(h.deps.db, 'update');
    let outcomes: Awaited<ReturnType<typeof sendOutboxMails>>;
    try {
      outcomes = await sendOutboxMails(h.deps, { outboxIds: [p1, done, missing, p2, kept, p3] });
      expect([selects.mock.calls.length, updates.mock.calls.length]).toEqual([1, 1]);
    } finally {
      selects.mockRestore();
      updates.mockRestore();
    }
    expect(outcomes).toEqual(['sent', 'already_sent', 'missing', 'sent', 'not_pending', 'sent']);

    for (const id of [p1, p2, p3]) {
      expect(sentWith(id)).toHaveLength(1);
      expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null, sentAt: h.clock.now() });
      expect(header(sentWith(id)[0]!.raw, 'Auto-Submitted')).toEqual(['auto-generated']);
    }
    expect(sentWith(done)).toHaveLength(0);
    expect(sentWith(kept)).toHaveLength(0);
    expect(await rowOf(kept)).toMatchObject({ status: 'kept', attempts: 0, sentAt: null });
  });

  it('marks the others sent when one mail fails, counts the failure and throws; the retry sends only that one', async () => {
    const [a, b, c] = [await pendingMail(), await pendingMail(), await pendingMail()];
    await expect(sendOutboxMails(refusing(b), { outboxIds: [a, b, c] })).rejects.toThrow('452 mailbox busy');
    expect(await rowOf(a)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await rowOf(c)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await rowOf(b)).toMatchObject({
      status: 'pending',
      attempts: 1,
      sentAt: null,
      lastError: '452 mailbox busy',
    });
    expect(sentWith(b)).toHaveLength(0);

    // the queue runs the same job again
    expect(await sendOutboxMails(h.deps, { outboxIds: [a, b, c] })).toEqual(['already_sent', 'sent', 'already_sent']);
    expect(await rowOf(b)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    for (const id of [a, b, c]) expect(sentWith(id)).toHaveLength(1);
  });

  it('gives up a mail on its last attempt without failing the job of the others', async () => {
    const [a, b] = [await pendingMail(), await pendingMail()];
    await h.deps.db.update(outbox).set({ attempts: 10 }).where(eq(outbox.id, b));
    expect(await sendOutboxMails(refusing(b), { outboxIds: [a, b] })).toEqual(['sent', 'failed']);
    expect(await rowOf(a)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await rowOf(b)).toMatchObject({ status: 'failed', attempts: 11, lastError: '452 mailbox busy' });
  });

  it('does nothing for an empty job', async () => {
    expect(await sendOutboxMails(h.deps, { outboxIds: [] })).toEqual([]);
  });
});

describe('one-click unsubscribe headers (RFC 8058)', () => {
  it('puts List-Unsubscribe and List-Unsubscribe-Post on status notices, and on no other mail', async () => {
    const fan = 'one-click-fan@example.com';
    await h.deps.db.insert(statusSubscriptions).values({
      kind: 'email',
      email: fan,
      unsubscribeTokenHash: `legacy-${fan}`,
      confirmedAt: h.clock.now(),
      createdAt: h.clock.now(),
    });
    const contact = await makePerson(h, { role: 'contact', organisationId: w.orgA.id });
    const ticket = await createTicket({ ctx: h.as(contact), input: { subject: 'Printer', body: 'Jammed.' } });
    await createIncident({ ctx: h.as(w.agent), input: { name: 'Mail delayed', body: 'Investigating.' } });
    const before = sink.messages.length;
    await h.runJobs();
    const sent = sink.messages.slice(before);

    const [notice] = await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, fan));
    expect(notice!.kind).toBe('status_incident_update');
    const url = /(\S+\/status\/unsubscribe\?token=\S+)/.exec(notice!.textBody)![1]!;
    expect(url.startsWith('https://desk.provider.example/status/unsubscribe?token=unsub_')).toBe(true);
    expect(notice!.listUnsubscribeUrl).toBe(url);
    const noticeRaw = sent.find((m) => m.to.includes(fan))!.raw;
    expect(header(noticeRaw, 'List-Unsubscribe')).toEqual([`<${url}>`]);
    expect(header(noticeRaw, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click']);

    const [ack] = await rowsOf(ticket.id);
    expect(ack!.listUnsubscribeUrl).toBeNull();
    const ackRaw = sent.find((m) => header(m.raw, 'X-Loket-Outbox')[0] === ack!.id)!.raw;
    expect(header(ackRaw, 'List-Unsubscribe')).toEqual([]);
    expect(header(ackRaw, 'List-Unsubscribe-Post')).toEqual([]);
  });

  it('keeps only a List-Unsubscribe URL that is ours and header-safe', async () => {
    const queue = (key: string, listUnsubscribeUrl: string) =>
      queueMail(h.deps, h.deps.db, {
        dedupeKey: `list-unsubscribe-test:${key}`,
        kind: 'status_incident_update',
        to: 'someone@example.com',
        language: 'en',
        subject: 'Notice',
        textBody: 'Body',
        automatic: true,
        sender: 'system',
        deferSending: true,
        listUnsubscribeUrl,
      });
    const stored = async (key: string, url: string) => {
      const id = (await queue(key, url))!;
      const [row] = await h.deps.db.select().from(outbox).where(eq(outbox.id, id));
      return row!.listUnsubscribeUrl;
    };
    const ours = 'https://desk.provider.example/status/unsubscribe?token=unsub_abc';
    expect(await stored('ours', ours)).toBe(ours);
    expect(await stored('foreign', 'https://evil.example/status/unsubscribe?token=x')).toBeNull();
    expect(await stored('prefix', 'https://desk.provider.example.evil.example/x')).toBeNull();
    expect(await stored('userinfo', 'https://desk.provider.example@evil.example/x')).toBeNull();
    expect(await stored('http', 'http://desk.provider.example/status/unsubscribe?token=x')).toBeNull();
    expect(await stored('crlf', `${ours}\r\nBcc: victim@example.com`)).toBeNull();
    expect(await stored('bracket', `${ours}>, <mailto:x@evil.example`)).toBeNull();
  });
});
