import type { ImapSettings } from '../../../adapters/imap.ts';
import type { MailboxRow } from '../../../db/schema.ts';

export type { ImapSettings };

/** A mailbox row's IMAP connection settings, or undefined when they are incomplete. */
export function imapSettingsOf(row: MailboxRow): ImapSettings | undefined {
  if (!row.imapHost || !row.imapUser || !row.imapPassword) return undefined;
  return {
    host: row.imapHost,
    port: row.imapPort ?? (row.imapSecure ? 993 : 143),
    secure: row.imapSecure,
    user: row.imapUser,
    password: row.imapPassword,
    folder: row.imapFolder,
  };
}
