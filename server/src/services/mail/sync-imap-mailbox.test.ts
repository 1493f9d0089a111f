import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages, mailboxes } from '../../db/schema.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { type TestDovecot, hasDovecot, startDovecot } from '../../../test/dovecot.ts';
import { secretBox } from '../../adapters/secret-box.ts';
import { queryRows } from '../../db/client.ts';
import { sealStoredSecrets } from '../system/stored-secrets.ts';
import { requestAllImapSyncs } from './mailboxes/list-imap-mailboxes.ts';
import { syncImapMailbox } from './sync-imap-mailbox.ts';
import { startImapWatchers } from './watch-imap-mailboxes.ts';

/**
 * Against a real Dovecot, started by this file (Debian's dovecot-imapd; .ci/run installs it). Where it is not
 * installed the file is skipped, loudly.
 */
// CI installs Dovecot, so there a missing one is a failure, not a skip.
if (!hasDovecot && process.env.CI)
  throw new Error('/usr/sbin/dovecot is required in CI (apt-get install dovecot-imapd)');
if (!hasDovecot)
  console.warn('sync-imap-mailbox.test.ts skipped: /usr/sbin/dovecot is not installed (apt-get install dovecot-imapd)');

const MAX_BYTES = 8 * 1024;
let h: Harness;
let dovecot: TestDovecot;
let counter = 0;

beforeAll(async () => {
  if (!hasDovecot) return;
  dovecot = await startDovecot();
  h = await createHarness({ INBOUND_MAX_BYTES: String(MAX_BYTES) });
}, 30_000);
afterAll(async () => {
  await h?.close();
  await dovecot?.close();
});

/** Another mail client on the same account: how customers' mail "arrives" and how a colleague reads it. */
async function other<T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> {
  const imap = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await imap.connect();
  try {
    return await work(imap);
  } finally {
    await imap.logout();
  }
}

const message = (id: string, body = 'Hello') =>
  `Message-ID: <${id}@customer.example>\r\nFrom: ann@customer.example\r\nTo: desk@provider.example\r\nSubject: ${id}\r\n\r\n${body}\r\n`;

const deliver = (folder: string, ...ids: string[]) =>
  other(async (imap) => {
    for (const id of ids) await imap.append(folder, message(id));
  });

/** A mailbox on the test server; its password sealed as the admin API stores it, unless `stored` says otherwise. */
async function makeMailbox(folder: string, password = dovecot.password, stored?: string) {
  counter++;
  await other(async (imap) => {
    if (folder !== 'INBOX') await imap.mailboxCreate(folder).catch(() => undefined);
  });
  const [row] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: `IMAP ${counter}`,
      address: `imap${counter}@provider.example`,
      inbound: 'imap',
      imapHost: dovecot.host,
      imapPort: dovecot.port,
      imapSecure: false,
      imapUser: dovecot.user,
      imapPassword: stored ?? h.deps.secrets.seal('mailbox.imap_password', password),
      imapFolder: folder,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  return row!.id;
}

const stored = (mailboxId: string) =>
  h.deps.db
    .select({
      key: inboundMessages.messageKey,
      uid: inboundMessages.imapUid,
      status: inboundMessages.status,
      reason: inboundMessages.reason,
    })
    .from(inboundMessages)
    .where(eq(inboundMessages.mailboxId, mailboxId));
const keys = async (mailboxId: string) => (await stored(mailboxId)).map((r) => r.key).sort();
const mailboxRow = async (id: string) => (await h.deps.db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!;
const log = pino({ level: 'silent' });

describe.skipIf(!hasDovecot)('IMAP import against a real Dovecot', () => {
  it('imports by UID checkpoint, read or unread, exactly once, and never marks anything', async () => {
    const id = await makeMailbox('Checkpoint');
    await deliver('Checkpoint', 'cp-1', 'cp-2');
    // A colleague reads the first message in their mail client before Loket gets to it.
    await other(async (imap) => {
      await imap.mailboxOpen('Checkpoint');
      await imap.messageFlagsAdd('1', ['\\Seen']);
    });
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ outcome: 'synced', imported: 2 });
    await deliver('Checkpoint', 'cp-3', 'cp-4');
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({
      outcome: 'synced',
      imported: 2,
      duplicates: 0,
    });
    expect(await keys(id)).toEqual(['cp-1', 'cp-2', 'cp-3', 'cp-4'].map((k) => `${k}@customer.example`));
    expect((await stored(id)).map((r) => r.uid).sort()).toEqual([1, 2, 3, 4]);
    const row = await mailboxRow(id);
    expect(row).toMatchObject({ imapLastUid: 4, imapLastError: null });
    expect(row.imapUidValidity).toBeGreaterThan(0);

    // Again: nothing new, nothing imported twice.
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ imported: 0, duplicates: 0 });
    // Nothing was marked read or moved.
    const flags = await other(async (imap) => {
      await imap.mailboxOpen('Checkpoint');
      return (await imap.fetchAll('1:*', { uid: true, flags: true })).map((m) => [
        m.uid,
        [...(m.flags ?? [])].filter((f) => f !== '\\Recent'),
      ]);
    });
    expect(flags).toEqual([
      [1, ['\\Seen']],
      [2, []],
      [3, []],
      [4, []],
    ]);
  });

  it('catches up after downtime: the failure is recorded, and mail that came meanwhile is imported', async () => {
    const id = await makeMailbox('Downtime');
    await deliver('Downtime', 'down-1');
    await syncImapMailbox(h.deps, { mailboxId: id }, log);
    await dovecot.stop();
    try {
      const failed = await syncImapMailbox(h.deps, { mailboxId: id }, log);
      expect(failed.outcome).toBe('failed');
      expect((await mailboxRow(id)).imapLastError).toBeTruthy();
    } finally {
      await dovecot.start();
    }
    await deliver('Downtime', 'down-2', 'down-3');
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ outcome: 'synced', imported: 2 });
    expect(await keys(id)).toEqual(['down-1', 'down-2', 'down-3'].map((k) => `${k}@customer.example`));
    expect((await mailboxRow(id)).imapLastError).toBeNull();
  });

  it('starts over when UIDVALIDITY changes, without importing anything twice', async () => {
    const id = await makeMailbox('Recreated');
    await deliver('Recreated', 're-1', 're-2');
    await syncImapMailbox(h.deps, { mailboxId: id }, log);
    const before = (await mailboxRow(id)).imapUidValidity;
    // The folder is deleted and recreated (a migration, a restore): new UIDVALIDITY, UIDs from 1 again.
    await new Promise((r) => setTimeout(r, 1100)); // Dovecot derives UIDVALIDITY from the clock's second
    await other(async (imap) => {
      await imap.mailboxDelete('Recreated');
      await imap.mailboxCreate('Recreated');
    });
    await deliver('Recreated', 're-1', 're-2', 're-3');
    const result = await syncImapMailbox(h.deps, { mailboxId: id }, log);
    expect(result).toMatchObject({ outcome: 'synced', restarted: true, imported: 1, duplicates: 2 });
    const after = await mailboxRow(id);
    expect(after.imapUidValidity).not.toBe(before);
    expect(after.imapLastUid).toBe(3);
    expect(await keys(id)).toEqual(['re-1', 're-2', 're-3'].map((k) => `${k}@customer.example`));
  });

  it('records a wrong password on the mailbox and ends the job without throwing', async () => {
    const id = await makeMailbox('INBOX', 'wrong-password');
    const result = await syncImapMailbox(h.deps, { mailboxId: id }, log);
    expect(result.outcome).toBe('failed');
    const row = await mailboxRow(id);
    expect(row.imapLastError).toMatch(/auth|fail/i);
    expect(row.imapCheckedAt).not.toBeNull();
    expect(row.imapLastUid).toBe(0);
  });

  it('still reads a password stored before passwords were sealed, and a start seals it', async () => {
    const id = await makeMailbox('Legacy', dovecot.password, dovecot.password);
    await deliver('Legacy', 'legacy-1');
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ outcome: 'synced', imported: 1 });
    expect(await sealStoredSecrets(h.deps)).toBe(1);
    const row = await mailboxRow(id);
    expect(row.imapPassword).toMatch(/^enc:v1:/);
    expect(row.imapPassword).not.toContain(dovecot.password);
    await deliver('Legacy', 'legacy-2');
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ outcome: 'synced', imported: 1 });
  });

  it('records a password sealed under another key as a reason to enter it again', async () => {
    const otherKey = secretBox(randomBytes(32)).seal('mailbox.imap_password', dovecot.password);
    const id = await makeMailbox('INBOX', dovecot.password, otherKey);
    // Not watched, but the every-minute catch-up still asks for its sync, which records why nothing is imported.
    await requestAllImapSyncs(h.deps);
    const queued = await queryRows<{ n: number }>(
      h.deps.db,
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail.imap-sync' AND data->>'mailboxId' = ${id}`,
    );
    expect(queued[0]!.n).toBe(1);
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ outcome: 'failed' });
    expect((await mailboxRow(id)).imapLastError).toMatch(/SECRET_KEY.*enter it again/);
  });

  it('quarantines a message over the size limit without its body and moves past it', async () => {
    const id = await makeMailbox('Large');
    await other(async (imap) => {
      await imap.append('Large', message('big', 'x'.repeat(MAX_BYTES * 2)));
      await imap.append('Large', message('small'));
    });
    expect(await syncImapMailbox(h.deps, { mailboxId: id }, log)).toMatchObject({ imported: 1, tooLarge: 1 });
    const rows = await stored(id);
    expect(rows).toContainEqual(expect.objectContaining({ uid: 1, status: 'quarantined', reason: 'too large' }));
    expect(rows).toContainEqual(expect.objectContaining({ key: 'small@customer.example', status: 'received' }));
    expect((await mailboxRow(id)).imapLastUid).toBe(2);
  });

  it('watches the folder with IDLE and asks for a sync when new mail arrives', async () => {
    const id = await makeMailbox('Watched');
    const drain = async () => {
      const jobs = await h.boss.fetch<{ mailboxId: string }>('mail.imap-sync', { batchSize: 100 });
      for (const job of jobs) await h.boss.complete('mail.imap-sync', job.id);
      return jobs.map((j) => j.data.mailboxId);
    };
    const waitForSync = async () => {
      for (let i = 0; i < 100; i++) {
        if ((await drain()).includes(id)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    await drain();
    const watchers = startImapWatchers(h.deps, log, { minDelayMs: 200 });
    try {
      // On connecting it asks once (mail may have come while nobody watched)…
      expect(await waitForSync()).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      await drain();
      // …and again when the server reports new mail.
      await deliver('Watched', 'watched-1');
      expect(await waitForSync()).toBe(true);
    } finally {
      await watchers.stop();
    }
  });
});
