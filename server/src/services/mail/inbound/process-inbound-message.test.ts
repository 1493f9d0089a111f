import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articles,
  attachments,
  inboundMessages,
  mailMessageIds,
  organisations,
  outbox,
  people,
  ticketEvents,
  ticketLinks,
  ticketParticipants,
  tickets,
} from '../../../db/schema.ts';
import { makeGroup, makeOrganisation, makePerson, makeWorld } from '../../../../test/factories.ts';
import { type Harness, createHarness } from '../../../../test/harness.ts';
import { eml, makeMailbox, message, storeInbound } from '../../../../test/mail/store-inbound.ts';
import { changeTicketStatus } from '../../tickets/change-ticket-status.ts';
import { createTicket } from '../../tickets/create-ticket.ts';
import { mergeTicket } from '../../tickets/merge-ticket.ts';
import { listArticles } from '../../tickets/list-articles.ts';
import { processInboundMessage } from '../process-inbound-message.ts';

const DAY = 86_400_000;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let mailbox: Awaited<ReturnType<typeof makeMailbox>>;
let groupId: string;

beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  groupId = (await makeGroup(h, [w.agent.id])).id;
  mailbox = await makeMailbox(h, { groupId, urgency: 'high', impact: 'normal' });
});
afterAll(() => h.close());

const uid = () => randomUUID().slice(0, 8);
/** A fresh sender domain (and with it fresh Message-IDs) for a fixture written for customer.example. */
const fresh = () => `c-${uid()}.example`;

async function deliver(raw: Buffer, options: { envelopeFrom?: string | null } = {}) {
  const row = await storeInbound(h, mailbox.id, raw, options);
  const outcome = await processInboundMessage(h.deps, { inboundId: row.id });
  const [after] = await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, row.id));
  return { row: after!, outcome };
}
const ticketOf = async (id: string) => (await h.deps.db.select().from(tickets).where(eq(tickets.id, id)))[0]!;
const articlesOf = (ticketId: string) =>
  h.deps.db.select().from(articles).where(eq(articles.ticketId, ticketId)).orderBy(articles.seq);
const eventsOf = (ticketId: string) =>
  h.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(ticketEvents.id);
const openAs = (who: Parameters<Harness['as']>[0], subject = 'Backup failed') =>
  createTicket({ ctx: h.as(who), input: { subject, body: 'Last night.', category: 'server_management' } });
const setStatus = (id: string, status: string) => changeTicketStatus({ ctx: h.as(w.agent), id, input: { status } });
const reply = (from: string, headers: Record<string, string>, body = 'Any news?') =>
  message(
    { From: from, To: mailbox.address, 'Message-ID': `<${uid()}@mail.example>`, Subject: 'Re: x', ...headers },
    body,
  );
const outboundId = async (ticketId: string) => {
  const id = `<out-${uid()}@loket.example>`;
  await h.deps.db
    .insert(mailMessageIds)
    .values({ messageId: id, ticketId, direction: 'out', createdAt: h.clock.now() });
  return id;
};

describe('a new message', () => {
  it('opens a ticket for an unknown sender, registered in the organisation owning the domain', async () => {
    const domain = fresh();
    const org = await makeOrganisation(h, { domains: [domain] });
    const raw = eml('plain', { 'customer.example': domain, 'support@provider.example': mailbox.address });
    const { row, outcome } = await deliver(raw);
    expect(outcome).toMatchObject({ outcome: 'processed', action: 'created' });
    expect(row).toMatchObject({ status: 'processed', attempts: 1, subject: 'Printer on floor 2 is jammed' });
    const ticket = await ticketOf(row.ticketId!);
    expect(ticket).toMatchObject({
      channel: 'email',
      subject: 'Printer on floor 2 is jammed',
      groupId,
      urgency: 'high',
    });
    expect(ticket.reviewReason).toBeNull();
    const [requester] = await h.deps.db.select().from(people).where(eq(people.id, ticket.requesterId));
    expect(requester).toMatchObject({
      email: `ann@${domain}`,
      name: 'Ann Customer',
      organisationId: org.id,
      role: 'contact',
    });
    const [article] = await articlesOf(ticket.id);
    expect(article).toMatchObject({ id: row.articleId, channel: 'email', authorId: requester!.id });
    expect(article!.body).toContain('The printer on floor 2 is jammed again.');
    expect(article!.body).toContain('Ann Customer, ACME'); // the original is kept whole; folding is for display
    const [created] = await eventsOf(ticket.id);
    expect(created).toMatchObject({
      kind: 'created',
      data: {
        channel: 'email',
        inboundId: row.id,
        requesterRegistered: true,
        autoReply: true,
        groupId,
        assigneeId: null,
      },
    });
    const ids = await h.deps.db
      .select()
      .from(mailMessageIds)
      .where(and(eq(mailMessageIds.ticketId, ticket.id), eq(mailMessageIds.direction, 'in')));
    expect(ids).toEqual([
      expect.objectContaining({ messageId: `<plain-1@${domain}>`, direction: 'in', articleId: article!.id }),
    ]);
    const copied = await h.deps.db.select().from(ticketParticipants).where(eq(ticketParticipants.ticketId, ticket.id));
    expect(copied.map((p) => p.email)).toEqual([`bob@${domain}`]);
  });

  it('acknowledges from the mailbox the message came in through, not the first one configured', async () => {
    // The suite's mailbox was made first; this one later, so "the first active mailbox" would be the wrong answer.
    const billing = await makeMailbox(h, { groupId });
    const domain = fresh();
    await makeOrganisation(h, { domains: [domain] });
    const raw = message(
      { From: `ann@${domain}`, To: billing.address, 'Message-ID': `<${uid()}@${domain}>`, Subject: 'Invoice 42' },
      'The amount looks wrong.',
    );
    const row = await storeInbound(h, billing.id, raw);
    const outcome = await processInboundMessage(h.deps, { inboundId: row.id });
    expect(outcome).toMatchObject({ outcome: 'processed', action: 'created' });
    const ticketId = (outcome as { ticketId: string }).ticketId;
    const [ack] = await h.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.ticketId, ticketId), eq(outbox.kind, 'acknowledgement')));
    expect(ack).toMatchObject({ fromAddress: billing.address, mailboxId: billing.id, toAddress: `ann@${domain}` });
  });

  it('files a sender from an unknown domain under the unmatched organisation, "(no subject)" when it has none', async () => {
    const { row } = await deliver(
      message({ From: `someone@${fresh()}`, To: mailbox.address, 'Message-ID': `<${uid()}@x>` }),
    );
    const ticket = await ticketOf(row.ticketId!);
    expect(ticket.subject).toBe('(no subject)');
    const [org] = await h.deps.db.select().from(organisations).where(eq(organisations.id, ticket.organisationId));
    expect(org!.kind).toBe('unmatched');
  });

  it('decodes ISO-8859-1, windows-1252 and UTF-8 subjects, names and bodies', async () => {
    const latin = await deliver(eml('iso-8859-1', { 'customer.example': fresh() }));
    expect((await ticketOf(latin.row.ticketId!)).subject).toBe('Café-automaat geïnstalleerd?');
    expect((await articlesOf(latin.row.ticketId!))[0]!.body).toBe('De café-automaat is naïef geïnstalleerd.');
    const [renee] = await h.deps.db
      .select()
      .from(people)
      .where(eq(people.id, (await ticketOf(latin.row.ticketId!)).requesterId));
    expect(renee!.name).toBe('Renée Müller');
    const cp = await deliver(eml('windows-1252', { 'customer.example': fresh() }));
    expect((await ticketOf(cp.row.ticketId!)).subject).toBe('“Offerte” – € 1.200 per maand');
    expect((await articlesOf(cp.row.ticketId!))[0]!.body).toBe('Prijs: € 1.200 – “inclusief” support.');
    const utf = await deliver(eml('utf-8', { 'customer.example': fresh() }));
    expect((await ticketOf(utf.row.ticketId!)).subject).toBe('Skrivaren är trasig – hjälp! 🖨️');
  });

  it('keys a message without a Message-ID by its content hash, and files it', async () => {
    const raw = eml('missing-message-id', { 'customer.example': fresh() });
    const { row } = await deliver(raw);
    expect(row.messageKey).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(row.status).toBe('processed');
    const ids = await h.deps.db
      .select()
      .from(mailMessageIds)
      .where(and(eq(mailMessageIds.ticketId, row.ticketId!), eq(mailMessageIds.direction, 'in')));
    expect(ids).toEqual([]);
  });

  it('keeps attachments of nested multiparts and a forwarded message', async () => {
    const nested = await deliver(eml('nested-multipart', { 'customer.example': fresh() }));
    const body = (await articlesOf(nested.row.ticketId!))[0]!.body;
    expect(body).toBe('See the attached invoice.');
    const files = await h.deps.db.select().from(attachments).where(eq(attachments.articleId, nested.row.articleId!));
    expect(files.map((f) => [f.filename, f.contentType]).sort()).toEqual([
      ['invoice 2026-03.pdf', 'application/pdf'],
      ['message.html', 'text/html'],
    ]);
    const pdf = files.find((f) => f.contentType === 'application/pdf')!;
    expect(await text(h.deps.blobs.open(pdf.sha256))).toContain('%PDF-1.4');
    const forward = await deliver(eml('forwarded', { 'customer.example': fresh() }));
    const kept = await h.deps.db.select().from(attachments).where(eq(attachments.articleId, forward.row.articleId!));
    expect(kept).toEqual([
      expect.objectContaining({ filename: 'Certificate expires soon.eml', contentType: 'message/rfc822' }),
    ]);
  });

  it('stores inline cid: images as attachments, linked from the sanitized HTML', async () => {
    const { row } = await deliver(eml('inline-cid', { 'customer.example': fresh() }));
    const files = await h.deps.db.select().from(attachments).where(eq(attachments.articleId, row.articleId!));
    const image = files.find((f) => f.contentType === 'image/png')!;
    expect(image).toMatchObject({ filename: 'screenshot.png', ticketId: row.ticketId });
    const html = await text(h.deps.blobs.open(files.find((f) => f.filename === 'message.html')!.sha256));
    expect(html).toContain(`src="/api/v1/attachments/${image.id}"`);
    expect(html).not.toContain('cid:');
    expect((await articlesOf(row.ticketId!))[0]!.body).toBe('This is what I see:\n\n[screenshot]');
  });

  it('sanitizes HTML before storing it: no script, event handler, javascript: URL, frame or form', async () => {
    const { row } = await deliver(eml('html-hostile', { 'customer.example': fresh() }));
    const [file] = await h.deps.db.select().from(attachments).where(eq(attachments.articleId, row.articleId!));
    const html = await text(h.deps.blobs.open(file!.sha256));
    expect(html).toContain('<b>desk</b>');
    expect(html).toMatch(/href="https:\/\/c-[a-z0-9]+\.example\/info"/);
    for (const bad of ['<script', 'onerror', 'onload', 'javascript:', '<iframe', '<form', '<style', 'alert(']) {
      expect(html.toLowerCase()).not.toContain(bad);
    }
    const [article] = await articlesOf(row.ticketId!);
    expect(article!.body).toBe('Hello desk,\n\ndetails info\n[pixel]');
  });
});

describe('threading', () => {
  it('appends a reply naming our Message-ID in In-Reply-To', async () => {
    const ticket = await openAs(w.contactA);
    const ours = await outboundId(ticket.id);
    const { row } = await deliver(reply(w.contactA.email, { 'In-Reply-To': ours, Subject: 'Re: something else' }));
    expect(row).toMatchObject({ status: 'processed', ticketId: ticket.id });
    const conversation = await articlesOf(ticket.id);
    expect(conversation).toHaveLength(2);
    expect(conversation[1]).toMatchObject({
      channel: 'email',
      kind: 'reply',
      authorId: w.contactA.id,
      body: 'Any news?',
    });
    expect((await eventsOf(ticket.id)).at(-1)).toMatchObject({
      kind: 'replied',
      actorId: w.contactA.id,
      data: { articleId: conversation[1]!.id, channel: 'email', inboundId: row.id },
    });
  });

  it('shows a reply with its quoted history and signature folded away, keeping the body whole', async () => {
    const ticket = await openAs(w.contactA);
    const ours = await outboundId(ticket.id);
    const body =
      'Still down after the restart.\n\n-- \nJan\n\nOn Mon, 9 Mar 2026 at 10:00, Support wrote:\n> Please restart it.';
    await deliver(reply(w.contactA.email, { 'In-Reply-To': ours }, body));
    const articles = await listArticles({ ctx: h.as(w.contactA), id: ticket.id });
    const mail = articles.items.at(-1)!;
    expect(mail.body).toContain('Please restart it.');
    expect(mail.display.visible).toBe('Still down after the restart.');
    expect(mail.display.folded).toContain('> Please restart it.');
    expect(articles.items[0]!.display).toEqual({ visible: articles.items[0]!.body, folded: null });
  });

  it('follows References newest first, and earlier imported Message-IDs too', async () => {
    const ticket = await openAs(w.contactA);
    const first = await deliver(reply(w.contactA.email, { 'In-Reply-To': await outboundId(ticket.id) }));
    const [known] = await h.deps.db
      .select()
      .from(mailMessageIds)
      .where(eq(mailMessageIds.articleId, first.row.articleId!));
    const { row } = await deliver(reply(w.contactA2.email, { References: `<unknown@x> ${known!.messageId}` }));
    expect(row.ticketId).toBe(ticket.id);
  });

  it('appends by the reference in the subject', async () => {
    const ticket = await openAs(w.contactA);
    const { row } = await deliver(reply(w.managerA.email, { Subject: `Re: [${ticket.reference}] Backup failed` }));
    expect(row.ticketId).toBe(ticket.id);
    expect(await articlesOf(ticket.id)).toHaveLength(2);
  });

  it('opens a new ticket flagged for review when a stranger names someone else’s ticket', async () => {
    const victim = await openAs(w.contactA);
    const byRef = await deliver(reply(w.contactB.email, { Subject: `Re: [${victim.reference}] please add me` }));
    const byId = await deliver(reply(`stranger@${fresh()}`, { 'In-Reply-To': await outboundId(victim.id) }));
    for (const { row } of [byRef, byId]) {
      expect(row.ticketId).not.toBe(victim.id);
      const flagged = await ticketOf(row.ticketId!);
      expect(flagged.reviewReason).toContain(victim.reference);
      expect(flagged.organisationId).not.toBe(w.orgA.id);
    }
    expect((await ticketOf(byRef.row.ticketId!)).reviewReason).toContain(w.contactB.email);
    expect(await articlesOf(victim.id)).toHaveLength(1);
    expect((await eventsOf(victim.id)).map((e) => e.kind)).toEqual(['created']);
  });

  it('does not treat two senders of the unmatched organisation as colleagues', async () => {
    const first = await deliver(reply(`one@${fresh()}`, { Subject: 'My problem' }));
    const reference = (await ticketOf(first.row.ticketId!)).reference;
    const second = await deliver(reply(`two@${fresh()}`, { Subject: `Re: [${reference}]` }));
    expect(second.row.ticketId).not.toBe(first.row.ticketId);
    expect((await ticketOf(second.row.ticketId!)).reviewReason).toContain(reference);
  });

  it('lets an address in copy on the ticket reply onto it', async () => {
    const domain = fresh();
    const { row } = await deliver(eml('plain', { 'customer.example': domain }));
    const { row: fromCopy } = await deliver(reply(`bob@${domain}`, { References: `<plain-1@${domain}>` }));
    expect(fromCopy.ticketId).toBe(row.ticketId);
  });

  it('appends to the ticket a named ticket was merged into', async () => {
    const source = await openAs(w.contactA);
    const target = await openAs(w.contactA);
    await mergeTicket({ ctx: h.as(w.agent), id: source.id, input: { into: target.id } });
    const { row } = await deliver(reply(w.contactA.email, { Subject: `Re: [${source.reference}]` }));
    expect(row.ticketId).toBe(target.id);
  });

  it('makes an agent’s mail a public reply by that agent and the first response', async () => {
    const ticket = await openAs(w.contactA);
    const { row } = await deliver(
      reply(w.agent.email, { 'In-Reply-To': await outboundId(ticket.id) }, 'Restarted it.'),
    );
    const [article] = await h.deps.db.select().from(articles).where(eq(articles.id, row.articleId!));
    expect(article).toMatchObject({ kind: 'reply', authorId: w.agent.id, channel: 'email' });
    expect((await ticketOf(ticket.id)).firstResponseAt).toEqual(h.clock.now());
  });
});

describe('replies to finished tickets', () => {
  it('reopens a resolved ticket', async () => {
    const ticket = await openAs(w.contactA);
    await setStatus(ticket.id, 'resolved');
    h.clock.advance(1000);
    const { row } = await deliver(reply(w.contactA.email, { Subject: `Re: [${ticket.reference}]` }, 'Still broken.'));
    const after = await ticketOf(ticket.id);
    expect(after).toMatchObject({ statusKind: 'open', reopenCount: 1, resolvedAt: null });
    expect((await eventsOf(ticket.id)).at(-1)).toMatchObject({
      kind: 'replied',
      data: { reopened: true, inboundId: row.id },
    });
  });

  it('reopens a ticket closed within the window, and opens a linked follow-up after it', async () => {
    const recent = await openAs(w.contactA);
    await setStatus(recent.id, 'closed');
    h.clock.advance(2 * DAY);
    await deliver(reply(w.contactA.email, { Subject: `Re: [${recent.reference}]` }));
    expect((await ticketOf(recent.id)).statusKind).toBe('open');

    const old = await openAs(w.contactA, 'Mail server down');
    await setStatus(old.id, 'closed');
    h.clock.advance(30 * DAY);
    const { row, outcome } = await deliver(reply(w.contactA.email, { Subject: `Re: [${old.reference}]` }, 'Again!'));
    expect(outcome).toMatchObject({ action: 'follow_up' });
    expect((await ticketOf(old.id)).statusKind).toBe('closed');
    const followUp = await ticketOf(row.ticketId!);
    expect(followUp).toMatchObject({ subject: `Follow-up ${old.reference}: Mail server down`, channel: 'email' });
    expect((await articlesOf(followUp.id))[0]!.body).toBe('Again!');
    const links = await h.deps.db.select().from(ticketLinks).where(eq(ticketLinks.sourceTicketId, followUp.id));
    expect(links).toEqual([expect.objectContaining({ kind: 'follow_up_of', targetTicketId: old.id })]);
    // A second mail to the old ticket joins the follow-up instead of opening another.
    const again = await deliver(reply(w.contactA.email, { Subject: `Re: [${old.reference}]` }));
    expect(again.row.ticketId).toBe(followUp.id);
  });
});

describe('exactly once', () => {
  it('files a message once however often, and however concurrently, the job runs', async () => {
    const ticket = await openAs(w.contactA);
    const raw = reply(w.contactA.email, { Subject: `Re: [${ticket.reference}]` });
    const row = await storeInbound(h, mailbox.id, raw);
    const outcomes = await Promise.all([1, 2, 3].map(() => processInboundMessage(h.deps, { inboundId: row.id })));
    expect(outcomes.filter((o) => o.outcome === 'processed')).toHaveLength(1);
    await processInboundMessage(h.deps, { inboundId: row.id });
    expect(await articlesOf(ticket.id)).toHaveLength(2);
    expect((await eventsOf(ticket.id)).filter((e) => e.kind === 'replied')).toHaveLength(1);
  });

  it('quarantines garbage with a reason, and the next message is still processed', async () => {
    const garbage = await deliver(eml('garbage'));
    expect(garbage.row).toMatchObject({ status: 'quarantined', ticketId: null });
    expect(garbage.row.reason).toMatch(/not a mail message/i);
    const next = await deliver(eml('plain', { 'customer.example': fresh() }));
    expect(next.row.status).toBe('processed');
  });

  it('quarantines oversized headers and messages over the size limit', async () => {
    const headers = await deliver(eml('oversized-headers', { 'customer.example': fresh() }));
    expect(headers.row).toMatchObject({ status: 'quarantined' });
    expect(headers.row.reason).toMatch(/1500 header lines/);
    const big = await storeInbound(h, mailbox.id, eml('plain', { 'customer.example': fresh() }));
    const limited = { ...h.deps, config: { ...h.deps.config, inboundMaxBytes: 200 } };
    expect(await processInboundMessage(limited, { inboundId: big.id })).toMatchObject({
      outcome: 'quarantined',
      reason: expect.stringContaining('exceeds the limit of 200'),
    });
  });

  it('leaves a quarantined message alone until it is reset to received', async () => {
    const { row } = await deliver(Buffer.concat([eml('garbage'), Buffer.from(uid())]));
    expect(await processInboundMessage(h.deps, { inboundId: row.id })).toEqual({ outcome: 'skipped' });
    const [again] = await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, row.id));
    expect(again!.attempts).toBe(1);
  });

  it('quarantines a message whose raw bytes are missing from storage', async () => {
    const row = await storeInbound(h, mailbox.id, reply(w.contactA.email, {}));
    await h.deps.db
      .update(inboundMessages)
      .set({ sha256: 'f'.repeat(64) })
      .where(eq(inboundMessages.id, row.id));
    expect(await processInboundMessage(h.deps, { inboundId: row.id })).toMatchObject({
      outcome: 'quarantined',
      reason: expect.stringContaining('missing from storage'),
    });
  });

  it('quarantines mail from a deactivated person', async () => {
    const gone = await makePerson(h, { role: 'contact', organisationId: w.orgA.id, isActive: false });
    const { row } = await deliver(reply(gone.email, {}));
    expect(row).toMatchObject({ status: 'quarantined' });
    expect(row.reason).toContain('deactivated');
  });
});

describe('loops and noise', () => {
  it('ignores our own mail coming back', async () => {
    const ticket = await openAs(w.contactA);
    const ours = await outboundId(ticket.id);
    const { row } = await deliver(
      message({ From: w.contactA.email, To: mailbox.address, 'Message-ID': ours, Subject: 'x' }),
    );
    expect(row).toMatchObject({ status: 'ignored', reason: 'own mail' });
    const fromUs = await deliver(reply(mailbox.address, {}));
    expect(fromUs.row).toMatchObject({ status: 'ignored', reason: 'own mail' });
    expect(await articlesOf(ticket.id)).toHaveLength(1);
  });

  it('flags nobody a forged delivery report names who was not a recipient of the bounced mail', async () => {
    const ticket = await openAs(w.contactA);
    const messageId = `<ack-${uid()}@loket.example>`;
    await h.deps.db.insert(outbox).values({
      dedupeKey: `ack:${uid()}`,
      kind: 'acknowledgement',
      fromAddress: mailbox.address,
      toAddress: w.contactA.email,
      subject: 'We received your report',
      textBody: 'Thanks',
      messageId,
      automatic: true,
      language: 'en',
      ticketId: ticket.id,
      status: 'sent',
      createdAt: h.clock.now(),
    });
    // contact A forges a report naming an agent and a contact of another organisation as the failed recipients
    const raw = eml('bounce-dsn', {
      '<OUTBOX-ID>': messageId,
      'rfc822; gone@customer.example': `rfc822; ${w.agent.email}`,
      'rfc822;gone@customer.example': `rfc822;${w.contactB.email}`,
      'dsn-1@': `dsn-${uid()}@`,
    });
    await deliver(raw, { envelopeFrom: '' });
    const victims = await h.deps.db
      .select()
      .from(people)
      .where(inArray(people.id, [w.agent.id, w.contactB.id]));
    expect(victims.map((v) => v.emailBouncedAt)).toEqual([null, null]);
  });

  it('keeps a message whose HTML is too deeply nested to sanitize, showing its text, in bounded time', async () => {
    const html = `${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}`;
    const raw = Buffer.from(
      [
        `From: deep@${fresh()}`,
        `To: ${mailbox.address}`,
        `Message-ID: <deep-${uid()}@mail.example>`,
        'Subject: Nested',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '',
      ].join('\r\n'),
    );
    const { row } = await deliver(raw);
    expect(row.status).toBe('processed');
    const [article] = await articlesOf(row.ticketId!);
    expect(article!.body).toContain('too deeply nested');
  });

  it('renames a sender’s own attachment called message.html, so it cannot pass for the sanitized body', async () => {
    const boundary = 'b1';
    const raw = Buffer.from(
      [
        `From: sneaky@${fresh()}`,
        `To: ${mailbox.address}`,
        `Message-ID: <sneaky-${uid()}@mail.example>`,
        'Subject: Look',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'See attached.',
        `--${boundary}`,
        'Content-Type: text/html; name="message.html"',
        'Content-Disposition: attachment; filename="message.html"',
        '',
        '<script>alert(1)</script>',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    const { row } = await deliver(raw);
    const files = await h.deps.db.select().from(attachments).where(eq(attachments.ticketId, row.ticketId!));
    expect(files.map((f) => f.filename)).toEqual(['attached-message.html']);
  });

  it('links a delivery report to the outbox row that bounced and flags the recipient', async () => {
    const ticket = await openAs(w.contactA);
    const gone = await makePerson(h, {
      role: 'contact',
      organisationId: w.orgA.id,
      email: `gone-${uid()}@customer.example`,
    });
    const messageId = `<ack-${uid()}@loket.example>`;
    const [sent] = await h.deps.db
      .insert(outbox)
      .values({
        dedupeKey: `ack:${uid()}`,
        kind: 'acknowledgement',
        fromAddress: mailbox.address,
        toAddress: gone.email,
        subject: 'We received your report',
        textBody: 'Thanks',
        messageId,
        automatic: true,
        language: 'en',
        ticketId: ticket.id,
        status: 'sent',
        createdAt: h.clock.now(),
      })
      .returning();
    const raw = eml('bounce-dsn', {
      '<OUTBOX-ID>': messageId,
      'gone@customer.example': gone.email,
      'dsn-1@': `dsn-${uid()}@`,
    });
    const { row } = await deliver(raw, { envelopeFrom: '' });
    expect(row).toMatchObject({ status: 'ignored', reason: 'delivery report' });
    const [bounced] = await h.deps.db.select().from(outbox).where(eq(outbox.id, sent!.id));
    expect(bounced!.bouncedAt).toEqual(h.clock.now());
    const [person] = await h.deps.db.select().from(people).where(eq(people.id, gone.id));
    expect(person!.emailBouncedAt).toEqual(h.clock.now());
    const events = await h.deps.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'mail_bounced')));
    expect(events).toEqual([
      expect.objectContaining({ isInternal: true, data: expect.objectContaining({ outboxId: sent!.id }) }),
    ]);
    expect(await articlesOf(ticket.id)).toHaveLength(1);
  });

  it('files an out-of-office reply on its ticket without reopening it or asking for an acknowledgement', async () => {
    const ticket = await openAs(w.contactA);
    await setStatus(ticket.id, 'resolved');
    const ours = await outboundId(ticket.id);
    const raw = eml('out-of-office', {
      'ann@customer.example': w.contactA.email,
      '<IN-REPLY-TO>': ours,
      'ooo-1@': `ooo-${uid()}@`,
    });
    const { row } = await deliver(raw);
    expect(row.ticketId).toBe(ticket.id);
    expect((await ticketOf(ticket.id)).statusKind).toBe('resolved');
    expect((await eventsOf(ticket.id)).at(-1)).toMatchObject({ kind: 'replied', data: { automatic: true } });
  });

  it('opens tickets for auto-generated and list mail with autoReply false and the reason', async () => {
    const ooo = await deliver(eml('out-of-office', { 'customer.example': fresh(), '<IN-REPLY-TO>': '<nothing@x>' }));
    const list = await deliver(eml('mailing-list', { 'lists.vendor.example': `lists.${fresh()}` }));
    const bounceLike = await deliver(reply(`postmaster@${fresh()}`, { Subject: 'Returned' }));
    const emptyPath = await deliver(reply(`x@${fresh()}`, { 'Return-Path': '<>' }));
    const cases = [
      [ooo, 'Auto-Submitted: auto-replied'],
      [list, 'Precedence: list'],
      [bounceLike, expect.stringContaining('postmaster@')],
      [emptyPath, 'empty Return-Path'],
    ] as const;
    for (const [{ row }, reason] of cases) {
      const [created] = await eventsOf(row.ticketId!);
      expect(created).toMatchObject({ kind: 'created', data: { autoReply: false, autoReplySuppressed: reason } });
    }
  });
});
