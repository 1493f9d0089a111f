import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, makeLoggedInWorld, MISSING_ID } from '../../../test/api.ts';
import { makePerson } from '../../../test/factories.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import type { Config } from '../../config.ts';
import { outbox } from '../../db/schema.ts';
import { sendOutboxMail } from '../../services/mail/send-outbox-mail.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';

let h: Harness;
let s: Awaited<ReturnType<typeof makeLoggedInWorld>>;
beforeAll(async () => {
  h = await createHarness();
  s = await makeLoggedInWorld(h);
});
afterAll(() => h.close());

describe('GET /outbox', () => {
  it('shows admins the mail kept without SMTP_URL, newest first, a page at a time', async () => {
    const ctx = h.as({ ...s.world.contactA, role: 'contact' });
    for (const subject of ['First', 'Second', 'Third']) {
      await createTicket({ ctx, input: { subject, body: 'Body' } });
      h.clock.advance(1000);
    }
    const first = await callApi(h, s.admin, 'GET', '/outbox?status=kept&limit=2');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items.map((m: { subject: string }) => m.subject.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'We received your request: Third',
      'We received your request: Second',
    ]);
    expect(page.items[0]).toMatchObject({ kind: 'acknowledgement', status: 'kept', automatic: true });
    const second = await callApi(h, s.admin, 'GET', `/outbox?status=kept&limit=2&cursor=${page.nextCursor}`);
    expect(second.json().items.map((m: { subject: string }) => m.subject)).toEqual([expect.stringContaining('First')]);
    expect(second.json().nextCursor).toBeNull();
    expect((await callApi(h, s.admin, 'GET', '/outbox?status=sent')).json().items).toEqual([]);

    const one = await callApi(h, s.admin, 'GET', `/outbox/${page.items[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().textBody).toContain(one.json().subject.match(/^\[([^\]]+)\]/)[1]);
  });

  it('is for admins only, and answers 404 for a missing mail', async () => {
    expect((await callApi(h, s.agent, 'GET', '/outbox')).statusCode).toBe(403);
    expect((await callApi(h, s.contactA, 'GET', '/outbox')).statusCode).toBe(403);
    expect((await callApi(h, s.admin, 'GET', `/outbox/${MISSING_ID}`)).statusCode).toBe(404);
    expect((await callApi(h, s.admin, 'GET', '/outbox?status=lost')).statusCode).toBe(400);
  });
});

/**
 * The acknowledgement a new ticket of a new contact wrote to the outbox (a new contact each time: acknowledgements
 * are limited per sender and day). `config` as it was when the mail was written.
 */
async function acknowledgementOf(harness: Harness, organisationId: string, subject: string, config?: Config) {
  const person = await makePerson(harness, { role: 'contact', organisationId });
  const ctx = harness.as(person);
  const ticket = await createTicket({ ctx: config ? { ...ctx, config } : ctx, input: { subject, body: 'Body' } });
  const [row] = await harness.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id));
  return row!;
}
const rowOf = async (harness: Harness, id: string) =>
  (await harness.deps.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe('POST /outbox/:id/send without SMTP_URL', () => {
  it('refuses to send a kept or failed mail again while no SMTP_URL is configured, and leaves it as it was', async () => {
    const kept = await acknowledgementOf(h, s.world.orgA.id, 'Kept without SMTP');
    expect(kept.status).toBe('kept');
    const res = await callApi(h, s.admin, 'POST', `/outbox/${kept.id}/send`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', message: expect.stringContaining('No SMTP_URL') });
    expect(await rowOf(h, kept.id)).toMatchObject({ status: 'kept', attempts: 0 });

    // SMTP_URL configured once, then taken away: sending again could only fail again.
    await h.deps.db
      .update(outbox)
      .set({ status: 'failed', attempts: 11, lastError: '550' })
      .where(eq(outbox.id, kept.id));
    expect((await callApi(h, s.admin, 'POST', `/outbox/${kept.id}/send`)).statusCode).toBe(409);
    expect(await rowOf(h, kept.id)).toMatchObject({ status: 'failed', attempts: 11, lastError: '550' });
  });

  it('is for admins only, and answers 404 for a missing mail', async () => {
    const kept = await acknowledgementOf(h, s.world.orgA.id, 'Not yours to send');
    for (const cookie of [s.agent, s.managerA, s.contactA]) {
      expect((await callApi(h, cookie, 'POST', `/outbox/${kept.id}/send`)).statusCode).toBe(403);
    }
    expect((await callApi(h, s.admin, 'POST', `/outbox/${MISSING_ID}/send`)).statusCode).toBe(404);
    expect((await callApi(h, s.admin, 'POST', '/outbox/not-a-mail/send')).statusCode).toBe(404);
    expect(await rowOf(h, kept.id)).toMatchObject({ status: 'kept', attempts: 0 });
  });
});

describe('POST /outbox/:id/send with SMTP_URL', () => {
  let m: Harness;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let w: Awaited<ReturnType<typeof makeLoggedInWorld>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    m = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://desk.provider.example' });
    w = await makeLoggedInWorld(m);
  });
  afterAll(async () => {
    await m.close();
    await sink.close();
  });
  /** What the SMTP server received of one outbox row (its X-Loket-Outbox header). */
  const receivedOf = (id: string) => sink.messages.filter((mail) => mail.raw.includes(`X-Loket-Outbox: ${id}`));

  /** A mail the queue gave up on: every attempt refused by the SMTP server, as the send job makes them. */
  async function failedMail(subject: string) {
    const mail = await acknowledgementOf(m, w.world.orgA.id, subject);
    sink.failWith(550);
    try {
      for (let attempt = 1; attempt <= 11; attempt++)
        await sendOutboxMail(m.deps, { outboxId: mail.id }).catch(() => 0);
    } finally {
      sink.failWith(undefined);
    }
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'failed', attempts: 11, sentAt: null });
    return mail;
  }

  it('sends a failed mail again: pending with its attempts reset, then delivered once with its own Message-ID', async () => {
    const mail = await failedMail('Failed, then sent again');
    const res = await callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: mail.id, status: 'pending', attempts: 0, lastError: null, sentAt: null });

    // The job of the first attempt is still queued too: it finds the row sent and sends nothing.
    await m.runJobs();
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    const received = receivedOf(mail.id);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([mail.toAddress]);
    expect(received[0]!.raw).toContain(`Message-ID: ${mail.messageId}`);
    expect((await callApi(m, w.admin, 'GET', `/outbox/${mail.id}`)).json().status).toBe('sent');
  });

  it('gives a mail sent again the whole retry budget: its next failure is retried, not given up', async () => {
    const mail = await failedMail('Failed twice');
    expect((await callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`)).statusCode).toBe(200);
    sink.failWith(451);
    try {
      await expect(sendOutboxMail(m.deps, { outboxId: mail.id })).rejects.toThrow();
    } finally {
      sink.failWith(undefined);
    }
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'pending', attempts: 1 });
    await m.runJobs();
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(receivedOf(mail.id)).toHaveLength(1);
  });

  it('sends a mail kept while no SMTP_URL was configured, now that one is', async () => {
    const mail = await acknowledgementOf(m, w.world.orgA.id, 'Kept, then sent', {
      ...m.deps.config,
      smtpUrl: undefined,
    });
    expect(mail).toMatchObject({ status: 'kept', attempts: 0 });
    await m.runJobs();
    expect(receivedOf(mail.id)).toEqual([]);

    const res = await callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await m.runJobs();
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receivedOf(mail.id)).toHaveLength(1);
  });

  it('refuses a pending or sent mail with 409 naming its status, and sends nothing more', async () => {
    const mail = await acknowledgementOf(m, w.world.orgA.id, 'Already on its way');
    const pending = await callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.message).toContain('this one is pending');
    await m.runJobs();
    const sent = await callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`);
    expect(sent.statusCode).toBe(409);
    expect(sent.json().error.message).toContain('this one is sent');
    await m.runJobs();
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receivedOf(mail.id)).toHaveLength(1);
  });

  it('sends a mail once when two admins send it again at the same time', async () => {
    const mail = await failedMail('Sent again twice at once');
    const answers = await Promise.all([
      callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`),
      callApi(m, w.admin, 'POST', `/outbox/${mail.id}/send`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    await m.runJobs();
    expect(receivedOf(mail.id)).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const mail = await failedMail('Only admins');
    for (const cookie of [w.agent, w.managerA, w.contactA]) {
      expect((await callApi(m, cookie, 'POST', `/outbox/${mail.id}/send`)).statusCode).toBe(403);
    }
    expect(await rowOf(m, mail.id)).toMatchObject({ status: 'failed', attempts: 11 });
  });
});
