import type { Settings } from '@loket/contract';
import { forbidden } from '../../../domain/app-error.ts';
import { isAgent, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadSettings } from '../../shared/reference-lookup.ts';

/** The desk-wide settings, for agents (customers have no use for them). */
export async function getSettings({ ctx }: { ctx: ServiceContext }): Promise<Settings> {
  const actor = requirePermission(ctx, 'reference:read');
  if (!isAgent(actor)) throw forbidden();
  return loadSettings(ctx.db);
}
