import type { InboundMessage } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadInboundRow, toInboundMessage } from './inbound-message-view.ts';

export async function getInboundMessage({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<InboundMessage> {
  requirePermission(ctx, 'inbound:manage');
  return toInboundMessage(await loadInboundRow(ctx.db, id));
}
