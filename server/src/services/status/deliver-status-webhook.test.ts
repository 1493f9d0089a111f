import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { secretBox } from '../../adapters/secret-box.ts';
import { statusSubscriptions, statusWebhookDeliveries } from '../../db/schema.ts';
import { sealStoredSecrets } from '../system/stored-secrets.ts';
import { deliverStatusWebhook } from './deliver-status-webhook.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A webhook subscription whose `secret` column holds `stored`, and one pending delivery to it. */
async function pendingDelivery(stored: string) {
  const now = h.clock.now();
  const [subscription] = await h.deps.db
    .insert(statusSubscriptions)
    .values({
      kind: 'webhook',
      // Nothing listens here, and no administrator allowed the host: a delivery that got as far as sending is refused.
      url: 'http://127.0.0.1:9/hook',
      secret: stored,
      unsubscribeTokenHash: randomBytes(16).toString('hex'),
      confirmedAt: now,
      createdAt: now,
    })
    .returning();
  const [delivery] = await h.deps.db
    .insert(statusWebhookDeliveries)
    .values({
      subscriptionId: subscription!.id,
      dedupeKey: randomBytes(8).toString('hex'),
      payload: { test: true },
      status: 'pending',
      createdAt: now,
    })
    .returning();
  return { subscriptionId: subscription!.id, deliveryId: delivery!.id };
}

const deliveryRow = async (id: string) =>
  (await h.deps.db.select().from(statusWebhookDeliveries).where(eq(statusWebhookDeliveries.id, id)))[0]!;

describe('a webhook delivery and its sealed signing key', () => {
  it('refuses for good, with the reason, a key sealed under another SECRET_KEY', async () => {
    const { deliveryId } = await pendingDelivery(
      secretBox(randomBytes(32)).seal('status_subscription.secret', 'whsec_x'),
    );
    expect(await deliverStatusWebhook(h.deps, { deliveryId })).toBe('refused');
    expect(await deliveryRow(deliveryId)).toMatchObject({ status: 'refused', attempts: 1 });
    expect((await deliveryRow(deliveryId)).lastError).toMatch(/SECRET_KEY/);
  });

  it('seals a key stored before keys were sealed, once, and opens it as before', async () => {
    const { subscriptionId, deliveryId } = await pendingDelivery('whsec_plain_old_key');
    expect(await sealStoredSecrets(h.deps)).toBe(1);
    expect(await sealStoredSecrets(h.deps)).toBe(0);
    const [row] = await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.id, subscriptionId));
    expect(row!.secret).toMatch(/^enc:v1:/);
    expect(h.deps.secrets.open('status_subscription.secret', row!.secret!)).toBe('whsec_plain_old_key');
    // The key opened, so the delivery went on to the target check (127.0.0.1 is not allowed): refused for that.
    expect(await deliverStatusWebhook(h.deps, { deliveryId })).toBe('refused');
    expect((await deliveryRow(deliveryId)).lastError).not.toMatch(/SECRET_KEY/);
  });
});
