import { z } from 'zod';
import { CategoryId, GroupId, TicketId, ArticleId } from './ids.ts';
import { Email, Instant, Name, Page, PageQuery } from './common.ts';

// Mailboxes and the raw inbound messages (quarantine) — administration of how mail gets in.

const id = <B extends string>(_brand: B) => z.uuid().brand<B>();
export const MailboxId = id('MailboxId');
export type MailboxId = z.infer<typeof MailboxId>;
export const InboundMessageId = id('InboundMessageId');
export type InboundMessageId = z.infer<typeof InboundMessageId>;

const Level = z.enum(['high', 'normal', 'low']);
export const MailboxInbound = z.enum(['smtp', 'imap']);
export type MailboxInbound = z.infer<typeof MailboxInbound>;

/** A mailbox as admins see it: the IMAP password is never returned, only whether one is set. */
export const Mailbox = z.object({
  id: MailboxId,
  name: z.string(),
  address: z.string(),
  inbound: MailboxInbound,
  imap: z
    .object({
      host: z.string().nullable(),
      port: z.number().int().nullable(),
      secure: z.boolean(),
      user: z.string().nullable(),
      hasPassword: z.boolean(),
      folder: z.string(),
      uidValidity: z.number().int().nullable(),
      lastUid: z.number().int(),
      lastError: z.string().nullable(),
      checkedAt: Instant.nullable(),
    })
    .nullable(),
  categoryId: CategoryId.nullable(),
  urgency: Level,
  impact: Level,
  groupId: GroupId.nullable(),
  isActive: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Mailbox = z.infer<typeof Mailbox>;
export const MailboxList = z.object({ items: z.array(Mailbox) });
export type MailboxList = z.infer<typeof MailboxList>;

const ImapSettings = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(993),
  secure: z.boolean().default(true),
  user: z.string().min(1).max(320),
  password: z.string().min(1).max(1000),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
});

export const CreateMailboxInput = z.strictObject({
  name: Name,
  address: Email,
  inbound: MailboxInbound,
  imap: ImapSettings.optional(),
  categoryId: CategoryId.optional(),
  urgency: Level.optional(),
  impact: Level.optional(),
  groupId: GroupId.optional(),
});
export type CreateMailboxInput = z.infer<typeof CreateMailboxInput>;

/** `imap` replaces the IMAP settings; leave `password` out to keep the stored one. */
export const UpdateMailboxInput = z.strictObject({
  name: Name.optional(),
  address: Email.optional(),
  inbound: MailboxInbound.optional(),
  imap: ImapSettings.extend({ password: z.string().min(1).max(1000).optional() }).optional(),
  categoryId: CategoryId.nullable().optional(),
  urgency: Level.optional(),
  impact: Level.optional(),
  groupId: GroupId.nullable().optional(),
  isActive: z.boolean().optional(),
});
export type UpdateMailboxInput = z.infer<typeof UpdateMailboxInput>;

export const InboundStatus = z.enum(['received', 'processed', 'ignored', 'quarantined', 'discarded']);
export type InboundStatus = z.infer<typeof InboundStatus>;

/** A message as received, before or after processing; its raw bytes are downloaded separately. */
export const InboundMessage = z.object({
  id: InboundMessageId,
  mailboxId: MailboxId,
  messageKey: z.string(),
  sizeBytes: z.number().int(),
  envelopeFrom: z.string().nullable(),
  envelopeTo: z.array(z.string()),
  imapUid: z.number().int().nullable(),
  receivedAt: Instant,
  status: InboundStatus,
  reason: z.string().nullable(),
  subject: z.string().nullable(),
  fromAddress: z.string().nullable(),
  ticketId: TicketId.nullable(),
  articleId: ArticleId.nullable(),
  attempts: z.number().int(),
  processedAt: Instant.nullable(),
  /** Set once the raw message was deleted under the desk's raw mail retention: it can no longer be downloaded. */
  rawPurgedAt: Instant.nullable(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
export const InboundMessagePage = Page(InboundMessage);
export type InboundMessagePage = z.infer<typeof InboundMessagePage>;

export const InboundMessageQuery = PageQuery.extend({
  status: InboundStatus.optional(),
  mailboxId: MailboxId.optional(),
});
export type InboundMessageQuery = z.infer<typeof InboundMessageQuery>;
