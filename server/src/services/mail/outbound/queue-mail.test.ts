import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDeps } from '../../../../test/counting-deps.ts';
import { makeWorld } from '../../../../test/factories.ts';
import { createHarness, type Harness } from '../../../../test/harness.ts';
import { mailboxes, mailMessageIds, outbox } from '../../../db/schema.ts';
import { createTicket } from '../../tickets/create-ticket.ts';
import { type QueueMailInput, queueMail, queueMails } from './queue-mail.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  // With SMTP_URL, so rows are pending and send jobs are written; no worker runs them here.
  h = await createHarness({ SMTP_URL: 'smtp://127.0.0.1:2525' });
  w = await makeWorld(h);
  await h.deps.db.insert(mailboxes).values({
    name: 'Support',
    address: 'support@desk.example',
    inbound: 'smtp',
    createdAt: h.clock.now(),
    updatedAt: h.clock.now(),
  });
});
afterAll(() => h.close());

/** What a statement does to which table (or schema), e.g. `insert into outbox`. */
const what = (statement: string) =>
  statement
    .replace(/\s+/g, ' ')
    .replace(/"/g, '')
    .toLowerCase()
    .match(/^(select|insert into [a-z_]+)/)?.[0];

/** Hands out the waiting send jobs: the outbox ids each one names. */
async function sendJobs(): Promise<string[]> {
  const jobs = await h.boss.fetch<{ outboxId?: string; outboxIds?: string[] }>('mail.send', { batchSize: 100 });
  return jobs.flatMap((j) => (j.data.outboxId ? [j.data.outboxId] : (j.data.outboxIds ?? [])));
}

const mail = (dedupeKey: string, overrides: Partial<QueueMailInput> = {}): QueueMailInput => ({
  dedupeKey,
  kind: 'test',
  to: 'Someone@Example.com',
  language: 'en',
  subject: 'Hello',
  textBody: 'Body',
  automatic: true,
  sender: 'system',
  ...overrides,
});

describe('queueMails', () => {
  it('writes many mails in one insert, answering in the order given, and skips what queueMail would skip', async () => {
    const ticket = await createTicket({ ctx: h.as(w.contactA), input: { subject: 'VPN drops', body: 'Hourly.' } });
    const thread = (await h.deps.db.select().from(mailMessageIds).where(eq(mailMessageIds.ticketId, ticket.id))).map(
      (m) => m.messageId,
    );
    expect(thread).toHaveLength(1); // the acknowledgement
    const key = (name: string) => `${ticket.id}:${name}`;
    expect(await queueMail(h.deps, h.deps.db, mail(key('before')))).toBeDefined();
    await sendJobs(); // the acknowledgement's and that one's

    const { deps, statements } = countingDeps(h);
    const ids = await queueMails(deps, deps.db, [
      mail(key('customer'), {
        to: w.contactA.email,
        cc: ['Cc@Example.com', 'not an address', w.contactA.email],
        ticketId: ticket.id,
        personId: w.contactA.id,
        sender: 'mailbox',
        automatic: false,
      }),
      mail(key('agent'), { to: w.agent.email, ticketId: ticket.id, personId: w.agent.id, deferSending: true }),
      mail(key('unusable'), { to: 'someone@example.com>\r\nBcc: all@example.com', ticketId: ticket.id }),
      mail(key('customer'), { to: 'other@example.com', ticketId: ticket.id }),
      mail(key('before')),
      mail(key('no-ticket'), { subject: 'Line\r\nBcc: x@example.com' }),
    ]);

    expect(ids.map((id) => id !== undefined)).toEqual([true, true, false, false, false, true]);
    expect(new Set(ids.filter(Boolean)).size).toBe(3);
    // One read of the ticket's mailbox and thread (none for the mail without a ticket), one outbox insert, one insert
    // of the Message-ID that joins the thread, and a send job for each mail not deferred.
    expect(statements.map(what)).toEqual([
      'select',
      'insert into outbox',
      'insert into mail_message_ids',
      'insert into pgboss',
      'insert into pgboss',
    ]);
    expect((await sendJobs()).sort()).toEqual([ids[0], ids[5]].sort());

    const rows = await h.deps.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.id,
          ids.filter((id) => id !== undefined),
        ),
      );
    const row = (id: string | undefined) => rows.find((r) => r.id === id)!;
    expect(row(ids[0])).toMatchObject({
      dedupeKey: key('customer'),
      fromAddress: 'support@desk.example',
      toAddress: w.contactA.email.toLowerCase(),
      ccAddresses: ['cc@example.com'],
      inReplyTo: thread[0],
      references: thread,
      automatic: false,
      status: 'pending',
    });
    expect(row(ids[0]).mailboxId).not.toBeNull();
    expect(row(ids[1])).toMatchObject({
      dedupeKey: key('agent'),
      mailboxId: null,
      fromAddress: 'loket@localhost',
      toAddress: w.agent.email.toLowerCase(),
      inReplyTo: thread[0],
      references: thread,
    });
    expect(row(ids[5])).toMatchObject({
      ticketId: null,
      references: [],
      inReplyTo: null,
      subject: 'Line Bcc: x@example.com',
    });
    const written = await h.deps.db
      .select({ key: outbox.dedupeKey })
      .from(outbox)
      .where(like(outbox.dedupeKey, `${ticket.id}:%`));
    expect(written.map((r) => r.key).sort()).toEqual([key('agent'), key('before'), key('customer'), key('no-ticket')]);
    expect(await h.deps.db.select().from(outbox).where(eq(outbox.toAddress, 'other@example.com'))).toEqual([]);

    // Only the customer's mail joins the thread; the agent's stays out of what customers are shown.
    const threadNow = await h.deps.db.select().from(mailMessageIds).where(eq(mailMessageIds.ticketId, ticket.id));
    expect(threadNow.map((m) => m.messageId).sort()).toEqual([...thread, row(ids[0]).messageId].sort());
    expect(threadNow.find((m) => m.messageId === row(ids[0]).messageId)).toMatchObject({ direction: 'out' });

    // Written again, the same mails write nothing at all.
    const again = await queueMails(h.deps, h.deps.db, [mail(key('customer')), mail(key('agent'))]);
    expect(again).toEqual([undefined, undefined]);
    expect(await sendJobs()).toEqual([]);
  });

  it('runs no statement when no recipient is usable', async () => {
    const { deps, statements } = countingDeps(h);
    expect(await queueMails(deps, deps.db, [mail('x:1', { to: 'nobody' }), mail('x:2', { to: '' })])).toEqual([
      undefined,
      undefined,
    ]);
    expect(await queueMails(deps, deps.db, [])).toEqual([]);
    expect(statements).toEqual([]);
  });
});
