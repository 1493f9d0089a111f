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

/**
 * How long after this process marked a change every request checks the counter. The mark is set inside the changing
 * transaction, before it commits: a request in between reads the old counter, so one taken-and-cleared mark could be
 * spent before the change is visible. Any transaction commits well within this window.
 */
const LOCAL_CHANGE_WINDOW_MS = 5000;
let changedUntil = 0;
/** This process is changing the page: its cache checks the counter on every request for a few seconds. */
export function markStatusPageChanged(): void {
  changedUntil = Date.now() + LOCAL_CHANGE_WINDOW_MS;
}
/** Whether this process marked a change within the window: its cached pages must check the counter now. */
export function changedLocallyRecently(nowMs: number): boolean {
  return nowMs < changedUntil;
}
