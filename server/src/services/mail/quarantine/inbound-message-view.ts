import type { InboundMessage } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { type InboundMessageRow, inboundMessages } from '../../../db/schema.ts';
import { notFound } from '../../../domain/app-error.ts';
import { isUuid } from '../../shared/ids.ts';

export function toInboundMessage(row: InboundMessageRow): InboundMessage {
  return {
    id: row.id as InboundMessage['id'],
    mailboxId: row.mailboxId as InboundMessage['mailboxId'],
    messageKey: row.messageKey,
    sizeBytes: row.sizeBytes,
    envelopeFrom: row.envelopeFrom,
    envelopeTo: row.envelopeTo,
    imapUid: row.imapUid,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    reason: row.reason,
    subject: row.subject,
    fromAddress: row.fromAddress,
    ticketId: row.ticketId as InboundMessage['ticketId'],
    articleId: row.articleId as InboundMessage['articleId'],
    attempts: row.attempts,
    processedAt: row.processedAt?.toISOString() ?? null,
    rawPurgedAt: row.rawPurgedAt?.toISOString() ?? null,
  };
}

export async function loadInboundRow(tx: Executor, id: string): Promise<InboundMessageRow> {
  if (!isUuid(id)) throw notFound('Message not found');
  const [row] = await tx.select().from(inboundMessages).where(eq(inboundMessages.id, id.toLowerCase()));
  if (!row) throw notFound('Message not found');
  return row;
}
