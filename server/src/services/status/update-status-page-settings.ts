import { type StatusPageSettings, UpdateStatusPageSettingsInput } from '@loket/contract';
import { sql } from 'drizzle-orm';
import { statusPageSettings } from '../../db/schema.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadStatusPageSettings } from './get-status-page-settings.ts';
import { bumpStatusPage } from './status-page-version.ts';

/**
 * The page's name and the webhook allow-list: hosts an administrator trusts although they resolve to internal
 * addresses (e.g. an on-premises chat server). Everything else internal is refused.
 */
export async function updateStatusPageSettings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<StatusPageSettings> {
  requirePermission(ctx, 'status:settings');
  const data = parseInput(UpdateStatusPageSettingsInput, input);
  return ctx.db.transaction(async (tx) => {
    await bumpStatusPage(tx, ctx.clock.now());
    const set = {
      ...(data.name !== undefined ? { name: data.name } : {}),
      ...(data.webhookAllowedHosts !== undefined
        ? { webhookAllowedHosts: sql`${`{${[...new Set(data.webhookAllowedHosts)].join(',')}}`}::text[]` }
        : {}),
    };
    if (Object.keys(set).length > 0)
      await tx
        .update(statusPageSettings)
        .set(set)
        .where(sql`id = 1`);
    return loadStatusPageSettings(tx);
  });
}
