import { randomUUID } from 'node:crypto';
import { Email, type Language } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
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
  /** The caller enqueues the sending itself, e.g. one job for the mails of several recipients. */
  deferSending?: boolean;
  /**
   * RFC 8058 one-click unsubscribe: sent as `List-Unsubscribe: <url>` with `List-Unsubscribe-Post`. Must be an
   * https/http URL under PUBLIC_URL's origin; anything else is left out (the mail is still sent, without the headers).
   */
  listUnsubscribeUrl?: string;
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

/**
 * A URL fit for `List-Unsubscribe: <url>`: on PUBLIC_URL's origin (mail providers POST to it, so it must be ours),
 * printable ASCII only, nothing that could end the angle brackets or the header. Returns it as given, or undefined.
 */
export function safeListUnsubscribeUrl(value: string | null | undefined, publicUrl: string): string | undefined {
  if (!value || value.length > 2000) return undefined;
  if (!/^[\x21-\x7e]+$/.test(value) || /[<>"\\]/.test(value)) return undefined;
  let origin: string;
  let url: URL;
  try {
    origin = new URL(publicUrl).origin;
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.origin !== origin || !value.startsWith(`${origin}/`)) return undefined;
  return value;
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

type Mailbox = { id: string; address: string };

/**
 * In one round trip: the mailbox a ticket's mail comes from (the one its first message arrived in, else the first
 * active one) and the ticket's thread, oldest first, capped to the first message and the newest ones.
 */
async function mailboxAndThread(
  tx: Executor,
  ticketId: string | null | undefined,
  wantMailbox: boolean,
): Promise<{ mailbox: Mailbox | undefined; thread: string[] }> {
  if (!ticketId && !wantMailbox) return { mailbox: undefined, thread: [] };
  const ticket = ticketId ?? null;
  const [row] = await queryRows<{ first: Mailbox | null; active: Mailbox | null; thread: string[] | null }>(
    tx,
    sql`SELECT
      (SELECT json_build_object('id', m.id, 'address', m.address) FROM ${inboundMessages} i
        JOIN ${mailboxes} m ON m.id = i.mailbox_id
        WHERE ${wantMailbox} AND i.ticket_id = ${ticket}::uuid ORDER BY i.received_at LIMIT 1) AS first,
      (SELECT json_build_object('id', m.id, 'address', m.address) FROM ${mailboxes} m
        WHERE ${wantMailbox} AND m.is_active ORDER BY m.created_at, m.address LIMIT 1) AS active,
      (SELECT json_agg(x.message_id ORDER BY x.created_at) FROM ${mailMessageIds} x
        WHERE x.ticket_id = ${ticket}::uuid) AS thread`,
  );
  const all = (row?.thread ?? []).filter((id) => /^<[^<>\s]+>$/.test(id));
  const thread = all.length <= MAX_REFERENCES ? all : [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))];
  return { mailbox: row?.first ?? row?.active ?? undefined, thread };
}

/**
 * Writes one mail to the outbox in the caller's transaction, so it exists if and only if its cause committed. With
 * SMTP_URL the `mail.send` job is enqueued in the same transaction; without it the row is `kept` for admins to read.
 * Every header value is made safe here (CR/LF removed, addresses validated); nodemailer encodes them on sending.
 * Returns the new row's id, or undefined when the dedupe key was written before or the recipient is not usable.
 */
export async function queueMail(deps: ServiceDeps, tx: Executor, input: QueueMailInput): Promise<string | undefined> {
  const [id] = await queueMails(deps, tx, [input]);
  return id;
}

/**
 * Writes many mails as `queueMail` writes one, in a few statements instead of a few per mail: one read of the mailbox
 * and thread per ticket, one outbox insert, one insert of the Message-IDs that join a thread, then the send jobs.
 * Returns the new rows' ids in the order of the inputs, undefined where nothing was written: an unusable recipient, a
 * dedupe key written before, or one given earlier in the same call (the first one wins, as with one call each).
 * The mails of one call do not name each other in References: each one's thread is the ticket's as it was before.
 */
export async function queueMails(
  deps: ServiceDeps,
  tx: Executor,
  inputs: QueueMailInput[],
): Promise<(string | undefined)[]> {
  const keys = new Set<string>();
  const usable: { index: number; input: QueueMailInput; to: string }[] = [];
  inputs.forEach((input, index) => {
    const to = safeAddress(input.to);
    if (!to || keys.has(input.dedupeKey)) return;
    keys.add(input.dedupeKey);
    usable.push({ index, input, to });
  });
  const ids: (string | undefined)[] = inputs.map(() => undefined);
  if (usable.length === 0) return ids;

  // One read per ticket; the mailbox only when some mail of that ticket comes from it.
  const senders = new Map<string | null, boolean>();
  for (const { input } of usable) {
    const ticketId = input.ticketId ?? null;
    senders.set(ticketId, senders.get(ticketId) === true || input.sender === 'mailbox');
  }
  const threads = new Map<string | null, Awaited<ReturnType<typeof mailboxAndThread>>>();
  for (const [ticketId, wantMailbox] of senders) {
    threads.set(ticketId, await mailboxAndThread(tx, ticketId, wantMailbox));
  }

  const now = deps.clock.now();
  const rows = usable.map(({ input, to }) => {
    const found = threads.get(input.ticketId ?? null)!;
    const mailbox = input.sender === 'mailbox' ? found.mailbox : undefined;
    return {
      dedupeKey: input.dedupeKey,
      kind: input.kind,
      mailboxId: mailbox?.id ?? null,
      fromAddress: safeAddress(mailbox?.address) ?? headerSafe(deps.config.mailFrom),
      toAddress: to,
      ccAddresses: [...new Set((input.cc ?? []).map(safeAddress).filter((a): a is string => !!a && a !== to))],
      subject: headerSafe(input.subject, 500),
      textBody: input.textBody,
      messageId: newMessageId(deps.config.publicUrl),
      inReplyTo: found.thread.at(-1) ?? null,
      references: found.thread,
      listUnsubscribeUrl: safeListUnsubscribeUrl(input.listUnsubscribeUrl, deps.config.publicUrl) ?? null,
      automatic: input.automatic,
      language: input.language,
      ticketId: input.ticketId ?? null,
      articleId: input.articleId ?? null,
      personId: input.personId ?? null,
      status: deps.config.smtpUrl ? ('pending' as const) : ('kept' as const),
      createdAt: now,
    };
  });
  const inserted = await tx
    .insert(outbox)
    .values(rows)
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id, dedupeKey: outbox.dedupeKey });
  const idOf = new Map(inserted.map((r) => [r.dedupeKey, r.id]));
  const written = usable.flatMap(({ index, input }, i) => {
    const id = idOf.get(input.dedupeKey);
    if (!id) return [];
    ids[index] = id;
    return [{ id, input, row: rows[i]! }];
  });

  // Only mail the customer side sees joins the ticket's thread: agent notifications stay out of the References that
  // customer mail carries (their Message-IDs would tell the customer about internal events).
  const threaded = written.filter(({ input }) => input.ticketId && input.sender === 'mailbox');
  if (threaded.length > 0) {
    await tx.insert(mailMessageIds).values(
      threaded.map(({ input, row }) => ({
        messageId: row.messageId,
        ticketId: input.ticketId!,
        articleId: input.articleId ?? null,
        direction: 'out' as const,
        createdAt: now,
      })),
    );
  }
  if (deps.config.smtpUrl) {
    for (const { id, input } of written) {
      if (!input.deferSending) await enqueue(deps, tx, 'mail.send', { outboxId: id });
    }
  }
  return ids;
}
