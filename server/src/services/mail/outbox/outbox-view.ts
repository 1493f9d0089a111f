import type { OutboxMail } from '@loket/contract';
import type { OutboxRow } from '../../../db/schema.ts';

/** An outbox row as admins read it. */
export const outboxView = (row: OutboxRow): OutboxMail => ({
  id: row.id as OutboxMail['id'],
  kind: row.kind,
  status: row.status,
  fromAddress: row.fromAddress,
  toAddress: row.toAddress,
  ccAddresses: row.ccAddresses,
  subject: row.subject,
  textBody: row.textBody,
  messageId: row.messageId,
  inReplyTo: row.inReplyTo,
  references: row.references,
  automatic: row.automatic,
  language: row.language,
  ticketId: row.ticketId as OutboxMail['ticketId'],
  articleId: row.articleId as OutboxMail['articleId'],
  personId: row.personId as OutboxMail['personId'],
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
  bouncedAt: row.bouncedAt?.toISOString() ?? null,
});
