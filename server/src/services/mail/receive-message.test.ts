import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages, mailboxes } from '../../db/schema.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { messageKeyOf, receiveMessage, scanHeaders } from './receive-message.ts';

let h: Harness;
let mailboxId: string;
beforeAll(async () => {
  h = await createHarness();
  const [row] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: 'Receive',
      address: 'receive@desk.example',
      inbound: 'smtp',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  mailboxId = row!.id;
});
afterAll(() => h.close());

const mail = (messageId: string | undefined, body = 'Hello') =>
  Buffer.from(
    [
      'From: "Ann Example" <Ann@Customer.example>',
      'To: receive@desk.example',
      'Subject: =?UTF-8?Q?Printer_=C3=A9chou=C3=A9?=',
      ...(messageId ? [`Message-ID:\r\n ${messageId}`] : []),
      '',
      body,
      '',
    ].join('\r\n'),
  );

async function processJobs(): Promise<string[]> {
  const jobs = await h.boss.fetch<{ inboundId: string }>('mail.process', { batchSize: 100 });
  for (const job of jobs) await h.boss.complete('mail.process', job.id);
  return jobs.map((j) => j.data.inboundId);
}

describe('receiveMessage', () => {
  it('stores the raw message, then its row and a mail.process job, once per Message-ID', async () => {
    const raw = mail('<first@customer.example>');
    const first = await receiveMessage(h.deps, {
      mailboxId,
      raw,
      envelopeFrom: 'ann@customer.example',
      envelopeTo: ['receive@desk.example'],
    });
    expect(first.duplicate).toBe(false);
    const [row] = await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, first.id));
    expect(row).toMatchObject({
      messageKey: 'first@customer.example',
      status: 'received',
      sizeBytes: raw.length,
      subject: 'Printer échoué',
      fromAddress: 'ann@customer.example',
      envelopeFrom: 'ann@customer.example',
      envelopeTo: ['receive@desk.example'],
    });
    expect(await h.deps.blobs.exists(row!.sha256)).toBe(true);
    expect(await processJobs()).toEqual([first.id]);

    // The same message again (an MTA retry, an IMAP re-fetch), even with other bytes: one row, no second job.
    const again = await receiveMessage(h.deps, { mailboxId, raw: mail('<first@customer.example>', 'Resent') });
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await processJobs()).toEqual([]);
  });

  it('shows a subject of several encoded words, folded across lines, as written', async () => {
    // As mail clients write a long Swedish subject: base64 and quoted-printable words, folded, one splitting "ö".
    const raw = Buffer.from(
      [
        'From: kari@nordic.example',
        'To: receive@desk.example',
        'Subject: =?UTF-8?B?U1Y6IFtMSy0yNi0wMDA1Ml0gVmkgaGFyIHRhZ2l0IGVtbw==?=',
        ' =?UTF-8?B?dCBkaXR0IMOkcmVuZGU=?= =?UTF-8?Q?_i_G?=',
        '\t=?UTF-8?Q?=C3=B6teborg?=',
        'Message-ID: <folded-subject@nordic.example>',
        '',
        'Hej',
        '',
      ].join('\r\n'),
    );
    const { id } = await receiveMessage(h.deps, { mailboxId, raw });
    const [row] = await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, id));
    expect(row!.subject).toBe('SV: [LK-26-00052] Vi har tagit emot ditt ärende i Göteborg');
    await processJobs();
  });

  it('keys a message without Message-ID by the hash of its bytes', async () => {
    const raw = mail(undefined, 'No id here');
    const first = await receiveMessage(h.deps, { mailboxId, raw });
    const [row] = await h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.id, first.id));
    expect(row!.messageKey).toBe(`sha256:${row!.sha256}`);
    expect((await receiveMessage(h.deps, { mailboxId, raw })).duplicate).toBe(true);
    expect((await receiveMessage(h.deps, { mailboxId, raw: mail(undefined, 'Other bytes') })).duplicate).toBe(false);
    await processJobs();
  });

  it('reads the Message-ID from folded headers only, not from the body', () => {
    const raw = Buffer.from('Subject: x\r\n\r\nMessage-ID: <body@evil.example>\r\n');
    expect(messageKeyOf(scanHeaders(raw), 'abc')).toBe('sha256:abc');
    expect(messageKeyOf(scanHeaders(Buffer.from('Message-Id:   <A.B@Host.Example>  \n\nx')), 'abc')).toBe(
      'A.B@Host.Example',
    );
  });
});
