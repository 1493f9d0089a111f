import { SubscribeInput, type SubscribeResult } from '@loket/contract';
import { and, eq, ilike, sql } from 'drizzle-orm';
import { statusSubscriptions } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import type { ServiceContext } from '../context.ts';
import { queueMail } from '../mail/outbound/queue-mail.ts';
import { loadMailTemplate, renderMailTemplate } from '../mail/templates/render-mail-template.ts';
import { claimSubscribeAttempt } from './claim-subscribe-attempt.ts';
import { assertComponents } from './component-view.ts';
import { loadStatusPageSettings } from './get-status-page-settings.ts';
import { newUnsubscribeKey, unsubscribeTokenOf } from './notify-status-subscribers.ts';

/** Active webhook subscriptions per target host: anyone may subscribe, so one host cannot be made a flood target. */
export const MAX_WEBHOOKS_PER_HOST = 5;

/** The host a webhook URL names, lower case and without a trailing dot: what limits are counted by. */
export const webhookHost = (url: string): string => new URL(url).hostname.toLowerCase().replace(/\.$/, '');

/**
 * Anyone may subscribe. E-mail is double opt-in: the row stays unconfirmed (and is sent nothing) until the link
 * mailed to the address is followed; subscribing an unconfirmed address again replaces its selection and mails a
 * fresh link, while a confirmed subscription is left exactly as it is (a stranger who knows the address must not
 * narrow or re-language it). The answer is the same whether or not the address was known or confirmed. A webhook is
 * active at once and gets its signing secret and unsubscribe token in the answer, once; its target is checked on
 * every delivery, and at most MAX_WEBHOOKS_PER_HOST are active per target host. Tokens are stored as hashes only
 * (an e-mail subscription's stable unsubscribe token is derived from its key, see notify-status-subscribers.ts).
 * Requests are rate-limited per address (per host for webhooks, whatever the path or query) and per client address
 * (claim-subscribe-attempt.ts).
 */
export async function subscribe({
  ctx,
  input,
  clientIp,
}: {
  ctx: ServiceContext;
  input: unknown;
  clientIp?: string | undefined;
}): Promise<SubscribeResult> {
  const data = parseInput(SubscribeInput, input);
  // A webhook is counted by its host: varying the path or query string must not buy more attempts.
  await claimSubscribeAttempt(
    ctx,
    'url' in data ? `webhook:${webhookHost(data.url)}` : data.email.toLowerCase(),
    clientIp,
  );
  const now = ctx.clock.now();
  const componentIds = [...new Set(data.componentIds)];
  const createdById = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
  return ctx.db.transaction(async (tx) => {
    await assertComponents(tx, componentIds);
    if ('url' in data) {
      const host = webhookHost(data.url);
      // Serialise subscriptions to one host, so parallel requests cannot both pass the count.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`status-webhook-host:${host}`}))`);
      const candidates = await tx
        .select({ url: statusSubscriptions.url })
        .from(statusSubscriptions)
        .where(and(eq(statusSubscriptions.kind, 'webhook'), ilike(statusSubscriptions.url, `%${likeEscape(host)}%`)));
      const sameHost = candidates.filter((c) => c.url && safeHost(c.url) === host).length;
      if (sameHost >= MAX_WEBHOOKS_PER_HOST) {
        throw new AppError('rate_limited', 'Too many webhook subscriptions for this host');
      }
      const unsubscribeToken = newSecret('unsub_');
      const secret = newSecret('whsec_');
      const [row] = await tx
        .insert(statusSubscriptions)
        .values({
          kind: 'webhook',
          url: new URL(data.url).href, // normalised (host in ASCII, lower case), as delivery and counting see it
          secret: ctx.secrets.seal('status_subscription.secret', secret),
          componentIds,
          unsubscribeTokenHash: sha256(unsubscribeToken),
          confirmedAt: now,
          createdById,
          createdAt: now,
        })
        .returning({ id: statusSubscriptions.id });
      return { id: row!.id as SubscribeResult['id'], kind: 'webhook', secret, unsubscribeToken };
    }
    const email = data.email.toLowerCase();
    const confirmToken = newSecret('confirm_');
    const [existing] = await tx
      .select()
      .from(statusSubscriptions)
      .where(eq(statusSubscriptions.email, email))
      .for('update');
    // A confirmed subscription is not changed by an unauthenticated request; the answer is the same as ever.
    if (existing?.confirmedAt) {
      return { id: existing.id as SubscribeResult['id'], kind: 'email', secret: null, unsubscribeToken: null };
    }
    const unsubscribeKey = newUnsubscribeKey();
    const fields = {
      componentIds,
      language: data.language,
      secret: ctx.secrets.seal('status_subscription.secret', unsubscribeKey),
      confirmTokenHash: sha256(confirmToken),
      unsubscribeTokenHash: sha256(unsubscribeTokenOf(unsubscribeKey)),
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.update(statusSubscriptions).set(fields).where(eq(statusSubscriptions.id, existing.id));
    } else {
      const [row] = await tx
        .insert(statusSubscriptions)
        .values({ kind: 'email', email, ...fields, createdById, createdAt: now })
        .returning({ id: statusSubscriptions.id });
      id = row!.id;
    }
    const settings = await loadStatusPageSettings(tx);
    const template = await loadMailTemplate(tx, 'status_subscription_confirm', data.language);
    const mail = renderMailTemplate(template, {
      organisationName: settings.name,
      confirmUrl: `${ctx.config.publicUrl}/status/confirm?token=${confirmToken}`,
      portalUrl: `${ctx.config.publicUrl}/status`,
    });
    await queueMail(ctx, tx, {
      dedupeKey: `status-confirm:${id}:${sha256(confirmToken).slice(0, 16)}`,
      kind: 'status_subscription_confirm',
      to: email,
      language: data.language,
      subject: mail.subject,
      textBody: mail.body,
      automatic: true,
      sender: 'system',
    });
    return { id: id as SubscribeResult['id'], kind: 'email', secret: null, unsubscribeToken: null };
  });
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
function safeHost(url: string): string | undefined {
  try {
    return webhookHost(url);
  } catch {
    return undefined;
  }
}
