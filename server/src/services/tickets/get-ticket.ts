import type { Ticket } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadTicketView } from '../shared/ticket-view.ts';

/** One ticket by id or reference (`LK-26-00042`), if the caller may see it. */
export async function getTicket({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Ticket> {
  const actor = requirePermission(ctx, 'ticket:read');
  return loadTicketView(ctx.db, actor, id);
}
