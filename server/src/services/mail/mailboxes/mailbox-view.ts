import type { Mailbox } from '@loket/contract';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { type MailboxRow, mailboxes } from '../../../db/schema.ts';
import { notFound } from '../../../domain/app-error.ts';
import { isUuid } from '../../shared/ids.ts';

export const MAILBOX_CONFLICTS = {
  mailboxes_name_unique: 'A mailbox with this name exists',
  mailboxes_address_unique: 'A mailbox with this address exists',
};

/** The API's view of a mailbox: never the IMAP password, only whether one is set. */
export function toMailbox(row: MailboxRow): Mailbox {
  return {
    id: row.id as Mailbox['id'],
    name: row.name,
    address: row.address,
    inbound: row.inbound,
    imap:
      row.inbound === 'imap'
        ? {
            host: row.imapHost,
            port: row.imapPort,
            secure: row.imapSecure,
            user: row.imapUser,
            hasPassword: Boolean(row.imapPassword),
            folder: row.imapFolder,
            uidValidity: row.imapUidValidity,
            lastUid: row.imapLastUid,
            lastError: row.imapLastError,
            checkedAt: row.imapCheckedAt?.toISOString() ?? null,
          }
        : null,
    categoryId: row.categoryId as Mailbox['categoryId'],
    urgency: row.urgency,
    impact: row.impact,
    groupId: row.groupId as Mailbox['groupId'],
    isActive: row.isActive,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function loadMailboxRow(tx: Executor, id: string): Promise<MailboxRow> {
  if (!isUuid(id)) throw notFound('Mailbox not found');
  const [row] = await tx.select().from(mailboxes).where(eq(mailboxes.id, id.toLowerCase()));
  if (!row) throw notFound('Mailbox not found');
  return row;
}
