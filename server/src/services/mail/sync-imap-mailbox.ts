import { and, eq, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { withImapFolder } from '../../adapters/imap.ts';
import { mailboxes } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { imapSettingsOf } from './mailboxes/imap-settings.ts';
import { receiveMessage, recordOversizedMessage } from './receive-message.ts';

export type ImapSyncResult =
  | { outcome: 'skipped' }
  | { outcome: 'failed'; error: string }
  | { outcome: 'synced'; imported: number; duplicates: number; tooLarge: number; restarted: boolean };

/** Raw bytes fetched in one round trip, at most: batches stay within memory whatever the folder holds. */
const BATCH_BYTES = 32 * 1024 * 1024;
const BATCH_MESSAGES = 50;

/**
 * Imports what is new in an IMAP mailbox: every UID above the stored checkpoint, in UID order, each stored raw by
 * `receiveMessage` (deduped by message key) before the checkpoint moves past it. The checkpoint is the UID, never the
 * \Seen flag — mail someone already read in another client is still imported — and the folder is opened read-only,
 * so nothing is marked or moved. A new UIDVALIDITY (the folder was recreated) starts over from UID 1; the message
 * keys keep that from importing anything twice.
 *
 * Runs are serialised per mailbox by the queue (policy `stately`, singleton key = mailbox id: one running, one
 * waiting). Should two ever overlap anyway, nothing breaks: each message is stored once by its key and the checkpoint
 * only moves forward. Failures (wrong password, server down) are recorded on the mailbox and the job ends normally:
 * the minute schedule and the watcher try again, instead of a retry storm against a server that refuses us.
 */
export async function syncImapMailbox(
  deps: ServiceDeps,
  input: { mailboxId: string },
  log?: Logger,
): Promise<ImapSyncResult> {
  const [row] = await deps.db.select().from(mailboxes).where(eq(mailboxes.id, input.mailboxId));
  if (!row || row.inbound !== 'imap' || !row.isActive) return { outcome: 'skipped' };
  const record = (error: string | null) =>
    deps.db
      .update(mailboxes)
      .set({ imapLastError: error, imapCheckedAt: deps.clock.now() })
      .where(eq(mailboxes.id, row.id));
  const usable = imapSettingsOf(row, deps.secrets);
  if ('problem' in usable) {
    await record(usable.problem);
    return { outcome: 'failed', error: usable.problem };
  }
  const { settings } = usable;
  try {
    const result = await withImapFolder(settings, async (folder) => {
      let lastUid = row.imapLastUid;
      const restarted = row.imapUidValidity !== folder.uidValidity;
      if (restarted) {
        lastUid = 0;
        await deps.db
          .update(mailboxes)
          .set({ imapUidValidity: folder.uidValidity, imapLastUid: 0 })
          .where(eq(mailboxes.id, row.id));
      }
      const advance = (uid: number) =>
        deps.db
          .update(mailboxes)
          .set({ imapLastUid: uid })
          .where(
            and(
              eq(mailboxes.id, row.id),
              eq(mailboxes.imapUidValidity, folder.uidValidity),
              lt(mailboxes.imapLastUid, uid),
            ),
          );
      const counts = { imported: 0, duplicates: 0, tooLarge: 0 };
      const pending = await folder.listAfter(lastUid);
      const max = deps.config.inboundMaxBytes;
      while (pending.length > 0) {
        const batch: typeof pending = [];
        let bytes = 0;
        while (pending.length > 0 && batch.length < BATCH_MESSAGES && (batch.length === 0 || bytes < BATCH_BYTES)) {
          const next = pending.shift()!;
          batch.push(next);
          if (next.sizeBytes <= max) bytes += next.sizeBytes;
        }
        const raws = new Map<number, Buffer>();
        for await (const message of folder.fetchRaw(batch.filter((m) => m.sizeBytes <= max).map((m) => m.uid))) {
          raws.set(message.uid, message.raw);
        }
        for (const message of batch) {
          const raw = raws.get(message.uid);
          if (message.sizeBytes > max || (raw && raw.length > max)) {
            await recordOversizedMessage(deps, {
              mailboxId: row.id,
              sizeBytes: raw?.length ?? message.sizeBytes,
              imapUid: message.uid,
              uidValidity: folder.uidValidity,
            });
            counts.tooLarge++;
          } else if (raw) {
            const stored = await receiveMessage(deps, { mailboxId: row.id, raw, imapUid: message.uid });
            if (stored.duplicate) counts.duplicates++;
            else counts.imported++;
          }
          // A UID without bytes was expunged meanwhile: nothing to import, move on.
          await advance(message.uid);
        }
      }
      return { ...counts, restarted };
    });
    await record(null);
    if (result.imported || result.tooLarge) log?.info({ mailboxId: row.id, ...result }, 'IMAP mailbox synced');
    return { outcome: 'synced', ...result };
  } catch (error) {
    const message = error instanceof Error ? describe(error) : String(error);
    await record(message);
    log?.warn({ err: error, mailboxId: row.id }, 'IMAP sync failed');
    return { outcome: 'failed', error: message };
  }
}

/** imapflow puts the server's words in `responseText`; the message alone is often just "Command failed". */
function describe(error: Error): string {
  const details = error as Error & { responseText?: string; code?: string };
  return [error.message, details.responseText, details.code].filter(Boolean).join(': ').slice(0, 1000);
}
