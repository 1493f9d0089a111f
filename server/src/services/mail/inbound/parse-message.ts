import { type MimeAddress, type MimeMail, MimeParseError, mimeParserFor } from '../../../adapters/mime-parser.ts';
import {
  type Automation,
  classifyAutomation,
  isDeliveryReportType,
  messageIdList,
  normalizeMessageId,
} from '../../../domain/mail/classify-message.ts';
import { type DeliveryReport, readDeliveryReport } from '../../../domain/mail/delivery-report.ts';

/** Bounds on what one message may cost to parse. */
export const MAX_HEADER_BYTES = 256 * 1024;
export const MAX_HEADER_LINES = 1000;
const MAX_SUBJECT = 250;

export type MailAttachment = {
  filename: string;
  contentType: string;
  content: Buffer;
  /** The Content-ID without angle brackets, when the part has one (an inline image the HTML names as `cid:`). */
  contentId: string | undefined;
};

export type ParsedInbound = {
  messageId: string | undefined;
  inReplyTo: string[];
  /** Newest last, as written. */
  references: string[];
  subject: string;
  fromAddress: string;
  fromName: string | undefined;
  to: string[];
  cc: string[];
  /** The text/plain body; empty for an HTML-only message until its text is made from the sanitized HTML. */
  text: string;
  /** The HTML body as received — unsafe until sanitized. */
  html: string | undefined;
  attachments: MailAttachment[];
  automation: Automation;
  /** Set for a delivery status notification (multipart/report; report-type=delivery-status). */
  deliveryReport: DeliveryReport | undefined;
};

/** A message that cannot be filed: the reason goes to the quarantine. */
export class UnparseableMessage extends Error {}

/**
 * Parses one raw message within bounds: its size, the size and number of its header lines, and time. Anything
 * outside them, or not a mail message at all (no header section, no sender address), is an UnparseableMessage.
 */
export async function parseMessage(
  raw: Buffer,
  limits: { maxBytes: number; timeoutMs: number; envelopeFrom?: string | null | undefined },
): Promise<ParsedInbound> {
  if (raw.length > limits.maxBytes) {
    throw new UnparseableMessage(`Message of ${raw.length} bytes exceeds the limit of ${limits.maxBytes}`);
  }
  checkHeaderSection(raw);
  let mail: MimeMail;
  try {
    // In a worker thread that is terminated when the time is up, with a capped heap (adapters/mime-parser.ts).
    mail = await mimeParserFor(limits.maxBytes).parse(raw, {
      timeoutMs: limits.timeoutMs,
      maxHtmlLength: limits.maxBytes,
    });
  } catch (error) {
    // A parsing thread that crashed or could not start says nothing about the message: a plain error, so the job is
    // retried (and the message quarantined only after repeated failures, like any other).
    if (error instanceof MimeParseError && error.reason === 'unavailable') throw error;
    if (error instanceof MimeParseError && error.reason !== 'failed') throw new UnparseableMessage(error.message);
    throw new UnparseableMessage(`Cannot parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  return toInbound(mail, raw, limits.envelopeFrom);
}

/** The header section must exist, start with a header, and stay within MAX_HEADER_BYTES and MAX_HEADER_LINES. */
function checkHeaderSection(raw: Buffer): void {
  const window = raw.subarray(0, MAX_HEADER_BYTES + 4).toString('latin1');
  const end = window.search(/\r?\n\r?\n/);
  const head = end === -1 ? window : window.slice(0, end);
  if (end === -1 && raw.length > MAX_HEADER_BYTES) {
    throw new UnparseableMessage(`Header section exceeds ${MAX_HEADER_BYTES} bytes`);
  }
  if (!/^[!-9;-~]+:/.test(head)) throw new UnparseableMessage('Not a mail message: it does not start with a header');
  const lines = head.split(/\r?\n/).filter((line) => line !== '' && !/^[ \t]/.test(line)).length;
  if (lines > MAX_HEADER_LINES) {
    throw new UnparseableMessage(`Message has ${lines} header lines; at most ${MAX_HEADER_LINES} are accepted`);
  }
}

function toInbound(mail: MimeMail, raw: Buffer, envelopeFrom: string | null | undefined): ParsedInbound {
  const header = (name: string) => rawHeader(mail, name);
  const from = addresses(mail.from)[0];
  if (!from?.address || !from.address.includes('@')) throw new UnparseableMessage('No sender address (From)');
  const contentType = header('content-type');
  const automation = classifyAutomation({
    autoSubmitted: header('auto-submitted'),
    precedence: header('precedence'),
    listId: header('list-id'),
    returnPath: header('return-path'),
    envelopeFrom,
    fromAddress: from.address,
    contentType,
    xAutoResponseSuppress: header('x-auto-response-suppress'),
  });
  let deliveryReport: DeliveryReport | undefined;
  if (contentType && isDeliveryReportType(contentType)) {
    const boundary = /boundary\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1];
    const report = boundary ? readDeliveryReport(raw.toString('latin1'), boundary) : undefined;
    const named = normalizeMessageId(header('original-message-id') ?? header('x-original-message-id'));
    deliveryReport = {
      finalRecipients: report?.finalRecipients ?? [],
      failed: report?.failed ?? true,
      ...((report?.returnedMessageId ?? named) ? { returnedMessageId: (report?.returnedMessageId ?? named)! } : {}),
    };
  }
  const subject = (mail.subject ?? '')
    .replace(/[\r\n\t]+/g, ' ')
    .trim()
    .slice(0, MAX_SUBJECT);
  return {
    messageId: normalizeMessageId(mail.messageId),
    inReplyTo: messageIdList(mail.inReplyTo),
    references: messageIdList(mail.references),
    subject,
    fromAddress: from.address.trim().toLowerCase(),
    fromName: from.name?.trim() || undefined,
    to: addresses(mail.to).map((a) => a.address!.toLowerCase()),
    cc: addresses(mail.cc).map((a) => a.address!.toLowerCase()),
    text: (mail.text ?? '').replace(/\r\n?/g, '\n').trim(),
    html: mail.html?.trim() ? mail.html : undefined,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename?.trim() || defaultFilename(a.contentType),
      contentType: a.contentType || 'application/octet-stream',
      content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength),
      contentId: a.cid?.replace(/^<|>$/g, '') || undefined,
    })),
    automation,
    deliveryReport,
  };
}

/** A header's raw value, unfolded (the first one when repeated); mailparser's own view restructures list headers. */
function rawHeader(mail: MimeMail, name: string): string | undefined {
  const line = mail.headerLines.find((l) => l.key === name)?.line;
  if (line === undefined) return undefined;
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function addresses(list: MimeAddress[]) {
  // Groups ("undisclosed-recipients:;" or "Team: a@x, b@x;") hold their members one level down.
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a): a is MimeAddress & { address: string } => typeof a.address === 'string' && a.address.includes('@'));
}

function defaultFilename(contentType: string | undefined): string {
  if (contentType === 'message/rfc822') return 'forwarded-message.eml';
  const sub = (contentType ?? '').split('/')[1]?.replace(/[^a-z0-9]/gi, '');
  return sub ? `attachment.${sub}` : 'attachment';
}
