import { and, eq, gte, or, sql } from 'drizzle-orm';
import { statusSubscribeAttempts } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import type { ServiceContext } from '../context.ts';

const WINDOW_MS = 60 * 60_000;
/**
 * Subscribe requests per e-mail address (or webhook host, `webhook:<host>`, so that varying a URL's path or query
 * does not reset the count) an hour: a few retries, not a mail bomb of confirmations.
 */
export const SUBSCRIBE_MAX_PER_ADDRESS = 5;
/** Subscribe requests per client address an hour: enough for an office behind one NAT address. */
export const SUBSCRIBE_MAX_PER_IP = 30;

/**
 * Counts a request to subscribe before anything else is done, the way logins are counted (see log-in.ts): the row
 * is written first, so parallel requests count each other, and counted across every server process. More than the
 * limits within an hour, per address or per client address, is `rate_limited`; the attempt stays counted.
 */
export async function claimSubscribeAttempt(
  ctx: ServiceContext,
  address: string,
  clientIp: string | undefined,
): Promise<void> {
  const ip = clientIp ?? null;
  const now = ctx.clock.now();
  await ctx.db.insert(statusSubscribeAttempts).values({ address, ip, attemptedAt: now });
  const [counts] = await ctx.db
    .select({
      byAddress: sql<number>`count(*) FILTER (WHERE ${statusSubscribeAttempts.address} = ${address})::int`,
      byIp: ip ? sql<number>`count(*) FILTER (WHERE ${statusSubscribeAttempts.ip} = ${ip})::int` : sql<number>`0`,
    })
    .from(statusSubscribeAttempts)
    .where(
      and(
        gte(statusSubscribeAttempts.attemptedAt, new Date(now.getTime() - WINDOW_MS)),
        or(eq(statusSubscribeAttempts.address, address), ip ? eq(statusSubscribeAttempts.ip, ip) : undefined),
      ),
    );
  if (Number(counts?.byAddress ?? 0) > SUBSCRIBE_MAX_PER_ADDRESS || Number(counts?.byIp ?? 0) > SUBSCRIBE_MAX_PER_IP) {
    throw new AppError('rate_limited', 'Too many subscription requests; try again later');
  }
}
