import type { Settings } from '@loket/contract';
import { and, eq, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import { type Executor, queryRows, writeTogether } from '../../../db/client.ts';
import {
  attachments,
  inboundMessages,
  type InboundMessageRow,
  mailboxes,
  type MailboxRow,
  mailMessageIds,
  outbox,
  settings as settingsTable,
  ticketLinks,
  ticketParticipants,
  tickets,
  type TicketRow,
} from '../../../db/schema.ts';
import { decideReopen } from '../../../domain/tickets/lifecycle.ts';
import type { PersonActor, ServiceContext, ServiceDeps } from '../../context.ts';
import { findOrRegisterContact, findPersonByEmail } from '../../people/find-or-register-contact.ts';
import { type Change, recordTicketEvent } from '../../shared/record-event.ts';
import { defaultStatusOfKind, settingsFrom } from '../../shared/reference-lookup.ts';
import { insertTicket } from '../../tickets/insert-ticket.ts';
import { openFollowUpOf } from '../../tickets/reopen-ticket.ts';
import { moveToStatus, reopenRow, touchTicket, writeArticle } from '../../tickets/ticket-writes.ts';
import { findThread, mayAppend, type Sender } from './find-thread.ts';
import type { ParsedInbound } from './parse-message.ts';
import { recordBounce } from './record-bounce.ts';

/** An attachment whose bytes are already in the blob store, with the id its row will get. */
export type StoredAttachment = { id: string; sha256: string; sizeBytes: number; filename: string; contentType: string };

export type FilingOutcome =
  | { outcome: 'skipped' }
  | { outcome: 'ignored' | 'quarantined'; reason: string }
  | { outcome: 'processed'; ticketId: string; articleId: string; action: 'created' | 'appended' | 'follow_up' };

const MAX_FOLLOW_UP_SUBJECT = 250;

/**
 * Files one parsed message, all in the caller's transaction: the inbound row is locked and must still be `received`
 * (a concurrent or repeated job finds it done and does nothing), then the message is ignored as noise, or becomes an
 * article on the ticket it continues, a follow-up, or a new ticket — with its attachments, its Message-ID for
 * threading, the addresses in copy as participants, the history event, and the row marked processed.
 */
export async function fileMessage(
  deps: ServiceDeps,
  tx: Executor,
  inboundId: string,
  mail: ParsedInbound,
  stored: StoredAttachment[],
): Promise<FilingOutcome> {
  // The row (locked), its mailbox and all our addresses in one round trip.
  const [found] = await tx
    .select({
      row: inboundMessages,
      mailbox: mailboxes,
      ours: sql<string[]>`(SELECT coalesce(array_agg(lower(m.address)), '{}') FROM ${mailboxes} m)`,
    })
    .from(inboundMessages)
    .innerJoin(mailboxes, eq(mailboxes.id, inboundMessages.mailboxId))
    .where(eq(inboundMessages.id, inboundId))
    .for('update', { of: inboundMessages });
  if (!found || found.row.status !== 'received') return { outcome: 'skipped' };
  const { row, mailbox } = found;
  const ourAddresses = new Set(found.ours);
  const system: ServiceContext = { ...deps, actor: { kind: 'system' } };
  const finish = (status: 'ignored' | 'quarantined', reason: string, ticketId: string | null = null) =>
    markDone(deps, tx, row, mail, { status, reason, ticketId, articleId: null }).then(() => ({
      outcome: status,
      reason,
    }));

  // The same message sent to two of our mailboxes (or fetched from both) is filed once: its two rows may be processed
  // at the same moment, so what is known about the Message-ID is read only once the other's transaction is over (a
  // lock on the Message-ID, taken before the statement that looks, so that statement sees the other's commit).
  if (mail.messageId) await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`mail:${mail.messageId}`}))`);
  const known = await messageFacts(tx, mail.messageId);

  // Our own mail coming back (a loop through a forwarding rule, a copy to ourselves) is never filed.
  if (known.own || ourAddresses.has(mail.fromAddress)) return finish('ignored', 'own mail');

  if (mail.deliveryReport) {
    const outboxId = await recordBounce(system, tx, mail.deliveryReport, row.id);
    return finish('ignored', outboxId ? 'delivery report' : 'delivery report for a message that is not ours');
  }
  if (known.filedOn) return finish('ignored', 'already filed from another mailbox', known.filedOn);

  let sender: Sender | undefined = await findPersonByEmail(tx, mail.fromAddress);
  if (sender && !sender.isActive) return finish('quarantined', `The sender ${mail.fromAddress} is deactivated`);

  const settings = known.settings;
  const thread = await findThread(tx, mail, settings.ticketPrefix);
  let reviewReason: string | null = null;
  if (thread) {
    if (await mayAppend(tx, thread.ticket, sender, mail.fromAddress)) {
      sender ??= (await findOrRegisterContact(deps, tx, { email: mail.fromAddress, name: mail.fromName }, null)).person;
      if (!sender.isActive) return finish('quarantined', `The sender ${mail.fromAddress} is deactivated`);
      const ctx = withSender(deps, sender);
      const filed = await appendToTicket(ctx, tx, { row, mail, stored, ticket: thread.ticket, sender, settings });
      // Mail claiming to be from an agent is not authenticated: it may write on a ticket, but it adds nobody in copy,
      // so a forged agent address cannot subscribe an outsider to a customer's conversation.
      if (sender.role !== 'agent' && sender.role !== 'admin')
        await addParticipants(ctx, tx, filed.ticketId, mail, ourAddresses);
      return { outcome: 'processed', ...filed };
    }
    const named = thread.by === 'subject' ? thread.named : `a message of ${thread.ticket.reference}`;
    reviewReason =
      `Mail from ${mail.fromAddress} named ${named}, but the sender may not write on that ticket ` +
      `(not its requester, organisation, a participant or an agent)`;
  }

  const registered = await findOrRegisterContact(
    deps,
    tx,
    { email: mail.fromAddress, name: mail.fromName },
    sender ?? null,
  );
  if (!registered.person.isActive) return finish('quarantined', `The sender ${mail.fromAddress} is deactivated`);
  const ctx = withSender(deps, registered.person);
  const filed = await openTicket(ctx, tx, {
    row,
    mail,
    stored,
    mailbox,
    requester: registered.person,
    requesterRegistered: registered.registered,
    reviewReason,
  });
  await addParticipants(ctx, tx, filed.ticketId, mail, ourAddresses);
  return { outcome: 'processed', ...filed };
}

type Filed = { ticketId: string; articleId: string; action: 'created' | 'appended' | 'follow_up' };

/** Mail is written by its sender: their events are theirs (notifications skip them, an agent's reply counts). */
function withSender(deps: ServiceDeps, person: Sender): ServiceContext {
  const actor: PersonActor = {
    kind: 'person',
    personId: person.id,
    organisationId: person.organisationId,
    role: person.role,
    name: person.name,
    via: 'session',
  };
  return { ...deps, actor };
}

/**
 * What is known about a Message-ID, with the desk's settings, in one round trip: whether it is one of ours (an
 * outbox mail, or a Message-ID recorded as sent), and the ticket a message of that id was already filed on.
 */
async function messageFacts(
  tx: Executor,
  messageId: string | undefined,
): Promise<{ own: boolean; filedOn: string | null; settings: Settings }> {
  const id = messageId ?? null;
  const [facts] = await queryRows<{ own: boolean; filed_on: string | null; settings: Record<string, unknown> | null }>(
    tx,
    sql`SELECT
      ${id}::text IS NOT NULL AND (
        EXISTS (SELECT 1 FROM ${outbox} o WHERE o.message_id = ${id}::text)
        OR EXISTS (SELECT 1 FROM ${mailMessageIds} x WHERE x.message_id = ${id}::text AND x.direction = 'out')) AS own,
      (SELECT x.ticket_id FROM ${mailMessageIds} x WHERE x.message_id = ${id}::text AND x.direction = 'in' LIMIT 1)
        AS filed_on,
      (SELECT json_object_agg(s.key, s.value) FROM ${settingsTable} s) AS settings`,
  );
  return { own: facts?.own === true, filedOn: facts?.filed_on ?? null, settings: settingsFrom(facts?.settings ?? {}) };
}

function autoReplyData(mail: ParsedInbound): Record<string, unknown> {
  return mail.automation.isAutomatic
    ? { autoReply: false, autoReplySuppressed: mail.automation.reason }
    : { autoReply: true };
}

const bodyOf = (mail: ParsedInbound) =>
  mail.text || (mail.attachments.length > 0 ? '(attachments only)' : '(empty message)');

async function openTicket(
  ctx: ServiceContext,
  tx: Executor,
  input: {
    row: InboundMessageRow;
    mail: ParsedInbound;
    stored: StoredAttachment[];
    mailbox: MailboxRow;
    requester: Sender;
    requesterRegistered: boolean;
    reviewReason: string | null;
  },
): Promise<Filed> {
  const { mail, mailbox, requester } = input;
  const ticket = await insertTicket(ctx, tx, {
    subject: mail.subject || '(no subject)',
    body: bodyOf(mail),
    category: mailbox.categoryId ? { id: mailbox.categoryId } : undefined,
    urgency: mailbox.urgency,
    impact: mailbox.impact,
    channel: 'email',
    requesterId: requester.id,
    organisationId: requester.organisationId,
    groupId: mailbox.groupId,
    assigneeId: null,
    authorId: requester.id,
    firstResponseAt: null,
  });
  if (input.reviewReason) {
    const [reviewed] = await tx
      .update(tickets)
      .set({ reviewReason: input.reviewReason })
      .where(eq(tickets.id, ticket.id))
      .returning();
    ticket.row = reviewed!;
  }
  await writeTogether(tx, finishingWrites(ctx, tx, input, requester.id, ticket.id, ticket.articleId));
  await recordTicketEvent(ctx, tx, {
    ticketId: ticket.id,
    ticket: ticket.row,
    kind: 'created',
    data: {
      reference: ticket.reference,
      channel: 'email',
      articleId: ticket.articleId,
      requesterRegistered: input.requesterRegistered,
      inboundId: input.row.id,
      groupId: mailbox.groupId,
      assigneeId: null,
      ...autoReplyData(mail),
      ...(input.reviewReason ? { reviewReason: input.reviewReason } : {}),
    },
  });
  return { ticketId: ticket.id, articleId: ticket.articleId, action: 'created' };
}

/**
 * A reply by mail, with the rules of a reply in Loket: a customer's reply to a resolved ticket, or to one closed
 * within the reopen window, reopens it; to one closed longer ago it opens (or joins) the follow-up; to a ticket
 * waiting for the customer it hands the ticket back. An agent's mail is a public reply and may be the first
 * response. Auto-generated mail (an out-of-office) is filed but moves nothing.
 */
async function appendToTicket(
  ctx: ServiceContext,
  tx: Executor,
  input: {
    row: InboundMessageRow;
    mail: ParsedInbound;
    stored: StoredAttachment[];
    ticket: TicketRow;
    sender: Sender;
    settings: Settings;
  },
): Promise<Filed> {
  const { mail, sender } = input;
  let ticket = input.ticket;
  const agent = sender.role === 'agent' || sender.role === 'admin';
  const automatic = mail.automation.isAutomatic;
  const now = ctx.clock.now();
  const changes: Change[] = [];
  const eventData: Record<string, unknown> = {};

  if (!agent && !automatic) {
    if (ticket.statusKind === 'resolved' || ticket.statusKind === 'closed') {
      const decision = decideReopen({
        statusKind: ticket.statusKind,
        closedAt: ticket.closedAt,
        now,
        reopenWindowDays: input.settings.reopenWindowDays,
      });
      if (decision === 'follow_up') {
        const existing = await openFollowUpOf(tx, ticket.id);
        if (!existing) return openFollowUp(ctx, tx, { ...input, old: ticket });
        const [followUp] = await tx.select().from(tickets).where(eq(tickets.id, existing)).for('update');
        ticket = followUp!;
      } else {
        const reopened = await reopenRow(ctx, tx, ticket);
        ticket = reopened.row;
        changes.push(...reopened.changes);
        eventData.reopened = true;
      }
    }
    if (ticket.statusKind === 'waiting_customer') {
      const moved = await moveToStatus(ctx, tx, ticket, await defaultStatusOfKind(tx, 'open'));
      ticket = moved.row;
      changes.push(...moved.changes);
    }
  }

  const article = await writeArticle(ctx, tx, {
    ticketId: ticket.id,
    author: ctx.actor as PersonActor,
    kind: 'reply',
    body: bodyOf(mail),
    channel: 'email',
  });
  if (agent) {
    const [first] = await tx
      .update(tickets)
      .set({ firstResponseAt: now })
      .where(and(eq(tickets.id, ticket.id), isNull(tickets.firstResponseAt)))
      .returning({ id: tickets.id });
    if (first) changes.push({ field: 'firstResponseAt', from: null, to: now.toISOString() });
  }
  await writeTogether(tx, [
    ...finishingWrites(ctx, tx, input, sender.id, ticket.id, article.id),
    touchTicket(ctx, tx, ticket.id),
  ]);
  await recordTicketEvent(ctx, tx, {
    ticketId: ticket.id,
    kind: 'replied',
    changes,
    data: {
      ...eventData,
      articleId: article.id,
      channel: 'email',
      inboundId: input.row.id,
      ...(automatic ? { automatic: true, automaticReason: (mail.automation as { reason: string }).reason } : {}),
    },
  });
  return { ticketId: ticket.id, articleId: article.id, action: 'appended' };
}

/**
 * A customer's mail to a ticket closed longer than the reopen window ago: a follow-up ticket with the mail as its
 * first message, for the same requester, organisation and category, linked `follow_up_of` the old one (as the
 * reopen verb does it).
 */
async function openFollowUp(
  ctx: ServiceContext,
  tx: Executor,
  input: { row: InboundMessageRow; mail: ParsedInbound; stored: StoredAttachment[]; old: TicketRow; sender: Sender },
): Promise<Filed> {
  const { old, mail, sender } = input;
  const ticket = await insertTicket(ctx, tx, {
    subject: `Follow-up ${old.reference}: ${old.subject}`.slice(0, MAX_FOLLOW_UP_SUBJECT),
    body: bodyOf(mail),
    category: { id: old.categoryId },
    urgency: old.urgency,
    impact: old.impact,
    channel: 'email',
    requesterId: old.requesterId,
    organisationId: old.organisationId,
    groupId: old.groupId,
    assigneeId: null,
    authorId: sender.id,
    firstResponseAt: null,
  });
  await writeTogether(tx, [
    ...finishingWrites(ctx, tx, input, sender.id, ticket.id, ticket.articleId),
    tx.insert(ticketLinks).values({
      kind: 'follow_up_of',
      sourceTicketId: ticket.id,
      targetTicketId: old.id,
      createdById: sender.id,
      createdAt: ctx.clock.now(),
    }),
  ]);
  await recordTicketEvent(ctx, tx, {
    ticketId: ticket.id,
    ticket: ticket.row,
    kind: 'created',
    data: {
      reference: ticket.reference,
      channel: 'email',
      articleId: ticket.articleId,
      followUpOf: old.reference,
      requesterRegistered: false,
      inboundId: input.row.id,
      groupId: old.groupId,
      assigneeId: null,
      ...autoReplyData(mail),
    },
  });
  await recordTicketEvent(ctx, tx, {
    ticketId: old.id,
    kind: 'follow_up_opened',
    data: { followUpId: ticket.id, followUpReference: ticket.reference },
  });
  return { ticketId: ticket.id, articleId: ticket.articleId, action: 'follow_up' };
}

/**
 * The writes that finish every filing — its attachments, its Message-ID, the inbound row marked done — touch distinct
 * rows and need nothing of one another, so they go to the database together (writeTogether), with whatever else the
 * filing adds that is as independent.
 */
function finishingWrites(
  ctx: ServiceContext,
  tx: Executor,
  filing: { row: InboundMessageRow; mail: ParsedInbound; stored: StoredAttachment[] },
  uploaderId: string,
  ticketId: string,
  articleId: string,
): SQLWrapper[] {
  return [
    ...attachmentsOf(ctx, tx, filing.stored, uploaderId, ticketId, articleId),
    ...messageIdOf(ctx, tx, filing.mail, ticketId, articleId),
    filed(ctx, tx, filing.row, filing.mail, ticketId, articleId),
  ];
}

function attachmentsOf(
  ctx: ServiceContext,
  tx: Executor,
  stored: StoredAttachment[],
  uploaderId: string,
  ticketId: string,
  articleId: string,
): SQLWrapper[] {
  if (stored.length === 0) return [];
  const createdAt = ctx.clock.now();
  return [
    tx.insert(attachments).values(
      stored.map((a) => ({
        id: a.id,
        uploaderId,
        ticketId,
        articleId,
        sha256: a.sha256,
        sizeBytes: a.sizeBytes,
        filename: a.filename,
        contentType: a.contentType,
        createdAt,
      })),
    ),
  ];
}

function messageIdOf(
  ctx: ServiceContext,
  tx: Executor,
  mail: ParsedInbound,
  ticketId: string,
  articleId: string,
): SQLWrapper[] {
  if (!mail.messageId) return [];
  return [
    tx
      .insert(mailMessageIds)
      .values({ messageId: mail.messageId, ticketId, articleId, direction: 'in', createdAt: ctx.clock.now() })
      .onConflictDoNothing(),
  ];
}

/** Addresses in To and Cc other than ours and the sender's may write on the ticket from now on. */
async function addParticipants(
  ctx: ServiceContext,
  tx: Executor,
  ticketId: string,
  mail: ParsedInbound,
  ourAddresses: Set<string>,
): Promise<void> {
  const emails = [...new Set([...mail.to, ...mail.cc])]
    .filter((e) => e !== mail.fromAddress && !ourAddresses.has(e))
    .slice(0, 50);
  for (const email of emails) {
    const person = await findPersonByEmail(tx, email);
    await tx
      .insert(ticketParticipants)
      .values({ ticketId, email, personId: person?.id ?? null, addedAt: ctx.clock.now() })
      .onConflictDoNothing();
  }
}

/**
 * The message is processed, on this ticket and article — marked before the filing's event is recorded, so the mail
 * that event causes (the acknowledgement) finds the mailbox the message came in through and answers from it.
 */
const filed = (
  deps: ServiceDeps,
  tx: Executor,
  row: InboundMessageRow,
  mail: ParsedInbound,
  ticketId: string,
  articleId: string,
) => markDone(deps, tx, row, mail, { status: 'processed', reason: null, ticketId, articleId });

/** The inbound row marked done (a statement to await, or to write together with others). */
function markDone(
  deps: ServiceDeps,
  tx: Executor,
  row: InboundMessageRow,
  mail: ParsedInbound,
  result: {
    status: 'processed' | 'ignored' | 'quarantined';
    reason: string | null;
    ticketId: string | null;
    articleId: string | null;
  },
) {
  return tx
    .update(inboundMessages)
    .set({
      status: result.status,
      reason: result.reason,
      ticketId: result.ticketId,
      articleId: result.articleId,
      subject: row.subject ?? (mail.subject || null),
      fromAddress: row.fromAddress ?? mail.fromAddress,
      processedAt: deps.clock.now(),
    })
    .where(and(eq(inboundMessages.id, row.id), eq(inboundMessages.status, 'received')));
}
