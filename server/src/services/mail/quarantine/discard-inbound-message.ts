import type { InboundMessage } from '@loket/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { inboundMessages } from '../../../db/schema.ts';
import { conflict } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadInboundRow, toInboundMessage } from './inbound-message-view.ts';

/**
 * An admin's verdict on a quarantined or ignored message: not to be filed. The raw message stays stored (it may be
 * downloaded still); only its status changes. A message already filed (processed) cannot be discarded: 409.
 */
export async function discardInboundMessage({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<InboundMessage> {
  requirePermission(ctx, 'inbound:manage');
  return ctx.db.transaction(async (tx) => {
    const current = await loadInboundRow(tx, id);
    const [row] = await tx
      .update(inboundMessages)
      .set({ status: 'discarded', processedAt: ctx.clock.now() })
      .where(and(eq(inboundMessages.id, current.id), inArray(inboundMessages.status, ['quarantined', 'ignored'])))
      .returning();
    if (!row) throw conflict(`Only a quarantined or ignored message can be discarded; this one is ${current.status}`);
    return toInboundMessage(row);
  });
}
