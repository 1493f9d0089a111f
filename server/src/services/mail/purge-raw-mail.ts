import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { attachments, inboundMessages } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { loadSettings } from '../shared/reference-lookup.ts';

const DAY = 86_400_000;
/** Rows marked per statement, and statements per run: the hourly purge works through a backlog a slice at a time. */
const BATCH = 500;
const MAX_BATCHES = 20;

/**
 * The desk's raw mail retention (settings `rawMailRetentionDays`; unset keeps raw mail for ever): the raw bytes of
 * messages received longer ago than that, and filed, ignored or discarded, are deleted — the row says when
 * (`raw_purged_at`), and what was filed (ticket, articles, attachments, the sanitized HTML) stays. Quarantined and
 * unprocessed messages keep theirs. A file goes only when no other message still keeping its raw bytes, and no
 * attachment, has the same content, and nobody wrote it in the last hour (the same bytes arriving again).
 */
export async function purgeRawMail(deps: ServiceDeps): Promise<{ messages: number; files: number }> {
  const { rawMailRetentionDays } = await loadSettings(deps.db);
  if (rawMailRetentionDays === null) return { messages: 0, files: 0 };
  const now = deps.clock.now();
  const before = new Date(now.getTime() - rawMailRetentionDays * DAY);
  let messages = 0;
  let files = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const marked = await queryRows<{ sha256: string }>(
      deps.db,
      sql`UPDATE ${inboundMessages} SET raw_purged_at = ${now.toISOString()}::timestamptz
          WHERE id IN (SELECT id FROM ${inboundMessages}
            WHERE raw_purged_at IS NULL AND received_at < ${before.toISOString()}::timestamptz
              AND status IN ('processed', 'ignored', 'discarded')
            ORDER BY received_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING sha256`,
    );
    messages += marked.length;
    for (const sha256 of new Set(marked.map((m) => m.sha256))) {
      const [kept] = await queryRows<{ kept: boolean }>(
        deps.db,
        sql`SELECT EXISTS (SELECT 1 FROM ${inboundMessages} WHERE sha256 = ${sha256} AND raw_purged_at IS NULL)
            OR EXISTS (SELECT 1 FROM ${attachments} WHERE sha256 = ${sha256}) AS kept`,
      );
      if (!kept?.kept && (await deps.blobs.removeIfUnchangedSince(sha256, new Date(now.getTime() - 3_600_000)))) {
        files++;
      }
    }
    if (marked.length < BATCH) break;
  }
  return { messages, files };
}
