import { and, eq } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema.ts';
import type { ServiceDeps } from '../../context.ts';

/**
 * The active SMTP mailbox that receives mail for an address (RCPT TO), or undefined: the receiver answers 550.
 * Compared lower-case: mailbox addresses are stored lower-case, and no MTA relies on case in local parts.
 */
export async function findReceivingMailbox(deps: ServiceDeps, address: string): Promise<{ id: string } | undefined> {
  const [row] = await deps.db
    .select({ id: mailboxes.id })
    .from(mailboxes)
    .where(
      and(
        eq(mailboxes.address, address.trim().toLowerCase()),
        eq(mailboxes.inbound, 'smtp'),
        eq(mailboxes.isActive, true),
      ),
    );
  return row;
}
