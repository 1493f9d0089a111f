import type { ImapSettings } from '../../../adapters/imap.ts';
import type { SecretBox } from '../../../adapters/secret-box.ts';
import type { MailboxRow } from '../../../db/schema.ts';

export type { ImapSettings };

/**
 * A mailbox row's IMAP connection settings with its password opened, or the problem that keeps them from being used:
 * settings incomplete, or a password sealed under another key.
 */
export function imapSettingsOf(row: MailboxRow, secrets: SecretBox): { settings: ImapSettings } | { problem: string } {
  if (!row.imapHost || !row.imapUser || !row.imapPassword) return { problem: 'IMAP host, user or password missing' };
  const password = secrets.tryOpen('mailbox.imap_password', row.imapPassword);
  if (!password.ok) return { problem: password.reason };
  return {
    settings: {
      host: row.imapHost,
      port: row.imapPort ?? (row.imapSecure ? 993 : 143),
      secure: row.imapSecure,
      user: row.imapUser,
      password: password.plain,
      folder: row.imapFolder,
    },
  };
}
