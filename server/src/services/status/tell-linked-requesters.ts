import type { Language } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { organisations, people, statusIncidentTickets, tickets } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { queueMail } from '../mail/outbound/queue-mail.ts';
import type { MailText } from '../mail/templates/built-in-templates.ts';
import { loadMailTemplate, renderMailTemplate } from '../mail/templates/render-mail-template.ts';

/**
 * Tells the requester of every ticket linked to an incident that it is resolved: one mail per ticket, from the
 * ticket's mailbox and in its thread, deduplicated by incident and ticket (a resolution told twice sends once).
 */
export async function tellLinkedRequesters(
  deps: ServiceDeps,
  tx: Executor,
  input: { incidentId: string; body: string },
): Promise<number> {
  const rows = await queryRows<{
    ticket_id: string;
    reference: string;
    subject: string;
    email: string;
    name: string;
    language: Language;
    person_id: string;
  }>(
    tx,
    sql`SELECT t.id AS ticket_id, t.reference, t.subject, p.email, p.name, p.id AS person_id,
        COALESCE(p.language, o.language) AS language
      FROM ${statusIncidentTickets} l
      JOIN ${tickets} t ON t.id = l.ticket_id
      JOIN ${people} p ON p.id = t.requester_id
      JOIN ${organisations} o ON o.id = t.organisation_id
      WHERE l.incident_id = ${input.incidentId}::uuid AND p.is_active AND p.email_bounced_at IS NULL`,
  );
  const templates = new Map<Language, MailText>(); // one read per language, not per ticket
  let sent = 0;
  for (const row of rows) {
    const template =
      templates.get(row.language) ?? (await loadMailTemplate(tx, 'status_incident_resolved', row.language));
    templates.set(row.language, template);
    const mail = renderMailTemplate(template, {
      reference: row.reference,
      subject: row.subject,
      requesterName: row.name,
      body: input.body,
      portalUrl: `${deps.config.publicUrl}/status`,
    });
    const id = await queueMail(deps, tx, {
      dedupeKey: `status-resolved:${input.incidentId}:${row.ticket_id}`,
      kind: 'status_incident_resolved',
      to: row.email,
      personId: row.person_id,
      ticketId: row.ticket_id,
      language: row.language,
      subject: mail.subject,
      textBody: mail.body,
      automatic: true,
      sender: 'mailbox',
    });
    if (id) sent++;
  }
  return sent;
}
