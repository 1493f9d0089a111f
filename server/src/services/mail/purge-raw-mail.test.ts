import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles, attachments, inboundMessages } from '../../db/schema.ts';
import { makeGroup, makeOrganisation, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { makeMailbox, message, storeInbound } from '../../../test/mail/store-inbound.ts';
import { updateSettings } from '../admin/settings/update-settings.ts';
import { purgeExpired } from '../system/purge-expired.ts';
import { processInboundMessage } from './process-inbound-message.ts';
import { purgeRawMail } from './purge-raw-mail.ts';
import { openInboundRaw } from './quarantine/open-inbound-raw.ts';
import { reprocessInboundMessage } from './quarantine/reprocess-inbound-message.ts';

const DAY = 86_400_000;
let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
let mailbox: Awaited<ReturnType<typeof makeMailbox>>;
let domain: string;

beforeAll(async () => {
  h = await createHarness();
  // Files carry real modification times: the clock starts at the real now, so "written more than an hour ago" holds
  // once the test moves it on.
  h.clock.set(new Date());
  w = await makeWorld(h);
  mailbox = await makeMailbox(h, { groupId: (await makeGroup(h, [w.agent.id])).id });
  domain = `c-${randomUUID().slice(0, 8)}.example`;
  await makeOrganisation(h, { domains: [domain] });
});
afterAll(() => h.close());

const admin = () => h.as(w.admin);
const setRetention = (days: number | null) => updateSettings({ ctx: admin(), input: { rawMailRetentionDays: days } });
const rawOf = (subject: string) =>
  message({
    From: `ann@${domain}`,
    To: mailbox.address,
    'Message-ID': `<${randomUUID()}@${domain}>`,
    Subject: subject,
  });
const rowOf = async (id: string) =>
  (await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, id)))[0]!;

/** A message stored and filed now (as the clock says). */
async function filed(subject: string) {
  const row = await storeInbound(h, mailbox.id, rawOf(subject));
  const outcome = await processInboundMessage(h.deps, { inboundId: row.id });
  expect(outcome).toMatchObject({ outcome: 'processed' });
  return { row: await rowOf(row.id), ticketId: (outcome as { ticketId: string }).ticketId };
}

describe('raw mail retention', () => {
  it('is off until an admin sets it, and can be set back to keeping raw mail for ever', async () => {
    expect((await setRetention(null)).rawMailRetentionDays).toBeNull();
    const old = await filed('Kept for ever');
    h.clock.advance(5000 * DAY);
    expect(await purgeRawMail(h.deps)).toEqual({ messages: 0, files: 0 });
    expect((await rowOf(old.row.id)).rawPurgedAt).toBeNull();
    expect(await h.deps.blobs.exists(old.row.sha256)).toBe(true);
    expect((await setRetention(30)).rawMailRetentionDays).toBe(30);
    await expect(updateSettings({ ctx: admin(), input: { rawMailRetentionDays: 0 } })).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(updateSettings({ ctx: h.as(w.agent), input: { rawMailRetentionDays: 10 } })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('deletes the raw bytes of filed and ignored mail past the retention; tickets, articles and the rest stay', async () => {
    await setRetention(30);
    const old = await filed('Printer jammed');
    const quarantined = await storeInbound(h, mailbox.id, rawOf('Cannot be read'));
    await h.deps.db
      .update(inboundMessages)
      .set({ status: 'quarantined', reason: 'test' })
      .where(eq(inboundMessages.id, quarantined.id));
    const ignored = await storeInbound(h, mailbox.id, rawOf('Out of office'));
    await h.deps.db
      .update(inboundMessages)
      .set({ status: 'ignored', reason: 'auto-reply' })
      .where(eq(inboundMessages.id, ignored.id));
    h.clock.advance(29 * DAY);
    const recent = await filed('Second printer');
    h.clock.advance(2 * DAY);

    const result = await purgeExpired(h.deps);
    expect(result.rawMessages).toBeGreaterThanOrEqual(2); // with what earlier tests left behind
    expect((await rowOf(old.row.id)).rawPurgedAt).toEqual(h.clock.now());
    expect((await rowOf(ignored.id)).rawPurgedAt).toEqual(h.clock.now());
    expect(await h.deps.blobs.exists(old.row.sha256)).toBe(false);
    expect(await h.deps.blobs.exists(ignored.sha256)).toBe(false);
    // Quarantined (an admin has yet to act) and younger than the retention: kept.
    expect((await rowOf(quarantined.id)).rawPurgedAt).toBeNull();
    expect(await h.deps.blobs.exists(quarantined.sha256)).toBe(true);
    expect((await rowOf(recent.row.id)).rawPurgedAt).toBeNull();
    expect(await h.deps.blobs.exists(recent.row.sha256)).toBe(true);
    // What was filed stays.
    const [article] = await h.deps.db.select().from(articles).where(eq(articles.ticketId, old.ticketId));
    expect(article!.body).toContain('Hello.');

    await expect(openInboundRaw({ ctx: admin(), id: old.row.id })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('raw mail retention'),
    });
    await expect(reprocessInboundMessage({ ctx: admin(), id: ignored.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    // A second run finds nothing more to do.
    expect(await purgeRawMail(h.deps)).toEqual({ messages: 0, files: 0 });
  });

  it('keeps a file another message still keeps: the same bytes received in two mailboxes', async () => {
    await setRetention(30);
    const raw = rawOf('Sent to two mailboxes');
    const other = await makeMailbox(h, {});
    const first = await storeInbound(h, mailbox.id, raw);
    await processInboundMessage(h.deps, { inboundId: first.id });
    const second = await storeInbound(h, other.id, raw);
    await h.deps.db
      .update(inboundMessages)
      .set({ status: 'quarantined', reason: 'test' })
      .where(eq(inboundMessages.id, second.id));
    expect(second.sha256).toBe(first.sha256);
    h.clock.advance(31 * DAY);

    expect((await purgeRawMail(h.deps)).messages).toBeGreaterThanOrEqual(1);
    expect((await rowOf(first.id)).rawPurgedAt).not.toBeNull();
    expect((await rowOf(second.id)).rawPurgedAt).toBeNull();
    expect(await h.deps.blobs.exists(first.sha256)).toBe(true);
    // The quarantined copy can still be downloaded.
    const download = await openInboundRaw({ ctx: admin(), id: second.id });
    download.body.destroy();
    expect(download.sizeBytes).toBe(raw.length);
  });
  it('keeps the file an attachment uses, and leaves bytes written again within the hour for a later run', async () => {
    await setRetention(30);
    h.clock.set(new Date());
    const used = await filed('Bytes someone attached too');
    const [article] = await h.deps.db.select().from(articles).where(eq(articles.ticketId, used.ticketId));
    await h.deps.db.insert(attachments).values({
      uploaderId: w.agent.id,
      ticketId: used.ticketId,
      articleId: article!.id,
      sha256: used.row.sha256,
      sizeBytes: used.row.sizeBytes,
      filename: 'original.eml',
      contentType: 'message/rfc822',
      createdAt: h.clock.now(),
    });
    const again = await filed('Delivered again just now');
    const longAgo = new Date(h.clock.now().getTime() - 40 * DAY);
    await h.deps.db.update(inboundMessages).set({ receivedAt: longAgo }).where(eq(inboundMessages.id, used.row.id));
    await h.deps.db.update(inboundMessages).set({ receivedAt: longAgo }).where(eq(inboundMessages.id, again.row.id));

    await purgeRawMail(h.deps);
    // The attachment still needs the bytes: the message no longer keeps them, the file stays.
    expect((await rowOf(used.row.id)).rawPurgedAt).not.toBeNull();
    expect(await h.deps.blobs.exists(used.row.sha256)).toBe(true);
    // Written a moment ago (the same bytes may be arriving again): left, and the row not marked.
    expect((await rowOf(again.row.id)).rawPurgedAt).toBeNull();
    expect(await h.deps.blobs.exists(again.row.sha256)).toBe(true);

    h.clock.advance(2 * 3_600_000);
    await purgeRawMail(h.deps);
    expect((await rowOf(again.row.id)).rawPurgedAt).not.toBeNull();
    expect(await h.deps.blobs.exists(again.row.sha256)).toBe(false);
  });
});
