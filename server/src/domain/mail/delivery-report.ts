import { type DeliveryStatus, messageIdInHeaders, parseDeliveryStatus } from './classify-message.ts';

export type DeliveryReport = DeliveryStatus & {
  /** The Message-ID of the message that bounced, from the returned message or its headers. */
  returnedMessageId?: string;
};

/**
 * Reads a `multipart/report; report-type=delivery-status` message (RFC 3464) from its raw text and boundary: the
 * `message/delivery-status` part says for whom delivery failed, the `message/rfc822` or `text/rfc822-headers` part
 * names the returned message. Parts are read as written (no decoding): both are plain header blocks by definition.
 */
export function readDeliveryReport(rawText: string, boundary: string): DeliveryReport {
  const parts = rawText.split(`--${boundary}`).slice(1);
  let status: DeliveryStatus = { finalRecipients: [], failed: true };
  let returnedMessageId: string | undefined;
  for (const part of parts) {
    if (part.startsWith('--')) break;
    const split = part.search(/\r?\n\r?\n/);
    if (split === -1) continue;
    const head = part.slice(0, split).toLowerCase();
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
    const type = /content-type:\s*([^;\s]+)/.exec(head)?.[1] ?? 'text/plain';
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      status = parseDeliveryStatus(body);
    } else if (type === 'message/rfc822' || type === 'text/rfc822-headers' || type === 'message/global-headers') {
      returnedMessageId ??= messageIdInHeaders(body);
    }
  }
  const named = returnedMessageId ?? status.originalMessageId;
  return { ...status, ...(named ? { returnedMessageId: named } : {}) };
}
