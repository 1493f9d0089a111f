import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { outbox, people } from '../../../db/schema.ts';
import type { DeliveryReport } from '../../../domain/mail/delivery-report.ts';
import type { ServiceContext } from '../../context.ts';
import { recordTicketEvent } from '../../shared/record-event.ts';

/**
 * A delivery report for one of our messages: the outbox row is marked bounced, the recipient's address flagged on
 * their person, and the ticket gets an internal `mail_bounced` event — once, however often the report arrives.
 * Returns the outbox row's id when the report named one of ours.
 */
export async function recordBounce(
  ctx: ServiceContext,
  tx: Executor,
  report: DeliveryReport,
  inboundId: string,
): Promise<string | undefined> {
  if (!report.returnedMessageId || !report.failed) return undefined;
  const [row] = await tx.select().from(outbox).where(eq(outbox.messageId, report.returnedMessageId)).for('update');
  if (!row) return undefined;
  if (row.bouncedAt) return row.id;
  const now = ctx.clock.now();
  await tx.update(outbox).set({ bouncedAt: now }).where(eq(outbox.id, row.id));
  // Only an address the bounced mail was really sent to is flagged: a report is easy to forge, and naming someone
  // else (another organisation's contact, an agent) must not silence their mail.
  const sentTo = new Set([row.toAddress, ...row.ccAddresses].map((a) => a.toLowerCase()));
  const named = report.finalRecipients.map((a) => a.toLowerCase()).filter((a) => sentTo.has(a));
  const recipients = report.finalRecipients.length > 0 ? named : [row.toAddress.toLowerCase()];
  for (const email of recipients) {
    await tx
      .update(people)
      .set({ emailBouncedAt: now })
      .where(sql`lower(${people.email}) = ${email} AND ${people.emailBouncedAt} IS NULL`);
  }
  if (row.ticketId) {
    await recordTicketEvent(ctx, tx, {
      ticketId: row.ticketId,
      kind: 'mail_bounced',
      isInternal: true,
      data: { outboxId: row.id, kind: row.kind, recipients, messageId: row.messageId, inboundId },
    });
  }
  return row.id;
}
