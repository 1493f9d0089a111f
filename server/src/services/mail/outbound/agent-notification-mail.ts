import type { Language } from '@loket/contract';
import { eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { clockInWords, instantInWords } from '../../../domain/mail/mail-wording.ts';
import {
  mailTemplates,
  organisations,
  people,
  settings,
  type ticketEvents,
  type TicketRow,
} from '../../../db/schema.ts';
import type { ServiceDeps } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import {
  BUILT_IN_TEMPLATES,
  isMailTemplateKey,
  type MailText,
  type MailValues,
} from '../templates/built-in-templates.ts';
import { renderMailTemplate } from '../templates/render-mail-template.ts';
import { queueMails, type QueueMailInput } from './queue-mail.ts';

type EventRow = typeof ticketEvents.$inferSelect;

/** What an agent's mail needs to know of them: where it goes, whether it may, and in which language. */
export type AgentRecipient = {
  id: string;
  email: string;
  name: string;
  isActive: boolean;
  emailBouncedAt: Date | null;
  language: Language | null;
  organisationLanguage: Language | null;
};

/** The columns AgentRecipient is read from, on `people` joined to their organisation. */
export const agentRecipientColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  isActive: people.isActive,
  emailBouncedAt: people.emailBouncedAt,
  language: people.language,
  organisationLanguage: organisations.language,
};

/**
 * One mail per new agent notification, written in the transaction that inserted the notifications (deduplicated by
 * the notification's id), from MAIL_FROM, in the agent's language (their own, else their organisation's, else the
 * desk's). Agents who are inactive or whose address bounced get none. The caller may pass the recipients and the
 * requester when it read them already; what it does not pass is read here.
 */
export async function queueAgentNotificationMails(
  deps: ServiceDeps,
  tx: Executor,
  input: {
    notifications: { id: string; personId: string }[];
    kind: string;
    ticket: TicketRow;
    event: EventRow;
    /** At least everyone notified, read with agentRecipientColumns. */
    recipients?: AgentRecipient[];
    /** The ticket's requester's name and organisation's name. */
    requester?: { name: string; organisationName: string };
  },
): Promise<number> {
  const { kind, ticket, event } = input;
  if (!isMailTemplateKey(kind) || input.notifications.length === 0) return 0;
  const recipients =
    input.recipients ??
    (await tx
      .select(agentRecipientColumns)
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(
        inArray(
          people.id,
          input.notifications.map((n) => n.personId),
        ),
      ));
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const mailed = input.notifications.flatMap((notification) => {
    const agent = byId.get(notification.personId);
    return agent && agent.isActive && !agent.emailBouncedAt ? [{ notification, agent }] : [];
  });
  if (mailed.length === 0) return 0;

  const requester =
    input.requester ??
    (
      await tx
        .select({ name: people.name, organisationName: organisations.name })
        .from(people)
        .innerJoin(organisations, eq(organisations.id, people.organisationId))
        .where(eq(people.id, ticket.requesterId))
    )[0];
  // The desk's language and the admins' wordings of this template, in one round trip; built-in where there is none.
  const [found] = await queryRows<{ desk: unknown; overrides: (MailText & { language: Language })[] | null }>(
    tx,
    sql`SELECT (SELECT value FROM ${settings} WHERE key = 'defaultLanguage') AS desk,
      (SELECT json_agg(json_build_object('language', t.language, 'subject', t.subject, 'body', t.body))
        FROM ${mailTemplates} t WHERE t.key = ${kind}) AS overrides`,
  );
  const desk: Language = found?.desk === 'nl' || found?.desk === 'sv' ? found.desk : 'en';
  const templateIn = (language: Language): MailText =>
    found?.overrides?.find((o) => o.language === language) ?? BUILT_IN_TEMPLATES[language][kind];

  const data = event.data;
  const values: MailValues = {
    reference: ticket.reference,
    subject: ticket.subject,
    requesterName: requester?.name ?? '',
    organisationName: requester?.organisationName ?? '',
    ticketUrl: `${deps.config.publicUrl}/agent/tickets/${encodeURIComponent(ticket.reference)}`,
  };
  // The SLA's clock and instant in the words of each mail's language, the instant on the desk's clock.
  const clock = typeof data.clock === 'string' ? data.clock : '';
  const dueAt = typeof data.dueAt === 'string' ? data.dueAt : '';
  const mails = mailed.map(({ notification, agent }): QueueMailInput => {
    const language = agent.language ?? agent.organisationLanguage ?? desk;
    const text = renderMailTemplate(templateIn(language), {
      ...values,
      clock: clock && clockInWords(clock, language),
      dueAt: instantInWords(dueAt, language, deps.config.timezone),
      recipientName: agent.name,
    });
    return {
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
    };
  });
  const written = (await queueMails(deps, tx, mails)).filter((id): id is string => id !== undefined);
  // One job sends them all: a new ticket in a group of five is one send job, not five.
  if (written.length > 0 && deps.config.smtpUrl) await enqueue(deps, tx, 'mail.send', { outboxIds: written });
  return written.length;
}
