import { and, asc, eq } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema.ts';
import type { ServiceDeps } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { type ImapSettings, imapSettingsOf } from './imap-settings.ts';

/** Every active IMAP mailbox with its connection settings: what the IDLE watchers connect to. */
export async function listImapMailboxes(deps: ServiceDeps): Promise<Array<{ id: string; settings: ImapSettings }>> {
  // One whose settings cannot be used (incomplete, a password that does not open) is not watched; its sync says why.
  return (await activeImapMailboxes(deps)).flatMap((row) => {
    const usable = imapSettingsOf(row, deps.secrets);
    return 'settings' in usable ? [{ id: row.id, settings: usable.settings }] : [];
  });
}

const activeImapMailboxes = (deps: ServiceDeps) =>
  deps.db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.inbound, 'imap'), eq(mailboxes.isActive, true)))
    .orderBy(asc(mailboxes.name));

/**
 * Asks for an import of one mailbox (the watcher heard of new mail). One queued sync per mailbox is enough: the
 * singleton key folds a burst of notifications into one job.
 */
export async function requestImapSync(deps: ServiceDeps, mailboxId: string): Promise<void> {
  await deps.db.transaction((tx) => enqueue(deps, tx, 'mail.imap-sync', { mailboxId }, { singletonKey: mailboxId }));
}

/**
 * The every-minute catch-up: a sync for each active IMAP mailbox, whatever the watchers heard — also for one whose
 * settings cannot be used (a password sealed under another key), so its sync records why it imports nothing.
 */
export async function requestAllImapSyncs(deps: ServiceDeps): Promise<number> {
  const boxes = await activeImapMailboxes(deps);
  for (const box of boxes) await requestImapSync(deps, box.id);
  return boxes.length;
}
