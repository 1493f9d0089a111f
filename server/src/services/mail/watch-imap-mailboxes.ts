import type { Logger } from 'pino';
import { type ImapWatcher, watchImapFolder } from '../../adapters/imap.ts';
import type { ServiceDeps } from '../context.ts';
import { listImapMailboxes, requestImapSync } from './mailboxes/list-imap-mailboxes.ts';

/** How often the set of watched mailboxes is compared with the database (mailboxes added, changed, retired). */
const RECONCILE_MS = 60_000;

/**
 * One IDLE connection per active IMAP mailbox, in each process that runs workers: new mail enqueues a
 * `mail.imap-sync` (folded into one per mailbox by its singleton key), so mail arrives within seconds. The every-minute
 * `mail.imap-poll` schedule is the safety net for anything a watcher missed (a dropped connection, a process down).
 * The list of mailboxes is re-read every minute — this polls our own table, never the mail server.
 */
export function startImapWatchers(
  deps: ServiceDeps,
  log: Logger,
  options: { reconcileMs?: number; minDelayMs?: number } = {},
): { stop(): Promise<void>; reconcile(): Promise<void> } {
  const watchers = new Map<string, { key: string; watcher: ImapWatcher }>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const reconcile = async () => {
    const boxes = await listImapMailboxes(deps);
    if (stopped) return;
    const wanted = new Map(boxes.map((b) => [b.id, b]));
    for (const [id, entry] of watchers) {
      const box = wanted.get(id);
      if (!box || JSON.stringify(box.settings) !== entry.key) {
        watchers.delete(id);
        await entry.watcher.stop();
      }
    }
    for (const box of boxes) {
      if (watchers.has(box.id)) continue;
      const onNewMail = () => {
        requestImapSync(deps, box.id).catch((error: unknown) =>
          log.warn({ err: error, mailboxId: box.id }, 'could not enqueue an IMAP sync'),
        );
      };
      watchers.set(box.id, {
        key: JSON.stringify(box.settings),
        watcher: watchImapFolder(box.settings, onNewMail, log, { minDelayMs: options.minDelayMs }),
      });
    }
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      reconcile()
        .catch((error: unknown) => log.warn({ err: error }, 'could not list IMAP mailboxes to watch'))
        .finally(loop);
    }, options.reconcileMs ?? RECONCILE_MS);
    timer.unref();
  };

  const first = reconcile().catch((error: unknown) => log.warn({ err: error }, 'could not list IMAP mailboxes'));
  void first.finally(loop);
  return {
    reconcile,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await first;
      const all = [...watchers.values()];
      watchers.clear();
      await Promise.all(all.map((entry) => entry.watcher.stop()));
    },
  };
}
