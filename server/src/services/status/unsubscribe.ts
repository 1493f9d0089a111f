import { TokenInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusSubscriptions } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import { sha256 } from '../auth/secrets.ts';
import type { ServiceContext } from '../context.ts';

/** One click, no login: the token in every mail (or given to a webhook's creator) removes the subscription. */
export async function unsubscribe({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ unsubscribed: true }> {
  const data = parseInput(TokenInput, input);
  const removed = await ctx.db
    .delete(statusSubscriptions)
    .where(eq(statusSubscriptions.unsubscribeTokenHash, sha256(data.token)))
    .returning({ id: statusSubscriptions.id });
  if (removed.length === 0) throw notFound('This link is not valid (any more)');
  return { unsubscribed: true };
}
