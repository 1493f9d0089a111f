import { randomUUID } from 'node:crypto';
import { Email, type Language } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { inboundMessages, mailboxes, mailMessageIds, outbox } from '../../../db/schema.ts';
import type { ServiceDeps } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { headerSafe } from '../templates/render-mail-template.ts';

/** How many Message-IDs of a thread go into References: the first, and the newest ones. */
const MAX_REFERENCES = 10;

export type QueueMailInput = {
  /** One row per cause: e.g. `${eventId}:${kind}:${recipient}`. Writing the same key again writes nothing. */
  dedupeKey: string;
  kind: string;
  to: string;
  cc?: string[];
  personId?: string | null;
  ticketId?: string | null;
  articleId?: string | null;
  language: Language;
  subject: string;
  textBody: string;
  automatic: boolean;
  /** `mailbox`: from the ticket's mailbox (customer mail); `system`: from MAIL_FROM (agent notifications). */
  sender: 'mailbox' | 'system';
};

/**
 * An address fit for a header: one plain address, nothing that could end the header or add a recipient.
 * Returns it lower-cased, or undefined.
 */
export function safeAddress(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const address = value.trim().toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[\s<>,;"'()\\[\]]/.test(address) || /[\u0000-\u001f\u007f]/.test(address)) return undefined;
  return Email.safeParse(address).success ? address : undefined;
}

/** `<uuid@host>`, the host being PUBLIC_URL's: recognisable as ours when it comes back. */
export const newMessageId = (publicUrl: string): string => {
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // PUBLIC_URL is validated at start; keep the fallback anyway
  }
  return `<${randomUUID()}@${host}>`;
};

/** The mailbox a ticket's mail comes from: the one its first message arrived in, else the first active one. */
async function senderMailbox(tx: Executor, ticketId: string | null | undefined) {
  if (ticketId) {
    const [first] = await tx
      .select({ id: mailboxes.id, address: mailboxes.address })
      .from(inboundMessages)
      .innerJoin(mailboxes, eq(mailboxes.id, inboundMessages.mailboxId))
      .where(eq(inboundMessages.ticketId, ticketId))
      .orderBy(asc(inboundMessages.receivedAt))
      .limit(1);
    if (first) return first;
  }
  const [active] = await tx
    .select({ id: mailboxes.id, address: mailboxes.address })
    .from(mailboxes)
    .where(eq(mailboxes.isActive, true))
    .orderBy(asc(mailboxes.createdAt), asc(mailboxes.address))
    .limit(1);
  return active;
}

/** The ticket's thread, oldest first, capped: the first message and the newest ones. */
async function threadOf(tx: Executor, ticketId: string): Promise<string[]> {
  const ids = await tx
    .select({ messageId: mailMessageIds.messageId })
    .from(mailMessageIds)
    .where(eq(mailMessageIds.ticketId, ticketId))
    .orderBy(asc(mailMessageIds.createdAt));
  const all = ids.map((r) => r.messageId).filter((id) => /^<[^<>\s]+>$/.test(id));
  return all.length <= MAX_REFERENCES ? all : [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))];
}

/**
 * Writes one mail to the outbox in the caller's transaction, so it exists if and only if its cause committed. With
 * SMTP_URL the `mail.send` job is enqueued in the same transaction; without it the row is `kept` for admins to read.
 * Every header value is made safe here (CR/LF removed, addresses validated); nodemailer encodes them on sending.
 * Returns the new row's id, or undefined when the dedupe key was written before or the recipient is not usable.
 */
export async function queueMail(deps: ServiceDeps, tx: Executor, input: QueueMailInput): Promise<string | undefined> {
  const to = safeAddress(input.to);
  if (!to) return undefined;
  const cc = [...new Set((input.cc ?? []).map(safeAddress).filter((a): a is string => !!a && a !== to))];
  const mailbox = input.sender === 'mailbox' ? await senderMailbox(tx, input.ticketId) : undefined;
  const from = safeAddress(mailbox?.address) ?? headerSafe(deps.config.mailFrom);
  const thread = input.ticketId ? await threadOf(tx, input.ticketId) : [];
  const messageId = newMessageId(deps.config.publicUrl);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(outbox)
    .values({
      dedupeKey: input.dedupeKey,
      kind: input.kind,
      mailboxId: mailbox?.id ?? null,
      fromAddress: from,
      toAddress: to,
      ccAddresses: cc,
      subject: headerSafe(input.subject, 500),
      textBody: input.textBody,
      messageId,
      inReplyTo: thread.at(-1) ?? null,
      references: thread,
      automatic: input.automatic,
      language: input.language,
      ticketId: input.ticketId ?? null,
      articleId: input.articleId ?? null,
      personId: input.personId ?? null,
      status: deps.config.smtpUrl ? 'pending' : 'kept',
      createdAt: now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  if (!row) return undefined;
  if (input.ticketId) {
    await tx.insert(mailMessageIds).values({
      messageId,
      ticketId: input.ticketId,
      articleId: input.articleId ?? null,
      direction: 'out',
      createdAt: now,
    });
  }
  if (deps.config.smtpUrl) await enqueue(deps, tx, 'mail.send', { outboxId: row.id });
  return row.id;
}
