import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { attachments, inboundMessages } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { loadSettings } from '../shared/reference-lookup.ts';

const DAY = 86_400_000;
/** Messages looked at per round, and rounds per run: the hourly purge works through a backlog a slice at a time. */
const BATCH = 500;
const MAX_ROUNDS = 20;

/**
 * The desk's raw mail retention (settings `rawMailRetentionDays`; unset keeps raw mail for ever): the raw bytes of
 * messages received longer ago than that, and filed, ignored or discarded, are deleted — the row says when
 * (`raw_purged_at`), and what was filed (ticket, articles, attachments, the sanitized HTML) stays. Quarantined and
 * unprocessed messages keep theirs. A row is marked only once its bytes are gone, or are still needed by another
 * message that keeps its raw bytes or by an attachment (then the file stays for them). A file written in the last
 * hour (the same bytes arriving again) is left, and its messages are tried again at the next run, as are any whose
 * file could not be removed.
 */
export async function purgeRawMail(deps: ServiceDeps): Promise<{ messages: number; files: number }> {
  const { rawMailRetentionDays } = await loadSettings(deps.db);
  if (rawMailRetentionDays === null) return { messages: 0, files: 0 };
  const now = deps.clock.now();
  const before = new Date(now.getTime() - rawMailRetentionDays * DAY);
  const writtenSince = new Date(now.getTime() - 3_600_000);
  let messages = 0;
  let files = 0;
  let after = '';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Per file: the messages past the retention that keep it, and whether anything else still needs it.
    const due = await queryRows<{ sha256: string; ids: string[]; needed: boolean }>(
      deps.db,
      sql`WITH due AS (
          SELECT id, sha256 FROM ${inboundMessages}
          WHERE raw_purged_at IS NULL AND received_at < ${before.toISOString()}::timestamptz
            AND status IN ('processed', 'ignored', 'discarded') AND sha256 > ${after}
          ORDER BY sha256 LIMIT ${BATCH}),
        files AS (SELECT sha256, array_agg(id) AS ids FROM due GROUP BY sha256)
        SELECT f.sha256, f.ids::text[] AS ids,
          EXISTS (SELECT 1 FROM ${inboundMessages} m
            WHERE m.sha256 = f.sha256 AND m.raw_purged_at IS NULL AND NOT (m.id = ANY (f.ids)))
          OR EXISTS (SELECT 1 FROM ${attachments} a WHERE a.sha256 = f.sha256) AS needed
        FROM files f ORDER BY f.sha256`,
    );
    const done: string[] = [];
    for (const file of due) {
      if (file.needed || !(await deps.blobs.exists(file.sha256))) {
        done.push(...file.ids);
      } else if (await deps.blobs.removeIfUnchangedSince(file.sha256, writtenSince).catch(() => false)) {
        files++;
        done.push(...file.ids);
      }
    }
    if (done.length > 0) {
      const marked = await queryRows<{ id: string }>(
        deps.db,
        sql`UPDATE ${inboundMessages} SET raw_purged_at = ${now.toISOString()}::timestamptz
            WHERE id = ANY(${`{${done.join(',')}}`}::uuid[]) AND raw_purged_at IS NULL RETURNING id`,
      );
      messages += marked.length;
    }
    if (due.length === 0 || due.reduce((n, f) => n + f.ids.length, 0) < BATCH) break;
    after = due.at(-1)!.sha256;
  }
  return { messages, files };
}
