import type { Language } from '@loket/contract';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import {
  articles,
  mailTemplates,
  organisations,
  outbox,
  people,
  settings,
  ticketParticipants,
  tickets,
} from '../../../db/schema.ts';
import type { ServiceContext, ServiceDeps } from '../../context.ts';
import type { Change } from '../../shared/record-event.ts';
import {
  BUILT_IN_TEMPLATES,
  type MailTemplateKey,
  type MailText,
  type MailValues,
} from '../templates/built-in-templates.ts';
import { renderMailTemplate } from '../templates/render-mail-template.ts';
import { queueMail } from './queue-mail.ts';

export type TicketEventForMail = {
  eventId: number;
  ticketId: string;
  kind: string;
  changes?: Change[];
  data?: Record<string, unknown>;
  isInternal?: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** The templates a ticket event may mail a customer with. */
const CUSTOMER_KEYS: MailTemplateKey[] = ['acknowledgement', 'agent_reply', 'resolved', 'closed'];
type MailOverride = MailText & { key: string; language: Language };
const isAgentRole = (role: string) => role === 'agent' || role === 'admin';

/** Where a customer reads their ticket, and acts on it (the portal's pages; the links hold from day one). */
export const portalUrlOf = (deps: ServiceDeps, reference: string) =>
  `${deps.config.publicUrl}/portal/tickets/${encodeURIComponent(reference)}`;

/**
 * The customer mail a ticket event causes, written in the event's own transaction (called by recordTicketEvent):
 * - `created` → an acknowledgement with the reference to the requester; not for auto-generated mail
 *   (`data.autoReply === false`), an address that bounced, an agent's own ticket, or an address that already got
 *   AUTO_REPLIES_PER_SENDER_PER_DAY acknowledgements in the last 24 hours;
 * - a public reply by an agent → the reply to the requester, the participants in copy; when that reply also resolved
 *   the ticket, the `resolved` mail carries it as the solution instead (one mail, not two);
 * - a status change into a resolved-kind status → `resolved`, with the solution (the last public agent reply) and
 *   links to confirm or reopen; into a closed-kind status (also by auto-close or a confirmation) → `closed`.
 * Internal events never mail a customer. Deduplicated by event, kind and recipient.
 */
export async function queueMailForTicketEvent(
  ctx: ServiceContext,
  tx: Executor,
  event: TicketEventForMail,
): Promise<void> {
  if (event.isInternal) return;
  const statusChanged = (event.changes ?? []).some((c) => c.field === 'status');
  const byAgent = ctx.actor.kind === 'person' && isAgentRole(ctx.actor.role);
  const agentReply = event.kind === 'replied' && byAgent && typeof event.data?.articleId === 'string';
  if (event.kind !== 'created' && !statusChanged && !agentReply) return;

  const since = new Date(ctx.clock.now().getTime() - DAY_MS).toISOString();
  const [found] = await tx
    .select({
      ticket: tickets,
      requester: {
        id: people.id,
        email: people.email,
        name: people.name,
        role: people.role,
        language: people.language,
        emailBouncedAt: people.emailBouncedAt,
      },
      organisationLanguage: organisations.language,
      // Read with the ticket, one round trip for what every customer mail may need: acknowledgements sent to this
      // address in the last 24 hours, the desk's language, and the admins' wordings of the customer templates.
      acknowledgedToday: sql<number>`(SELECT count(*)::int FROM ${outbox} o WHERE o.kind = 'acknowledgement'
        AND o.to_address = lower(${people.email}) AND o.created_at > ${since}::timestamptz)`,
      desk: sql<unknown>`(SELECT value FROM ${settings} WHERE key = 'defaultLanguage')`,
      overrides: sql<MailOverride[] | null>`(SELECT json_agg(json_build_object('key', t.key, 'language', t.language,
        'subject', t.subject, 'body', t.body)) FROM ${mailTemplates} t WHERE t.key IN ${CUSTOMER_KEYS})`,
    })
    .from(tickets)
    .innerJoin(people, eq(people.id, tickets.requesterId))
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(tickets.id, event.ticketId));
  if (!found) return;
  const { ticket, requester } = found;

  let key: MailTemplateKey | undefined;
  if (event.kind === 'created') {
    if (event.data?.autoReply === false || isAgentRole(requester.role) || requester.emailBouncedAt) return;
    if (found.acknowledgedToday >= ctx.config.autoRepliesPerSenderPerDay) return;
    key = 'acknowledgement';
  } else if (statusChanged && ticket.statusKind === 'resolved') {
    key = 'resolved';
  } else if (statusChanged && ticket.statusKind === 'closed') {
    key = 'closed';
  } else if (agentReply) {
    key = 'agent_reply';
  }
  if (!key) return;

  const language: Language =
    requester.language ??
    found.organisationLanguage ??
    (found.desk === 'nl' || found.desk === 'sv' ? found.desk : 'en');
  const portalUrl = portalUrlOf(ctx, ticket.reference);
  let body = '';
  let articleId: string | null = null;
  if (key === 'agent_reply') {
    articleId = event.data!.articleId as string;
    const [article] = await tx.select({ body: articles.body }).from(articles).where(eq(articles.id, articleId));
    body = article?.body ?? '';
  } else if (key === 'resolved') {
    const [solution] = await tx
      .select({ id: articles.id, body: articles.body })
      .from(articles)
      .innerJoin(people, eq(people.id, articles.authorId))
      .where(
        and(eq(articles.ticketId, ticket.id), eq(articles.kind, 'reply'), inArray(people.role, ['agent', 'admin'])),
      )
      .orderBy(desc(articles.seq))
      .limit(1);
    body = solution?.body ?? '';
    articleId = solution?.id ?? null;
  }
  const values: MailValues = {
    reference: ticket.reference,
    subject: ticket.subject,
    requesterName: requester.name,
    recipientName: requester.name,
    body,
    portalUrl,
    ticketUrl: portalUrl,
    confirmUrl: `${portalUrl}?action=confirm`,
    reopenUrl: `${portalUrl}?action=reopen`,
  };
  const override = found.overrides?.find((o) => o.key === key && o.language === language);
  const text = renderMailTemplate(override ?? BUILT_IN_TEMPLATES[language][key], values);
  // Participants in copy hear the conversation; acknowledgements go to the requester alone.
  const cc =
    key === 'acknowledgement'
      ? []
      : (
          await tx
            .select({ email: ticketParticipants.email })
            .from(ticketParticipants)
            .where(eq(ticketParticipants.ticketId, ticket.id))
        ).map((p) => p.email);
  await queueMail(ctx, tx, {
    dedupeKey: `${event.eventId}:${key}:${requester.email.toLowerCase()}`,
    kind: key,
    to: requester.email,
    cc,
    personId: requester.id,
    ticketId: ticket.id,
    articleId,
    language,
    subject: text.subject,
    textBody: text.body,
    // A person's reply is not automatic; the acknowledgement and the status mails are.
    automatic: key !== 'agent_reply',
    sender: 'mailbox',
  });
}
