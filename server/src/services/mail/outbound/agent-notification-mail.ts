import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { organisations, people, type ticketEvents, type TicketRow } from '../../../db/schema.ts';
import type { Language } from '@loket/contract';
import type { ServiceDeps } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { loadSettings } from '../../shared/reference-lookup.ts';
import { isMailTemplateKey, type MailText, type MailValues } from '../templates/built-in-templates.ts';
import { loadMailTemplate, renderMailTemplate } from '../templates/render-mail-template.ts';
import { queueMail } from './queue-mail.ts';

type EventRow = typeof ticketEvents.$inferSelect;

/**
 * One mail per new agent notification, written in the transaction that inserted the notifications (deduplicated by
 * the notification's id), from MAIL_FROM, in the agent's language (their own, else their organisation's, else the
 * desk's). Agents who are inactive or whose address bounced get none.
 */
export async function queueAgentNotificationMails(
  deps: ServiceDeps,
  tx: Executor,
  input: { notifications: { id: string; personId: string }[]; kind: string; ticket: TicketRow; event: EventRow },
): Promise<number> {
  const { kind, ticket, event } = input;
  if (!isMailTemplateKey(kind) || input.notifications.length === 0) return 0;
  const agents = await tx
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      isActive: people.isActive,
      emailBouncedAt: people.emailBouncedAt,
      language: people.language,
      organisationLanguage: organisations.language,
    })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(
      inArray(
        people.id,
        input.notifications.map((n) => n.personId),
      ),
    );
  const [requester] = await tx
    .select({ name: people.name, organisationName: organisations.name })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, ticket.requesterId));
  const settings = await loadSettings(tx);
  const data = event.data;
  const values: MailValues = {
    reference: ticket.reference,
    subject: ticket.subject,
    requesterName: requester?.name ?? '',
    organisationName: requester?.organisationName ?? '',
    ticketUrl: `${deps.config.publicUrl}/tickets/${encodeURIComponent(ticket.reference)}`,
    clock: typeof data.clock === 'string' ? data.clock.replace(/_/g, ' ') : '',
    dueAt: typeof data.dueAt === 'string' ? data.dueAt : '',
  };
  const written: string[] = [];
  const templates = new Map<Language, MailText>();
  for (const notification of input.notifications) {
    const agent = agents.find((a) => a.id === notification.personId);
    if (!agent || !agent.isActive || agent.emailBouncedAt) continue;
    const language = agent.language ?? agent.organisationLanguage ?? settings.defaultLanguage;
    if (!templates.has(language)) templates.set(language, await loadMailTemplate(tx, kind, language));
    const text = renderMailTemplate(templates.get(language)!, {
      ...values,
      recipientName: agent.name,
    });
    const id = await queueMail(deps, tx, {
      dedupeKey: `notification:${notification.id}`,
      kind,
      to: agent.email,
      personId: agent.id,
      ticketId: ticket.id,
      language,
      subject: text.subject,
      textBody: text.body,
      automatic: true,
      sender: 'system',
      deferSending: true,
    });
    if (id) written.push(id);
  }
  // One job sends them all: a new ticket in a group of five is one send job, not five.
  if (written.length > 0 && deps.config.smtpUrl) await enqueue(deps, tx, 'mail.send', { outboxIds: written });
  return written.length;
}
