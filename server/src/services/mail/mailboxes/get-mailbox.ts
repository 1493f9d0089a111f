import type { Mailbox } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadMailboxRow, toMailbox } from './mailbox-view.ts';

export async function getMailbox({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Mailbox> {
  requirePermission(ctx, 'mailbox:manage');
  return toMailbox(await loadMailboxRow(ctx.db, id));
}
