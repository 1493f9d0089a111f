import { z } from 'zod';
import { Language } from './enums.ts';
import { Instant, Page, PageQuery } from './common.ts';
import { ArticleId, PersonId, TicketId } from './ids.ts';

// The outbox (mail Loket wrote, sent or kept) and the wording of its mail templates — read and edited by admins.

export const OutboxId = z.uuid().brand<'OutboxId'>();
export type OutboxId = z.infer<typeof OutboxId>;

export const OutboxStatus = z.enum(['pending', 'sent', 'failed', 'kept']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** One mail as written: `kept` when no SMTP_URL is configured, `pending` until the send job delivered it. */
export const OutboxMail = z.object({
  id: OutboxId,
  kind: z.string(),
  status: OutboxStatus,
  fromAddress: z.string(),
  toAddress: z.string(),
  ccAddresses: z.array(z.string()),
  subject: z.string(),
  textBody: z.string(),
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  automatic: z.boolean(),
  language: Language,
  ticketId: TicketId.nullable(),
  articleId: ArticleId.nullable(),
  personId: PersonId.nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
  bouncedAt: Instant.nullable(),
});
export type OutboxMail = z.infer<typeof OutboxMail>;
export const OutboxPage = Page(OutboxMail);
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = PageQuery.extend({
  status: OutboxStatus.optional().describe('Only mail in this state'),
  ticketId: TicketId.optional().describe("Only one ticket's mail"),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;

/** The wording a mail template has in one language: the admin's, else the built-in one. */
export const MailTemplate = z.object({
  key: z.string(),
  language: Language,
  subject: z.string(),
  body: z.string(),
  isOverridden: z.boolean(),
  /** The `{{name}}` values this template may use. */
  placeholders: z.array(z.string()),
  updatedAt: Instant.nullable(),
});
export type MailTemplate = z.infer<typeof MailTemplate>;
export const MailTemplateList = z.object({ items: z.array(MailTemplate) });
export type MailTemplateList = z.infer<typeof MailTemplateList>;

/** An admin's wording; only known `{{placeholders}}` are accepted. Values are filled in as plain text. */
export const SetMailTemplateInput = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
});
export type SetMailTemplateInput = z.infer<typeof SetMailTemplateInput>;
