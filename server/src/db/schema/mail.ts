import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from './people.ts';
import { categories, groups } from './reference.ts';
import { articles, tickets } from './tickets.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const levels = ['high', 'normal', 'low'] as const;

/**
 * An address customers write to, and how its mail reaches Loket: relayed by an MTA to the built-in SMTP receiver, or
 * fetched from an IMAP mailbox (watched with IDLE, checkpointed by UID — not by \Seen flags, so mail someone already
 * read, or that arrived while Loket was down, is still imported). New tickets from a mailbox get its defaults.
 */
export const mailboxes = pgTable('mailboxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** The address, lower-case: what the SMTP receiver accepts RCPT TO for, and what replies come from. */
  address: text('address').notNull().unique(),
  inbound: text('inbound', { enum: ['smtp', 'imap'] }).notNull(),
  imapHost: text('imap_host'),
  imapPort: integer('imap_port'),
  /** TLS from the start (993); false: plain, upgraded with STARTTLS when the server offers it. */
  imapSecure: boolean('imap_secure').notNull().default(true),
  imapUser: text('imap_user'),
  /** Sealed under the secret key (adapters/secret-box.ts); never returned by the API. */
  imapPassword: text('imap_password'),
  imapFolder: text('imap_folder').notNull().default('INBOX'),
  /** The checkpoint: the folder's UIDVALIDITY and the highest UID stored. A new UIDVALIDITY starts over (deduped). */
  imapUidValidity: bigint('imap_uid_validity', { mode: 'number' }),
  imapLastUid: bigint('imap_last_uid', { mode: 'number' }).notNull().default(0),
  imapLastError: text('imap_last_error'),
  imapCheckedAt: ts('imap_checked_at'),
  categoryId: uuid('category_id').references(() => categories.id),
  urgency: text('urgency', { enum: levels }).notNull().default('normal'),
  impact: text('impact', { enum: levels }).notNull().default('normal'),
  groupId: uuid('group_id').references(() => groups.id, { onDelete: 'set null' }),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});
export type MailboxRow = typeof mailboxes.$inferSelect;

/**
 * Every message received, stored raw (content-addressed in the blob store) before anything else happens to it, then
 * processed by a job. One row per mailbox and message key (the Message-ID, or `sha256:<hash>` of the raw message when
 * it has none): a message delivered twice, fetched twice or replayed after a crash is the same row, processed once.
 */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailboxId: uuid('mailbox_id')
      .notNull()
      .references(() => mailboxes.id),
    messageKey: text('message_key').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** How it came: the SMTP envelope, or the IMAP UID. */
    envelopeFrom: text('envelope_from'),
    envelopeTo: jsonb('envelope_to').$type<string[]>().notNull().default([]),
    imapUid: bigint('imap_uid', { mode: 'number' }),
    receivedAt: ts('received_at').notNull(),
    /**
     * received → processed (an article or ticket), ignored (noise: a bounce, an auto-reply to nobody, our own mail
     * coming back — with the reason), quarantined (could not be parsed, too large, failed — with the reason), or
     * discarded by an admin from the quarantine.
     */
    status: text('status', { enum: ['received', 'processed', 'ignored', 'quarantined', 'discarded'] }).notNull(),
    reason: text('reason'),
    subject: text('subject'),
    fromAddress: text('from_address'),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'set null' }),
    attempts: integer('attempts').notNull().default(0),
    processedAt: ts('processed_at'),
    /** When the raw bytes were deleted under the desk's raw mail retention (the row and what was filed stay). */
    rawPurgedAt: ts('raw_purged_at'),
  },
  (t) => [
    uniqueIndex('inbound_messages_once').on(t.mailboxId, t.messageKey),
    index('inbound_messages_status_idx').on(t.status, t.receivedAt.desc()),
    // Whether a file is still someone's raw message (the purges of raw mail and of unused uploads ask per file).
    index('inbound_messages_raw_sha256_idx')
      .on(t.sha256)
      .where(sql`raw_purged_at IS NULL`),
  ],
);
export type InboundMessageRow = typeof inboundMessages.$inferSelect;

/**
 * Every Message-ID that belongs to a ticket: ours on each mail we send, the sender's on each mail we import. A reply's
 * In-Reply-To or References naming one of them threads it onto that ticket.
 */
export const mailMessageIds = pgTable(
  'mail_message_ids',
  {
    messageId: text('message_id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('mail_message_ids_ticket_idx').on(t.ticketId)],
);

/**
 * Mail to send, written in the transaction of the change that causes it; the `mail.send` job sends it (retried) or,
 * without SMTP_URL, it stays here as `kept` for admins to read. The dedupe key makes a retried cause write one row.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** The template: acknowledgement, agent_reply, resolved, closed, agent_new_ticket, sla_breached, … */
    kind: text('kind').notNull(),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    ccAddresses: jsonb('cc_addresses').$type<string[]>().notNull().default([]),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    messageId: text('message_id').notNull().unique(),
    inReplyTo: text('in_reply_to'),
    references: jsonb('references').$type<string[]>().notNull().default([]),
    /**
     * The one-click unsubscribe URL (RFC 8058) of list-like mail such as status notices: sent as `List-Unsubscribe`
     * with `List-Unsubscribe-Post`. Always under PUBLIC_URL.
     */
    listUnsubscribeUrl: text('list_unsubscribe_url'),
    /** Sent on its own by Loket (acknowledgements, notifications): `Auto-Submitted: auto-generated`. */
    automatic: boolean('automatic').notNull(),
    language: text('language', { enum: ['en', 'nl', 'sv'] }).notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'set null' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'kept'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    /** A delivery report named this message: it did not arrive. */
    bouncedAt: ts('bounced_at'),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.createdAt.desc()),
    index('outbox_to_idx').on(t.toAddress, t.createdAt.desc()),
    index('outbox_ticket_idx').on(t.ticketId),
  ],
);
export type OutboxRow = typeof outbox.$inferSelect;

/** An admin's wording of a mail template in one language; without a row the built-in wording is used. */
export const mailTemplates = pgTable(
  'mail_templates',
  {
    key: text('key').notNull(),
    language: text('language', { enum: ['en', 'nl', 'sv'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedById: uuid('updated_by_id').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.key, t.language] })],
);

/** Addresses in copy on a ticket's mail: they may reply onto it, and are copied on replies to the customer. */
export const ticketParticipants = pgTable(
  'ticket_participants',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    addedAt: ts('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.email] })],
);
