import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundMessages, mailboxes } from '../db/schema.ts';
import { findReceivingMailbox } from '../services/mail/mailboxes/find-receiving-mailbox.ts';
import { receiveMessage } from '../services/mail/receive-message.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.ts';

const MAX_BYTES = 64 * 1024;
let h: Harness;
let receiver: SmtpReceiver;
let supportId: string;
beforeAll(async () => {
  h = await createHarness();
  const now = h.clock.now();
  const [support] = await h.deps.db
    .insert(mailboxes)
    .values({ name: 'Support', address: 'support@provider.example', inbound: 'smtp', createdAt: now, updatedAt: now })
    .returning();
  supportId = support!.id;
  await h.deps.db.insert(mailboxes).values([
    {
      name: 'Retired',
      address: 'retired@provider.example',
      inbound: 'smtp',
      isActive: false,
      createdAt: now,
      updatedAt: now,
    },
    { name: 'Fetched', address: 'fetched@provider.example', inbound: 'imap', createdAt: now, updatedAt: now },
  ]);
  receiver = await startSmtpReceiver(receiverOptions());
});
afterAll(async () => {
  await receiver?.close();
  await h?.close();
});

const receiverOptions = (tls: { tlsCert?: string; tlsKey?: string } = {}) => ({
  host: '127.0.0.1',
  port: 0,
  ...tls,
  maxBytes: MAX_BYTES,
  findMailbox: (address: string) => findReceivingMailbox(h.deps, address),
  receive: (input: Parameters<typeof receiveMessage>[1]) => receiveMessage(h.deps, input),
  log: pino({ level: 'silent' }),
});

const transport = (port: number, extra: object = {}) =>
  nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...extra });

const rowsWith = (messageKey: string) =>
  h.deps.db.select().from(inboundMessages).where(eq(inboundMessages.messageKey, messageKey));

describe('the SMTP receiver, fed by a real SMTP client', () => {
  it('accepts mail for an active SMTP mailbox and answers 250 once it is stored', async () => {
    const info = await transport(receiver.port).sendMail({
      from: 'Ann <ann@customer.example>',
      to: 'Support@Provider.example',
      subject: 'Printer on fire',
      text: 'Please help',
      messageId: '<smtp-1@customer.example>',
    });
    expect(info.response).toMatch(/^250/);
    const [row] = await rowsWith('smtp-1@customer.example');
    expect(row).toMatchObject({
      mailboxId: supportId,
      status: 'received',
      envelopeFrom: 'ann@customer.example',
      envelopeTo: ['support@provider.example'],
      subject: 'Printer on fire',
    });
  });

  it('refuses unknown, retired and IMAP-only recipients with 550', async () => {
    for (const to of ['nobody@provider.example', 'retired@provider.example', 'fetched@provider.example']) {
      const error = await transport(receiver.port)
        .sendMail({ from: 'ann@customer.example', to, subject: 'x', text: 'x' })
        .then(
          () => undefined,
          (e: { responseCode?: number }) => e,
        );
      expect(error?.responseCode, to).toBe(550);
    }
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const error = await transport(receiver.port)
      .sendMail({
        from: 'ann@customer.example',
        to: 'support@provider.example',
        subject: 'Huge',
        text: 'x'.repeat(MAX_BYTES * 2),
        messageId: '<huge@customer.example>',
      })
      .then(
        () => undefined,
        (e: { responseCode?: number }) => e,
      );
    expect(error?.responseCode).toBe(552);
    expect(await rowsWith('huge@customer.example')).toEqual([]);
  });

  it('stores a message delivered twice (an MTA retry) once', async () => {
    const message = {
      from: 'ann@customer.example',
      to: 'support@provider.example',
      subject: 'Twice',
      text: 'Same message',
      messageId: '<twice@customer.example>',
    };
    await transport(receiver.port).sendMail(message);
    const again = await transport(receiver.port).sendMail(message);
    expect(again.response).toMatch(/^250/);
    expect(await rowsWith('twice@customer.example')).toHaveLength(1);
  });

  it.skipIf(!existsSync('/usr/bin/openssl'))('offers STARTTLS when a certificate is configured', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loket-smtp-tls-'));
    const tlsCert = path.join(dir, 'cert.pem');
    const tlsKey = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        tlsKey,
        '-out',
        tlsCert,
      ],
      { stdio: 'ignore' },
    );
    const tlsReceiver = await startSmtpReceiver(receiverOptions({ tlsCert, tlsKey }));
    try {
      const client = transport(tlsReceiver.port, {
        ignoreTLS: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const info = await client.sendMail({
        from: 'ann@customer.example',
        to: 'support@provider.example',
        subject: 'Over TLS',
        text: 'Encrypted',
        messageId: '<tls@customer.example>',
      });
      expect(info.response).toMatch(/^250/);
      expect(await rowsWith('tls@customer.example')).toHaveLength(1);
      // Without a certificate STARTTLS is not offered: a client that requires it gives up.
      const plain = transport(receiver.port, { ignoreTLS: false, requireTLS: true });
      await expect(
        plain.sendMail({ from: 'a@b.example', to: 'support@provider.example', text: 'x' }),
      ).rejects.toThrow();
    } finally {
      await tlsReceiver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
