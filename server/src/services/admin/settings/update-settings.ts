import { type Settings, UpdateSettingsInput } from '@loket/contract';
import { inArray, sql } from 'drizzle-orm';
import { settings } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadSettings } from '../../shared/reference-lookup.ts';

/**
 * Changes the settings named; the others keep their value. A new ticket prefix applies to tickets opened from
 * now on: existing references never change, because they are quoted in mail subjects and by customers.
 */
export async function updateSettings({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Settings> {
  requirePermission(ctx, 'settings:write');
  const data = parseInput(UpdateSettingsInput, input);
  const rows = Object.entries(data)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => ({ key, value }));
  // null unsets a setting: it takes its default again (raw mail retention: none, kept for ever).
  const unset = Object.entries(data)
    .filter(([, value]) => value === null)
    .map(([key]) => key);
  return ctx.db.transaction(async (tx) => {
    if (unset.length > 0) await tx.delete(settings).where(inArray(settings.key, unset));
    if (rows.length > 0) {
      await tx
        .insert(settings)
        .values(rows)
        .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
    }
    return loadSettings(tx);
  });
}
