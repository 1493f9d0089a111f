import type { OutboxMail } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { outbox } from '../../../db/schema.ts';
import { notFound } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { isUuid } from '../../shared/ids.ts';
import { outboxView } from './outbox-view.ts';

/** One mail of the outbox, with its text and delivery state. Admins only. */
export async function getOutboxMail({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<OutboxMail> {
  requirePermission(ctx, 'outbox:read');
  if (!isUuid(id)) throw notFound('No such mail');
  const [row] = await ctx.db.select().from(outbox).where(eq(outbox.id, id.toLowerCase()));
  if (!row) throw notFound('No such mail');
  return outboxView(row);
}
