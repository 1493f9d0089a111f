import { type Language, LoginLinkInput, type LoginLinkRequested } from '@loket/contract';
import { eq, sql } from 'drizzle-orm';
import { loginLinks, organisations, people, settings } from '../../db/schema.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { queueMail } from '../mail/outbound/queue-mail.ts';
import { loadMailTemplate, renderMailTemplate } from '../mail/templates/render-mail-template.ts';
import { claimLoginAttempt } from './log-in.ts';
import { newSecret, sha256 } from './secrets.ts';

/** How long a mailed login link works. */
export const LOGIN_LINK_TTL_MS = 15 * 60_000;
const ANSWER: LoginLinkRequested = { status: 'sent_if_known' };

/** Where the web app redeems a link; the secret travels in the fragment, which browsers never send to a server. */
export const loginLinkUrl = (publicUrl: string, token: string) => `${publicUrl}/login/link#token=${token}`;

/**
 * Mails a one-time login link to a customer. The answer is the same whether or not the address belongs to an active
 * customer (nobody learns who has an account here); the request counts as a login attempt, so the login's rate
 * limits cover it. Only the SHA-256 of the link's 256-bit secret is stored, with its expiry (15 minutes); the mail is
 * an outbox row written in the same transaction as the link. Agents and admins log in with their password only.
 */
export async function requestLoginLink({
  ctx,
  input,
  clientIp,
}: {
  ctx: ServiceContext;
  input: unknown;
  clientIp?: string | undefined;
}): Promise<LoginLinkRequested> {
  const email = parseInput(LoginLinkInput, input).email.trim().toLowerCase();
  await claimLoginAttempt(ctx, email, clientIp);
  const [person] = await ctx.db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      role: people.role,
      language: people.language,
      organisationLanguage: organisations.language,
      desk: sql<unknown>`(SELECT value FROM ${settings} WHERE key = 'defaultLanguage')`,
    })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(
      sql`lower(${people.email}) = ${email} AND ${people.isActive} AND ${organisations.isActive}
        AND ${people.role} IN ('contact', 'manager')`,
    )
    .limit(1);
  if (!person) return ANSWER;

  const token = newSecret();
  const now = ctx.clock.now();
  const language: Language =
    person.language ??
    person.organisationLanguage ??
    (person.desk === 'nl' || person.desk === 'sv' ? person.desk : 'en');
  await ctx.db.transaction(async (tx) => {
    await tx.insert(loginLinks).values({
      tokenHash: sha256(token),
      personId: person.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MS),
    });
    const text = renderMailTemplate(await loadMailTemplate(tx, 'login_link', language), {
      recipientName: person.name,
      loginUrl: loginLinkUrl(ctx.config.publicUrl, token),
      portalUrl: ctx.config.publicUrl,
    });
    await queueMail(ctx, tx, {
      dedupeKey: `login_link:${sha256(token)}`,
      kind: 'login_link',
      to: person.email,
      personId: person.id,
      language,
      subject: text.subject,
      textBody: text.body,
      automatic: true,
      sender: 'system',
    });
  });
  return ANSWER;
}
