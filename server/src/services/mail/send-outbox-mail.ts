import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { OutgoingMail } from '../../adapters/mail-transport.ts';
import { outbox } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { RETRIES } from '../queue-catalog.ts';
import { inUuids } from '../shared/ids.ts';

export type SendOutcome = 'sent' | 'already_sent' | 'not_pending' | 'missing' | 'failed';

/** Every attempt the queue makes: the first and its retries. The last failure gives the mail up as `failed`. */
const ATTEMPTS = RETRIES['mail.send'].limit + 1;

/** Mails of one job handed to the transport at once; its pool queues them for its few connections anyway. */
const IN_FLIGHT = 8;

type OutboxRow = typeof outbox.$inferSelect;

/** An outbox row as it goes on the wire. Its values were made header-safe when the row was written (queueMail). */
function outgoingMailOf(row: OutboxRow): OutgoingMail {
  return {
    from: row.fromAddress,
    to: row.toAddress,
    cc: row.ccAddresses,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody ?? undefined,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo ?? undefined,
    references: row.references,
    headers: {
      'X-Loket-Outbox': row.id,
      ...(row.automatic ? { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } : {}),
      // RFC 8058: the provider POSTs `List-Unsubscribe=One-Click` to the URL; validated when queued.
      ...(row.listUnsubscribeUrl
        ? {
            'List-Unsubscribe': `<${row.listUnsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : {}),
    },
  };
}

/**
 * Sends one outbox row through SMTP_URL and marks it sent. On failure it counts the attempt, keeps the error and
 * throws, so the queue retries it later (retry limit and backoff: createQueues in jobs/workers.ts); a row already
 * sent is never sent again. When the last attempt fails too, the row is marked `failed` (admins see it with its
 * error) and the job ends. The one window left: the SMTP server accepted the mail and the process died before
 * the row was marked — then the retry sends it a second time, with the same Message-ID and X-Loket-Outbox header,
 * so the duplicate is recognisable (and dropped by servers that deduplicate by Message-ID). At most twice, never lost.
 */
export async function sendOutboxMail(
  deps: ServiceDeps,
  input: { outboxId: string },
  log?: Logger,
): Promise<SendOutcome> {
  const [outcome] = await sendOutboxMails(deps, { outboxIds: [input.outboxId] }, log);
  return outcome!;
}

/**
 * Sends several outbox rows written by one change (the agent mails of one event), each as `sendOutboxMail` describes,
 * in two statements for the lot: one read of the rows, the mails sent concurrently, one update marking the sent ones.
 * A failure does not stop the others and costs one update of its own row; the first retryable one is thrown at the
 * end, so the queue retries the job and the rows already sent are skipped then. Marking all at once widens the window
 * `sendOutboxMail` describes to the mails of one job: a crash before the update sends them again, at most once more.
 * Returns one outcome per id, in the order given.
 */
export async function sendOutboxMails(
  deps: ServiceDeps,
  input: { outboxIds: string[] },
  log?: Logger,
): Promise<SendOutcome[]> {
  if (input.outboxIds.length === 0) return [];
  const ids = [...new Set(input.outboxIds)];
  const rows = new Map(
    (await deps.db.select().from(outbox).where(inUuids(outbox.id, ids))).map((row) => [row.id, row] as const),
  );
  const outcomes = new Map<string, SendOutcome>();
  const pending: OutboxRow[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) outcomes.set(id, 'missing');
    else if (row.status === 'sent') outcomes.set(id, 'already_sent');
    // `kept` (no SMTP when it was written) and `failed` (given up) are left for an admin.
    else if (row.status !== 'pending') outcomes.set(id, 'not_pending');
    else pending.push(row);
  }

  const errors = new Map<string, unknown>();
  let next = 0;
  const sendNext = async (): Promise<void> => {
    while (next < pending.length) {
      const row = pending[next++]!;
      try {
        await deps.mailer.send(outgoingMailOf(row));
      } catch (error) {
        errors.set(row.id, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, pending.length) }, sendNext));

  // The sent rows first: the sooner they are marked, the smaller the window in which a crash would send them again.
  const sent = pending.filter((row) => !errors.has(row.id)).map((row) => row.id);
  if (sent.length > 0) {
    await deps.db
      .update(outbox)
      .set({ status: 'sent', sentAt: deps.clock.now(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
      .where(and(inUuids(outbox.id, sent), eq(outbox.status, 'pending')));
    for (const id of sent) outcomes.set(id, 'sent');
  }

  let retry: { error: unknown } | undefined;
  for (const row of pending) {
    if (!errors.has(row.id)) continue;
    const error = errors.get(row.id);
    const message = error instanceof Error ? error.message : String(error);
    const last = row.attempts + 1 >= ATTEMPTS;
    await deps.db
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: message.slice(0, 1000),
        ...(last ? { status: 'failed' as const } : {}),
      })
      .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
    if (last) {
      log?.error({ outboxId: row.id, err: error }, 'sending mail failed for the last time; given up');
      outcomes.set(row.id, 'failed');
    } else {
      log?.warn({ outboxId: row.id, err: error }, 'sending mail failed; the queue retries it');
      retry ??= { error };
    }
  }
  if (retry) throw retry.error;
  return input.outboxIds.map((id) => outcomes.get(id)!);
}
