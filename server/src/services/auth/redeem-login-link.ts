import { type Me, RedeemLoginLinkInput } from '@loket/contract';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { loginLinks, organisations, people } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { openSession } from './log-in.ts';
import { sha256 } from './secrets.ts';

/**
 * Spends a login link and opens a session, like a password login. The link is spent by a conditional update (not
 * used, not expired), so of two redemptions racing exactly one wins, and the person's other unused links are voided
 * with it; a wrong, used or expired link, or one of a person or organisation deactivated since, or of a person who is
 * no longer a customer (contact or manager), is refused with one and the same answer.
 */
export async function redeemLoginLink({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ sessionToken: string; expiresAt: Date; me: Me }> {
  const { token } = parseInput(RedeemLoginLinkInput, input);
  const now = ctx.clock.now();
  const [spent] = await ctx.db
    .update(loginLinks)
    .set({ usedAt: now })
    .where(and(eq(loginLinks.tokenHash, sha256(token)), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, now)))
    .returning({ personId: loginLinks.personId });
  const [person] = spent
    ? await ctx.db
        .select({
          id: people.id,
          role: people.role,
          name: people.name,
          organisationId: people.organisationId,
          isActive: people.isActive,
          organisationActive: organisations.isActive,
        })
        .from(people)
        .innerJoin(organisations, eq(organisations.id, people.organisationId))
        .where(eq(people.id, spent.personId))
    : [];
  if (spent) {
    // One link spent spends them all: another unused link of the same person (an earlier mail) is void from now on.
    await ctx.db
      .update(loginLinks)
      .set({ usedAt: now })
      .where(and(eq(loginLinks.personId, spent.personId), isNull(loginLinks.usedAt)));
  }
  // Login links are for customers only (as when one is asked for): a person made an agent since is refused too.
  if (
    !person ||
    !person.isActive ||
    !person.organisationActive ||
    (person.role !== 'contact' && person.role !== 'manager')
  ) {
    throw new AppError('unauthenticated', 'This login link is not valid (anymore); ask for a new one');
  }
  return openSession(ctx, person);
}
