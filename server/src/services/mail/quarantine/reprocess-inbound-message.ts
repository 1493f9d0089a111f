import type { InboundMessage } from '@loket/contract';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { inboundMessages } from '../../../db/schema.ts';
import { conflict } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { loadInboundRow, toInboundMessage } from './inbound-message-view.ts';

/**
 * Sends a quarantined or ignored message through processing again (after a fix, or because it was not noise after
 * all): back to `received` with a `mail.process` job, in one transaction. The conditional update settles races: a
 * message processed or discarded meanwhile answers 409. A message recorded without its bytes (too large) cannot be.
 */
export async function reprocessInboundMessage({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<InboundMessage> {
  requirePermission(ctx, 'inbound:manage');
  return ctx.db.transaction(async (tx) => {
    const current = await loadInboundRow(tx, id);
    if (current.messageKey.startsWith('imap:') && current.reason === 'too large') {
      throw conflict('This message was too large to import: only its size was recorded');
    }
    if (current.rawPurgedAt) throw conflict('The raw message was deleted under the raw mail retention');
    const [row] = await tx
      .update(inboundMessages)
      .set({ status: 'received', reason: null, processedAt: null })
      .where(
        and(
          eq(inboundMessages.id, current.id),
          inArray(inboundMessages.status, ['quarantined', 'ignored']),
          isNull(inboundMessages.rawPurgedAt), // the purge may have deleted its bytes since it was read
        ),
      )
      .returning();
    if (!row) {
      const [now] = await tx
        .select({ status: inboundMessages.status, rawPurgedAt: inboundMessages.rawPurgedAt })
        .from(inboundMessages)
        .where(eq(inboundMessages.id, current.id));
      if (now?.rawPurgedAt) throw conflict('The raw message was deleted under the raw mail retention');
      throw conflict(
        `Only a quarantined or ignored message can be reprocessed; this one is ${now?.status ?? current.status}`,
      );
    }
    await enqueue(ctx, tx, 'mail.process', { inboundId: row.id });
    return toInboundMessage(row);
  });
}
