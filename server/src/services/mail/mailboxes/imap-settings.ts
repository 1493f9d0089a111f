import type { ImapSettings } from '../../../adapters/imap.ts';
import type { SecretBox } from '../../../adapters/secret-box.ts';
import type { MailboxRow } from '../../../db/schema.ts';

export type { ImapSettings };

/**
 * A mailbox row's IMAP connection settings with its password opened, or undefined when they are incomplete. Throws
 * SecretUnreadable when the stored password was sealed under another key.
 */
export function imapSettingsOf(row: MailboxRow, secrets: SecretBox): ImapSettings | undefined {
  if (!row.imapHost || !row.imapUser || !row.imapPassword) return undefined;
  return {
    host: row.imapHost,
    port: row.imapPort ?? (row.imapSecure ? 993 : 143),
    secure: row.imapSecure,
    user: row.imapUser,
    password: secrets.open('mailbox.imap_password', row.imapPassword),
    folder: row.imapFolder,
  };
}
