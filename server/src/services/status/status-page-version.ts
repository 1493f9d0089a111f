import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { statusPageSettings } from '../../db/schema.ts';

/**
 * Marks the status page changed, in the changing transaction: the public page's cache is keyed on this counter, so
 * a change is visible on the next request after it commits, in every process.
 */
export async function bumpStatusPage(tx: Executor, at: Date): Promise<void> {
  markStatusPageChanged();
  await tx.execute(
    sql`INSERT INTO ${statusPageSettings} (id, version, updated_at) VALUES (1, 1, ${at.toISOString()}::timestamptz)
      ON CONFLICT (id) DO UPDATE SET version = ${statusPageSettings.version} + 1, updated_at = EXCLUDED.updated_at`,
  );
}

/** The change counter: one indexed single-row read. 0 before anything was ever changed. */
export async function statusPageVersion(tx: Executor): Promise<number> {
  const [row] = await queryRows<{ version: string | number }>(
    tx,
    sql`SELECT version FROM ${statusPageSettings} WHERE id = 1`,
  );
  return row ? Number(row.version) : 0;
}

let changedLocally = false;
/** This process changed the page: its cache looks at the counter on the next request instead of after a second. */
export function markStatusPageChanged(): void {
  changedLocally = true;
}
/** Reads and clears the local change mark. */
export function takeLocalChange(): boolean {
  const was = changedLocally;
  changedLocally = false;
  return was;
}
