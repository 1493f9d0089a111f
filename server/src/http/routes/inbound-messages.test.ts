import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages, mailboxes } from '../../db/schema.ts';
import { receiveMessage } from '../../services/mail/receive-message.ts';
import { MISSING_ID, type Method, callApi, makeLoggedInWorld } from '../../../test/api.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';

let h: Harness;
let admin: string;
let agent: string;
let managerA: string;
let contactA: string;
let mailboxId: string;
beforeAll(async () => {
  h = await createHarness();
  ({ admin, agent, managerA, contactA } = await makeLoggedInWorld(h));
  const [row] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: 'Quarantine',
      address: 'q@desk.example',
      inbound: 'smtp',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  mailboxId = row!.id;
});
afterAll(() => h.close());

const call = (cookie: string, method: Method, url: string, payload?: object) =>
  callApi(h, cookie, method, url, payload);

let counter = 0;
async function message(status: 'received' | 'processed' | 'ignored' | 'quarantined' | 'discarded', reason?: string) {
  counter++;
  const raw = Buffer.from(
    `Message-ID: <m${counter}@customer.example>\r\nSubject: Message ${counter}\r\n\r\n<script>x</script>\r\n`,
  );
  const { id } = await receiveMessage(h.deps, { mailboxId, raw });
  await h.deps.db
    .update(inboundMessages)
    .set({ status, reason: reason ?? null })
    .where(eq(inboundMessages.id, id));
  h.clock.advance(1000);
  return { id, raw };
}

async function processJobs(): Promise<string[]> {
  const jobs = await h.boss.fetch<{ inboundId: string }>('mail.process', { batchSize: 100 });
  for (const job of jobs) await h.boss.complete('mail.process', job.id);
  return jobs.map((j) => j.data.inboundId);
}

describe('inbound messages (the quarantine) over HTTP', () => {
  it('is for admins only', async () => {
    const { id } = await message('quarantined', 'unparseable');
    for (const cookie of [agent, managerA, contactA]) {
      expect((await call(cookie, 'GET', '/inbound-messages')).statusCode).toBe(403);
      expect((await call(cookie, 'GET', `/inbound-messages/${id}`)).statusCode).toBe(403);
      expect((await call(cookie, 'GET', `/inbound-messages/${id}/raw`)).statusCode).toBe(403);
      expect((await call(cookie, 'POST', `/inbound-messages/${id}/reprocess`)).statusCode).toBe(403);
      expect((await call(cookie, 'POST', `/inbound-messages/${id}/discard`)).statusCode).toBe(403);
    }
    expect((await call(admin, 'GET', `/inbound-messages/${MISSING_ID}`)).statusCode).toBe(404);
    await processJobs();
  });

  it('lists by status, newest first, a page at a time', async () => {
    const a = await message('quarantined', 'too large');
    const b = await message('quarantined', 'unparseable');
    const c = await message('quarantined', 'failed');
    await message('processed');
    const first = await call(admin, 'GET', '/inbound-messages?status=quarantined&limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((m: { id: string }) => m.id)).toEqual([c.id, b.id]);
    expect(first.json().items[0]).toMatchObject({ status: 'quarantined', reason: 'failed', mailboxId });
    const second = await call(
      admin,
      'GET',
      `/inbound-messages?status=quarantined&limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items.map((m: { id: string }) => m.id)).toContain(a.id);
    const all = await call(admin, 'GET', '/inbound-messages?status=processed');
    expect(all.json().items.every((m: { status: string }) => m.status === 'processed')).toBe(true);
    expect((await call(admin, 'GET', '/inbound-messages?status=nope')).statusCode).toBe(400);
    await processJobs();
  });

  it('downloads the raw message as an attachment, never rendered', async () => {
    const { id, raw } = await message('quarantined', 'unparseable');
    const res = await call(admin, 'GET', `/inbound-messages/${id}/raw`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(raw)).toBe(true);
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${id}.eml"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    await processJobs();
  });

  it('reprocesses a quarantined or ignored message with a job, and refuses other statuses with 409', async () => {
    await processJobs();
    const quarantined = await message('quarantined', 'unparseable');
    const ignored = await message('ignored', 'auto-reply');
    const processed = await message('processed');
    await processJobs();
    for (const { id } of [quarantined, ignored]) {
      const res = await call(admin, 'POST', `/inbound-messages/${id}/reprocess`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'received', reason: null });
    }
    expect((await processJobs()).sort()).toEqual([quarantined.id, ignored.id].sort());
    expect((await call(admin, 'POST', `/inbound-messages/${quarantined.id}/reprocess`)).statusCode).toBe(409);
    expect((await call(admin, 'POST', `/inbound-messages/${processed.id}/reprocess`)).statusCode).toBe(409);
    expect(await processJobs()).toEqual([]);
  });

  it('discards a quarantined message, keeping its raw bytes, and refuses a processed one', async () => {
    const quarantined = await message('quarantined', 'unparseable');
    const processed = await message('processed');
    const res = await call(admin, 'POST', `/inbound-messages/${quarantined.id}/discard`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('discarded');
    expect((await call(admin, 'GET', `/inbound-messages/${quarantined.id}/raw`)).statusCode).toBe(200);
    expect((await call(admin, 'POST', `/inbound-messages/${quarantined.id}/discard`)).statusCode).toBe(409);
    expect((await call(admin, 'POST', `/inbound-messages/${processed.id}/discard`)).statusCode).toBe(409);
    expect((await call(admin, 'GET', `/inbound-messages/${quarantined.id}`)).json().status).toBe('discarded');
    await processJobs();
  });
});
