import type { OutboxMail } from '@loket/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../../db/schema.ts';
import { conflict, notFound } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { isUuid } from '../../shared/ids.ts';
import { outboxView } from './outbox-view.ts';

/**
 * Sends a mail of the outbox again: one given up as `failed` (the SMTP server is reachable again), or one `kept`
 * because no SMTP_URL was configured when it was written. Back to `pending` with no attempts counted, so it has the
 * whole retry budget of `mail.send` again, with its job enqueued in the same transaction; the mail keeps its
 * Message-ID, so a reply to it still threads. Without SMTP_URL now it could only fail again: 409. The conditional
 * update settles races: a mail resent or sent meanwhile answers 409.
 */
export async function resendOutboxMail({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<OutboxMail> {
  requirePermission(ctx, 'outbox:manage');
  if (!isUuid(id)) throw notFound('No such mail');
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id.toLowerCase()));
    if (!current) throw notFound('No such mail');
    if (current.status !== 'failed' && current.status !== 'kept') {
      throw conflict(`Only a failed or kept mail can be sent again; this one is ${current.status}`);
    }
    if (!ctx.config.smtpUrl)
      throw conflict('No SMTP_URL is configured: this mail cannot be sent; it stays in the outbox');
    const [row] = await tx
      .update(outbox)
      .set({ status: 'pending', attempts: 0, lastError: null })
      .where(and(eq(outbox.id, id.toLowerCase()), inArray(outbox.status, ['failed', 'kept'])))
      .returning();
    if (!row) throw conflict('This mail was sent again meanwhile');
    await enqueue(ctx, tx, 'mail.send', { outboxId: row.id });
    return outboxView(row);
  });
}
