import type { MailboxList } from '@loket/contract';
import { asc } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { toMailbox } from './mailbox-view.ts';

/** Every mailbox, by name. A desk has a handful: no pagination. */
export async function listMailboxes({ ctx }: { ctx: ServiceContext }): Promise<MailboxList> {
  requirePermission(ctx, 'mailbox:manage');
  const rows = await ctx.db.select().from(mailboxes).orderBy(asc(mailboxes.name));
  return { items: rows.map(toMailbox) };
}
