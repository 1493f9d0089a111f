import { LoginInput, type Me, type Role } from '@loket/contract';
import { and, eq, gte, or, sql } from 'drizzle-orm';
import { loginFailures, organisations, sessions } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { findPersonByEmail } from '../people/find-or-register-contact.ts';
import { getMe } from './me.ts';
import { newSecret, sha256, verifyPassword } from './secrets.ts';

const WINDOW_MS = 15 * 60_000;

/**
 * Checks a password and opens a session. Every attempt is recorded as a failure before the password is checked
 * (and taken back when it is right), so parallel attempts count each other: the limits hold per e-mail address
 * and per client address, across every server process.
 */
export async function logIn({
  ctx,
  input,
  clientIp,
}: {
  ctx: ServiceContext;
  input: unknown;
  clientIp?: string | undefined;
}): Promise<{ sessionToken: string; expiresAt: Date; me: Me }> {
  const data = parseInput(LoginInput, input);
  const email = data.email.trim().toLowerCase();
  const attempt = await claimLoginAttempt(ctx, email, clientIp);
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
  if (!person || !usable) throw new AppError('unauthenticated', 'Wrong e-mail address or password');
  await forgetLoginAttempt(ctx, attempt);
  return openSession(ctx, person);
}

/**
 * Counts an attempt to log in (with a password or by asking for a login link) before anything is checked, so
 * parallel attempts count each other; too many per e-mail address or per client address in 15 minutes is
 * `rate_limited`, across every server process. Returns the attempt's id, to forget it when it succeeded.
 */
export async function claimLoginAttempt(
  ctx: ServiceContext,
  email: string,
  clientIp: string | undefined,
): Promise<string> {
  const ip = clientIp ?? null;
  const now = ctx.clock.now();
  const [attempt] = await ctx.db
    .insert(loginFailures)
    .values({ email, ip, failedAt: now })
    .returning({ id: loginFailures.id });
  const [counts] = await ctx.db
    .select({
      byEmail: sql<number>`count(*) FILTER (WHERE ${loginFailures.email} = ${email})::int`,
      byIp: ip ? sql<number>`count(*) FILTER (WHERE ${loginFailures.ip} = ${ip})::int` : sql<number>`0`,
    })
    .from(loginFailures)
    .where(
      and(
        gte(loginFailures.failedAt, new Date(now.getTime() - WINDOW_MS)),
        or(eq(loginFailures.email, email), ip ? eq(loginFailures.ip, ip) : undefined),
      ),
    );
  if (
    Number(counts?.byEmail ?? 0) > ctx.config.loginMaxFailures ||
    Number(counts?.byIp ?? 0) > ctx.config.loginMaxFailuresPerIp
  ) {
    throw new AppError('rate_limited', 'Too many failed logins; try again in a few minutes');
  }
  return attempt!.id;
}

export async function forgetLoginAttempt(ctx: ServiceContext, attemptId: string): Promise<void> {
  await ctx.db.delete(loginFailures).where(eq(loginFailures.id, attemptId));
}

/** A new session for a person whose credentials were just checked: its secret (for the cookie) and who they are. */
export async function openSession(
  ctx: ServiceContext,
  person: { id: string; role: Role; name: string; organisationId: string },
): Promise<{ sessionToken: string; expiresAt: Date; me: Me }> {
  const now = ctx.clock.now();
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
