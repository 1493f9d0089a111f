import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { secretBox } from '../../adapters/secret-box.ts';
import { mailboxes, statusSubscriptions } from '../../db/schema.ts';
import { rotateStoredSecrets, sealStoredSecrets } from './stored-secrets.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

let counter = 0;
/** An IMAP mailbox whose password column holds `stored` as it is. */
async function mailboxHolding(stored: string) {
  counter++;
  const [row] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: `Rotated ${counter}`,
      address: `rotated${counter}@provider.example`,
      inbound: 'imap',
      imapHost: 'imap.example',
      imapUser: 'desk',
      imapPassword: stored,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  return row!.id;
}
async function webhookHolding(stored: string) {
  const [row] = await h.deps.db
    .insert(statusSubscriptions)
    .values({
      kind: 'webhook',
      url: 'https://hooks.example/loket',
      secret: stored,
      unsubscribeTokenHash: randomBytes(16).toString('hex'),
      confirmedAt: h.clock.now(),
      createdAt: h.clock.now(),
    })
    .returning();
  return row!.id;
}
const password = async (id: string) =>
  (await h.deps.db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!.imapPassword!;
const webhookKey = async (id: string) =>
  (await h.deps.db.select().from(statusSubscriptions).where(eq(statusSubscriptions.id, id)))[0]!.secret!;

describe('rotating the secret key', () => {
  it('seals what opens with the old key under the new one, leaves the rest, and says what it did', async () => {
    const old = secretBox(randomBytes(32));
    const stranger = secretBox(randomBytes(32));
    const underOld = await mailboxHolding(old.seal('mailbox.imap_password', 'old-password'));
    const hookUnderOld = await webhookHolding(old.seal('status_subscription.secret', 'whsec_old'));
    const underNew = await mailboxHolding(h.deps.secrets.seal('mailbox.imap_password', 'new-password'));
    const plain = await mailboxHolding('plain-password');
    const lost = await mailboxHolding(stranger.seal('mailbox.imap_password', 'lost-password'));
    const lostBefore = await password(lost);

    expect(await rotateStoredSecrets(h.deps, old)).toEqual({ resealed: 3, current: 1, unreadable: 1 });
    expect(h.deps.secrets.open('mailbox.imap_password', await password(underOld))).toBe('old-password');
    expect(h.deps.secrets.open('status_subscription.secret', await webhookKey(hookUnderOld))).toBe('whsec_old');
    expect(h.deps.secrets.open('mailbox.imap_password', await password(underNew))).toBe('new-password');
    expect(await password(plain)).toMatch(/^enc:v1:/);
    expect(h.deps.secrets.open('mailbox.imap_password', await password(plain))).toBe('plain-password');
    expect(await password(lost)).toBe(lostBefore);

    // A second run finds everything under the new key but the lost one.
    expect(await rotateStoredSecrets(h.deps, old)).toEqual({ resealed: 0, current: 4, unreadable: 1 });
  });

  it('seals plain values at start once, and leaves sealed ones alone', async () => {
    const plain = await webhookHolding('whsec_plain');
    const sealed = await webhookHolding(h.deps.secrets.seal('status_subscription.secret', 'whsec_sealed'));
    const sealedBefore = await webhookKey(sealed);
    expect(await sealStoredSecrets(h.deps)).toBe(1);
    expect(await sealStoredSecrets(h.deps)).toBe(0);
    expect(h.deps.secrets.open('status_subscription.secret', await webhookKey(plain))).toBe('whsec_plain');
    expect(await webhookKey(sealed)).toBe(sealedBefore);
  });
});
