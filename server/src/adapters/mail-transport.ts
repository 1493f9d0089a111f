import nodemailer from 'nodemailer';

/** One message as it goes on the wire. Header values arrive here already free of CR/LF; nodemailer encodes them. */
export type OutgoingMail = {
  from: string;
  to: string;
  cc: string[];
  subject: string;
  text: string;
  html?: string | undefined;
  messageId: string;
  inReplyTo?: string | undefined;
  references: string[];
  /** Further headers, e.g. Auto-Submitted and X-Loket-Outbox. */
  headers: Record<string, string>;
};

/** Outgoing mail: SMTP through nodemailer, or nothing at all when no SMTP_URL is configured. */
export type MailTransport = {
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<{ accepted: string[]; response: string }>;
};

/** A few kept-open SMTP connections instead of one per mail, unless SMTP_URL says otherwise (`?pool=false`). */
function pooled(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

/**
 * One nodemailer transport for the process, made from SMTP_URL (e.g. `smtp://user:pass@host:587`,
 * `smtps://host:465`). nodemailer connects on the first send, so creating it costs nothing.
 */
export function smtpMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) {
    return {
      configured: false,
      send: () => Promise.reject(new Error('No SMTP_URL is configured: mail is kept in the outbox')),
    };
  }
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  return {
    configured: true,
    async send(mail) {
      transport ??= nodemailer.createTransport(pooled(smtpUrl));
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        cc: mail.cc.length > 0 ? mail.cc : undefined,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references.length > 0 ? mail.references : undefined,
        headers: mail.headers,
        // Never let nodemailer read files or URLs named in a message.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { accepted: (info.accepted as unknown[]).map(String), response: String(info.response) };
    },
  };
}
