import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { people } from '../../../db/schema.ts';
import { mailMessageIds, organisations, ticketParticipants, tickets, type TicketRow } from '../../../db/schema.ts';
import { referenceInSubject } from '../../../domain/mail/subject-reference.ts';
import type { ParsedInbound } from './parse-message.ts';

export type Thread = { ticket: TicketRow; by: 'message-id' | 'subject'; named: string };

/**
 * The ticket a message continues, in this order: its In-Reply-To, then its References newest first, naming a
 * Message-ID we know (ours or an earlier imported one); else the ticket reference in its subject. A merged ticket
 * continues in the one it was merged into. The ticket row comes back locked.
 */
export async function findThread(tx: Executor, mail: ParsedInbound, prefix: string): Promise<Thread | undefined> {
  const candidates = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(0, 100);
  if (candidates.length > 0) {
    const known = await tx
      .select({ messageId: mailMessageIds.messageId, ticketId: mailMessageIds.ticketId })
      .from(mailMessageIds)
      .where(inArray(mailMessageIds.messageId, candidates));
    for (const id of candidates) {
      const hit = known.find((k) => k.messageId === id);
      if (!hit) continue;
      const ticket = await lockFollowingMerges(tx, eq(tickets.id, hit.ticketId));
      if (ticket) return { ticket, by: 'message-id', named: id };
    }
  }
  const reference = referenceInSubject(mail.subject, prefix);
  if (reference) {
    const ticket = await lockFollowingMerges(tx, eq(tickets.reference, reference));
    if (ticket) return { ticket, by: 'subject', named: reference };
  }
  return undefined;
}

async function lockFollowingMerges(tx: Executor, where: ReturnType<typeof eq>): Promise<TicketRow | undefined> {
  let [row] = await tx.select().from(tickets).where(where).for('update');
  // A chain of merges ends somewhere; the bound only guards against a cycle nobody should be able to make.
  for (let hops = 0; row?.mergedIntoId && hops < 10; hops++) {
    [row] = await tx.select().from(tickets).where(eq(tickets.id, row.mergedIntoId)).for('update');
  }
  return row;
}

export type Sender = typeof people.$inferSelect;

/**
 * Whether mail from this sender may land on the ticket: the requester, a contact or manager of the ticket's
 * organisation, an address in copy on it (a participant), or an active agent. Anyone else opens a ticket of their
 * own — a stranger naming a reference must never write on someone else's ticket.
 */
export async function mayAppend(
  tx: Executor,
  ticket: TicketRow,
  sender: Sender | undefined,
  fromAddress: string,
): Promise<boolean> {
  if (sender && sender.isActive) {
    if (sender.id === ticket.requesterId) return true;
    if (sender.role === 'agent' || sender.role === 'admin') return true;
    if (sender.organisationId === ticket.organisationId && (sender.role === 'contact' || sender.role === 'manager')) {
      // Everyone whose domain nobody owns shares the "unmatched" organisation: that makes no one a colleague.
      const [org] = await tx
        .select({ kind: organisations.kind })
        .from(organisations)
        .where(eq(organisations.id, ticket.organisationId));
      if (org?.kind === 'customer') return true;
    }
  }
  const [participant] = await tx
    .select({ email: ticketParticipants.email })
    .from(ticketParticipants)
    .where(and(eq(ticketParticipants.ticketId, ticket.id), sql`lower(${ticketParticipants.email}) = ${fromAddress}`))
    .limit(1);
  return participant !== undefined;
}
