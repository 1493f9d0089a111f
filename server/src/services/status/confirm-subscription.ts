import { TokenInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { statusSubscriptions } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import { sha256 } from '../auth/secrets.ts';
import type { ServiceContext } from '../context.ts';

/** Follows the mailed link: the subscription is confirmed and the token is spent (a second use is 404). */
export async function confirmSubscription({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ confirmed: true }> {
  const data = parseInput(TokenInput, input);
  const [row] = await ctx.db
    .update(statusSubscriptions)
    .set({ confirmedAt: ctx.clock.now(), confirmTokenHash: null })
    .where(eq(statusSubscriptions.confirmTokenHash, sha256(data.token)))
    .returning({ id: statusSubscriptions.id });
  if (!row) throw notFound('This link is not valid (any more)');
  return { confirmed: true };
}
