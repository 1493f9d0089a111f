import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  attachments,
  idempotencyKeys,
  inboundMessages,
  loginFailures,
  loginLinks,
  sessions,
  statusSubscribeAttempts,
} from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { purgeRawMail } from '../mail/purge-raw-mail.ts';

const DAY = 86_400_000;

/**
 * Housekeeping: what has expired or was never used goes, and so do attachment files nothing refers to anymore, and
 * raw mail past the desk's retention (purgeRawMail).
 */
export async function purgeExpired(deps: ServiceDeps): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const dayAgo = new Date(now.getTime() - DAY);
  const removedSessions = await deps.db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo))))
    .returning({ id: sessions.tokenHash });
  const removedFailures = await deps.db
    .delete(loginFailures)
    .where(lt(loginFailures.failedAt, dayAgo))
    .returning({ id: loginFailures.id });
  const removedSubscribeAttempts = await deps.db
    .delete(statusSubscribeAttempts)
    .where(lt(statusSubscribeAttempts.attemptedAt, dayAgo))
    .returning({ id: statusSubscribeAttempts.id });
  const removedLinks = await deps.db
    .delete(loginLinks)
    .where(lt(loginLinks.expiresAt, now))
    .returning({ id: loginLinks.tokenHash });
  const removedKeys = await deps.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, dayAgo))
    .returning({ key: idempotencyKeys.key });
  const unused = await deps.db
    .delete(attachments)
    .where(and(isNull(attachments.articleId), lt(attachments.createdAt, dayAgo)))
    .returning({ sha256: attachments.sha256 });
  let removedFiles = 0;
  for (const sha256 of new Set(unused.map((u) => u.sha256))) {
    // Still used: by another attachment, or as the raw bytes of a received message that keeps them.
    const [stillUsed] = await deps.db
      .select({ n: sql<number>`1` })
      .from(attachments)
      .where(eq(attachments.sha256, sha256))
      .union(
        deps.db
          .select({ n: sql<number>`1` })
          .from(inboundMessages)
          .where(and(eq(inboundMessages.sha256, sha256), isNull(inboundMessages.rawPurgedAt))),
      )
      .limit(1);
    // Only files nobody wrote in the last hour: a fresh upload of the same bytes may not have its row yet.
    if (!stillUsed && (await deps.blobs.removeIfUnchangedSince(sha256, new Date(now.getTime() - 3_600_000)))) {
      removedFiles++;
    }
  }
  const rawMail = await purgeRawMail(deps);
  return {
    sessions: removedSessions.length,
    loginFailures: removedFailures.length,
    loginLinks: removedLinks.length,
    statusSubscribeAttempts: removedSubscribeAttempts.length,
    idempotencyKeys: removedKeys.length,
    attachments: unused.length,
    files: removedFiles + rawMail.files,
    rawMessages: rawMail.messages,
  };
}
