import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type CapturedMail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server on a random local port that keeps what it receives: outgoing mail is tested on the wire.
 * `failWith(code)` makes it refuse every message until `failWith(undefined)`.
 */
export async function startSmtpSink() {
  const messages: CapturedMail[] = [];
  let failure: number | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failure !== undefined) {
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = failure;
          callback(error);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  // A client that goes away mid-connection (a killed server's pooled connections) is no failure of the sink.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failWith(code: number | undefined) {
      failure = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
