import { LoginInput, type Me } from '@loket/contract';
import { and, count, eq, gte } from 'drizzle-orm';
import { loginFailures, organisations, sessions } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { findPersonByEmail } from '../people/find-or-register-contact.ts';
import { getMe } from './me.ts';
import { newSecret, sha256, verifyPassword } from './secrets.ts';

const WINDOW_MS = 15 * 60_000;

/** Checks a password and opens a session. Failures are counted per address in the database, across processes. */
export async function logIn({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ sessionToken: string; expiresAt: Date; me: Me }> {
  const data = parseInput(LoginInput, input);
  const email = data.email.trim().toLowerCase();
  const now = ctx.clock.now();
  const [failures] = await ctx.db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.email, email), gte(loginFailures.failedAt, new Date(now.getTime() - WINDOW_MS))));
  if ((failures?.n ?? 0) >= ctx.config.loginMaxFailures) {
    throw new AppError('rate_limited', 'Too many failed logins; try again in a few minutes');
  }
  const person = await findPersonByEmail(ctx.db, email);
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, data.password);
  let usable = false;
  if (person && passwordOk && person.isActive) {
    const [org] = await ctx.db
      .select({ isActive: organisations.isActive })
      .from(organisations)
      .where(eq(organisations.id, person.organisationId));
    usable = org?.isActive ?? false;
  }
  if (!person || !usable) {
    await ctx.db.insert(loginFailures).values({ email, failedAt: now });
    throw new AppError('unauthenticated', 'Wrong e-mail address or password');
  }
  const sessionToken = newSecret();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.db
    .insert(sessions)
    .values({ tokenHash: sha256(sessionToken), personId: person.id, createdAt: now, expiresAt });
  const me = await getMe({
    ctx: {
      ...ctx,
      actor: {
        kind: 'person',
        via: 'session',
        personId: person.id,
        role: person.role,
        name: person.name,
        organisationId: person.organisationId,
      },
    },
  });
  return { sessionToken, expiresAt, me };
}
