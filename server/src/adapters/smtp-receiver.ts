import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export type SmtpReceiverOptions = {
  host: string;
  port: number;
  /** PEM files: with both, STARTTLS is offered; without, it is hidden. */
  tlsCert?: string;
  tlsKey?: string;
  maxBytes: number;
  /** The mailbox that receives mail for a recipient address, or undefined (550). */
  findMailbox(address: string): Promise<{ id: string } | undefined>;
  /** Stores the message for one mailbox; resolves only once it is committed. */
  receive(input: { mailboxId: string; raw: Buffer; envelopeFrom?: string; envelopeTo: string[] }): Promise<unknown>;
  log: Logger;
};

export type SmtpReceiver = { port: number; close(): Promise<void> };

const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

/**
 * The built-in SMTP receiver an MTA relays customers' mail to. It has no AUTH (it is not a submission server: the
 * MTA in front of it decides who may send), accepts RCPT TO only for active SMTP mailboxes (550 otherwise), refuses
 * messages above the size limit with 552 while they stream in, and answers 250 to DATA only after every recipient
 * mailbox has the message committed — so a crash before that makes the MTA retry (no loss), and the retry is
 * deduplicated by the message key (no duplicate).
 */
export async function startSmtpReceiver(options: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const tls =
    options.tlsCert && options.tlsKey
      ? { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) }
      : undefined;
  // The mailbox each accepted RCPT TO named, per connection and mail transaction (cleared at MAIL FROM): DATA files
  // the message for those without looking them up a second time.
  type Session = Parameters<NonNullable<SMTPServerOptions['onData']>>[1];
  const accepted = new WeakMap<Session, Map<string, string>>();
  const serverOptions: SMTPServerOptions = {
    secure: false,
    ...(tls ? tls : { hideSTARTTLS: true }),
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: options.maxBytes,
    logger: false,
    banner: 'Loket',
    onMailFrom(_address, session, callback) {
      accepted.delete(session);
      callback();
    },
    onRcptTo(address, session, callback) {
      options
        .findMailbox(address.address)
        .then((mailbox) => {
          if (!mailbox) return callback(smtpError(`No mailbox here for <${address.address}>`, 550));
          const named = accepted.get(session) ?? new Map<string, string>();
          named.set(address.address.toLowerCase(), mailbox.id);
          accepted.set(session, named);
          callback();
        })
        .catch((error: unknown) => {
          options.log.error({ err: error }, 'SMTP receiver could not look up a recipient');
          callback(smtpError('Temporary failure, try again later', 451));
        });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit nothing more is kept; the rest is drained so the client reads our 552.
        if (bytes <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const tooLarge =
          (stream as typeof stream & { sizeExceeded?: boolean }).sizeExceeded || bytes > options.maxBytes;
        if (tooLarge) {
          callback(smtpError(`Message too large: the limit is ${options.maxBytes} bytes`, 552));
          return;
        }
        void deliver(Buffer.concat(chunks), session).then(
          () => callback(),
          (error: unknown) => {
            options.log.error({ err: error }, 'SMTP receiver could not store a message');
            callback(smtpError('Temporary failure, try again later', 451));
          },
        );
      });
    },
  };

  const deliver = async (raw: Buffer, session: Session) => {
    const byMailbox = new Map<string, string[]>();
    const named = accepted.get(session);
    for (const recipient of session.envelope.rcptTo) {
      const address = recipient.address.toLowerCase();
      const mailboxId = named?.get(address) ?? (await options.findMailbox(recipient.address))?.id;
      if (!mailboxId) continue; // not accepted at RCPT TO and retired since: the remaining recipients still get it
      byMailbox.set(mailboxId, [...(byMailbox.get(mailboxId) ?? []), address]);
    }
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined;
    for (const [mailboxId, envelopeTo] of byMailbox) {
      await options.receive({ mailboxId, raw, envelopeFrom: from || undefined, envelopeTo });
    }
  };

  const server = new SMTPServer(serverOptions);
  server.on('error', (error) => options.log.warn({ err: error }, 'SMTP receiver connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
