import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { outbox } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { RETRIES } from '../queue-catalog.ts';

export type SendOutcome = 'sent' | 'already_sent' | 'not_pending' | 'missing' | 'failed';

/** Every attempt the queue makes: the first and its retries. The last failure gives the mail up as `failed`. */
const ATTEMPTS = RETRIES['mail.send'].limit + 1;

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
  const [row] = await deps.db.select().from(outbox).where(eq(outbox.id, input.outboxId));
  if (!row) return 'missing';
  if (row.status === 'sent') return 'already_sent';
  // `kept` (no SMTP when it was written) and `failed` (given up) are left for an admin.
  if (row.status !== 'pending') return 'not_pending';
  try {
    await deps.mailer.send({
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
    });
  } catch (error) {
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
      return 'failed';
    }
    log?.warn({ outboxId: row.id, err: error }, 'sending mail failed; the queue retries it');
    throw error;
  }
  await deps.db
    .update(outbox)
    .set({ status: 'sent', sentAt: deps.clock.now(), attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending')));
  return 'sent';
}

/**
 * Sends several outbox rows written by one change (the agent mails of one event): each as `sendOutboxMail` does. A
 * failure does not stop the others; the first one is thrown at the end, so the queue retries the job and the rows
 * already sent are skipped then.
 */
export async function sendOutboxMails(
  deps: ServiceDeps,
  input: { outboxIds: string[] },
  log?: Logger,
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  let failure: unknown;
  for (const outboxId of input.outboxIds) {
    try {
      outcomes.push(await sendOutboxMail(deps, { outboxId }, log));
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return outcomes;
}
