import { eq, sql } from 'drizzle-orm';
import { postWebhook, signWebhook } from '../../adapters/webhook-client.ts';
import { statusSubscriptions, statusWebhookDeliveries } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { loadStatusPageSettings } from './get-status-page-settings.ts';

/**
 * Sends one stored webhook delivery, signed (X-Loket-Timestamp, X-Loket-Signature), through the guarded client that
 * refuses internal targets unless an administrator allowed the host. Delivered or refused rows are final and never
 * sent again; a failure throws so the queue retries it with back-off.
 */
export async function deliverStatusWebhook(deps: ServiceDeps, input: { deliveryId: string }): Promise<string> {
  const [row] = await deps.db
    .select({ d: statusWebhookDeliveries, url: statusSubscriptions.url, secret: statusSubscriptions.secret })
    .from(statusWebhookDeliveries)
    .innerJoin(statusSubscriptions, eq(statusSubscriptions.id, statusWebhookDeliveries.subscriptionId))
    .where(eq(statusWebhookDeliveries.id, input.deliveryId));
  if (!row || row.d.status === 'delivered' || row.d.status === 'refused') return row?.d.status ?? 'gone';
  const key = deps.secrets.tryOpen('status_subscription.secret', row.secret ?? '');
  if (!key.ok) {
    // Unsigned or wrongly signed it would be worthless to the receiver, and trying again cannot help: final.
    await deps.db
      .update(statusWebhookDeliveries)
      .set({ status: 'refused', attempts: sql`${statusWebhookDeliveries.attempts} + 1`, lastError: key.reason })
      .where(eq(statusWebhookDeliveries.id, row.d.id));
    return 'refused';
  }
  const settings = await loadStatusPageSettings(deps.db);
  const body = JSON.stringify(row.d.payload);
  const headers = {
    ...signWebhook(key.plain, body, deps.clock.now()),
    'user-agent': 'Loket-Status-Webhook',
    'x-loket-delivery': row.d.id,
  };
  const result = await postWebhook(row.url ?? '', body, headers, { allowedHosts: settings.webhookAllowedHosts });
  const status = result.outcome === 'delivered' ? 'delivered' : result.outcome === 'refused' ? 'refused' : 'failed';
  await deps.db
    .update(statusWebhookDeliveries)
    .set({
      status,
      attempts: sql`${statusWebhookDeliveries.attempts} + 1`,
      lastError: result.outcome === 'delivered' ? null : result.error,
      ...(status === 'delivered' ? { deliveredAt: deps.clock.now() } : {}),
    })
    .where(eq(statusWebhookDeliveries.id, row.d.id));
  if (result.outcome === 'failed') throw new Error(`webhook delivery failed: ${result.error}`);
  return status;
}
