import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';

export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
};

/** The selected folder, read-only: nothing Loket does sets a flag or moves a message. */
export type ImapFolder = {
  uidValidity: number;
  /** UIDs above `afterUid`, ascending, with their sizes (no bodies yet). */
  listAfter(afterUid: number): Promise<Array<{ uid: number; sizeBytes: number }>>;
  /** The raw messages with these UIDs, ascending. */
  fetchRaw(uids: number[]): AsyncIterable<{ uid: number; raw: Buffer }>;
};

const client = (settings: ImapSettings) =>
  new ImapFlow({
    maxIdleTime: 5 * 60_000,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  });

/**
 * Connects, selects the folder read-only (EXAMINE: fetching never sets \Seen), runs `work`, and logs out whatever
 * happens. One connection per sync: syncs are short and infrequent, and a fresh connection has no stale state.
 */
export async function withImapFolder<T>(settings: ImapSettings, work: (folder: ImapFolder) => Promise<T>): Promise<T> {
  const imap = client(settings);
  imap.on('error', () => undefined); // surfaced through the failing command instead
  await imap.connect();
  try {
    const mailbox = await imap.mailboxOpen(settings.folder, { readOnly: true });
    return await work({
      uidValidity: Number(mailbox.uidValidity),
      async listAfter(afterUid) {
        if (mailbox.exists === 0) return [];
        const found: Array<{ uid: number; sizeBytes: number }> = [];
        // `n:*` always includes the highest UID, even below n: filter.
        for await (const message of imap.fetch(`${afterUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
          if (message.uid > afterUid) found.push({ uid: message.uid, sizeBytes: message.size ?? 0 });
        }
        return found.sort((a, b) => a.uid - b.uid);
      },
      async *fetchRaw(uids) {
        if (uids.length === 0) return;
        const fetched: Array<{ uid: number; raw: Buffer }> = [];
        for await (const message of imap.fetch(uids.join(','), { uid: true, source: true }, { uid: true })) {
          if (message.source) fetched.push({ uid: message.uid, raw: message.source });
        }
        yield* fetched.sort((a, b) => a.uid - b.uid);
      },
    });
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

export type ImapWatcher = { stop(): Promise<void> };

/**
 * Keeps one IDLE connection to a folder and calls `onNewMail` when the server reports new messages (`EXISTS`), and
 * once after every (re)connect, since mail may have come while it was away. A dropped connection is re-opened with
 * backoff (1 s doubling to 5 min). The watcher only signals: the import itself is the sync job's.
 */
export function watchImapFolder(
  settings: ImapSettings,
  onNewMail: () => void,
  log: Logger,
  options: { minDelayMs?: number; maxDelayMs?: number } = {},
): ImapWatcher {
  const minDelay = options.minDelayMs ?? 1_000;
  const maxDelay = options.maxDelayMs ?? 300_000;
  let stopped = false;
  let delay = minDelay;
  let current: ImapFlow | undefined;
  let timer: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (stopped) return;
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    delay = Math.min(delay * 2, maxDelay);
  };

  const connect = async () => {
    if (stopped) return;
    const imap = client(settings);
    current = imap;
    imap.on('error', (error: Error) => log.warn({ err: error, host: settings.host }, 'IMAP watch connection error'));
    imap.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) onNewMail();
    });
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (current === imap) current = undefined;
      reconnectLater();
    };
    imap.on('close', onLost);
    try {
      await imap.connect();
      await imap.mailboxOpen(settings.folder, { readOnly: true });
      delay = minDelay;
      onNewMail();
      // IDLE now rather than after imapflow's auto-IDLE delay; it re-issues IDLE every few minutes on its own.
      imap.idle().catch(() => undefined);
    } catch (error) {
      log.warn({ err: error, host: settings.host, folder: settings.folder }, 'IMAP watch could not connect');
      imap.close();
      onLost();
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const imap = current;
      current = undefined;
      if (imap) await imap.logout().catch(() => imap.close());
    },
  };
}
