import { createHash } from 'node:crypto';
import libmime from 'libmime';
import { inboundMessages } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';

export type ReceiveMessageInput = {
  mailboxId: string;
  raw: Buffer;
  envelopeFrom?: string;
  envelopeTo?: string[];
  imapUid?: number;
};

/** How much of a message's start is scanned for its headers: enough for any real header block. */
const HEADER_SCAN_BYTES = 256 * 1024;

/**
 * The header block of a raw message, unfolded: `name → first value`. A cheap scan, not a parse — the parse (with its
 * timeout and quarantine) happens in the `mail.process` job, after the raw message is safely stored.
 */
export function scanHeaders(raw: Buffer): Map<string, string> {
  const head = raw.subarray(0, HEADER_SCAN_BYTES).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The key that makes a message once per mailbox: its Message-ID without the angle brackets and surrounding space,
 * kept exactly as written otherwise (Message-IDs are compared as opaque strings by mail software; lower-casing a part
 * could merge two that differ), or `sha256:<hash of the raw bytes>` when it has none (a second delivery of the same
 * bytes is then still the same message).
 */
export function messageKeyOf(headers: Map<string, string>, sha256: string): string {
  const value = headers.get('message-id')?.trim();
  const match = value ? /<([^<>\s]+)>/.exec(value) : null;
  const id = match?.[1] ?? value?.replace(/[<>\s]/g, '');
  return id && id.length <= 900 ? id : `sha256:${sha256}`;
}

/** Headers may be RFC 2047 encoded; the admin list shows them best-effort, the parser files the real values. */
function decodeWords(value: string | undefined): string | null {
  if (!value) return null;
  try {
    // libmime (mailparser's own) joins adjacent encoded words, the space between them being folding, not text.
    return libmime.decodeWords(value).slice(0, 500);
  } catch {
    return value.slice(0, 500);
  }
}

const addressOf = (from: string | undefined): string | null => {
  if (!from) return null;
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(from) ?? /([^\s<>"',;]+@[^\s<>"',;]+)/.exec(from);
  return match ? match[1]!.toLowerCase().slice(0, 320) : null;
};

/**
 * Stores one received message, raw, before anything else happens to it: the bytes go to the blob store, then one
 * transaction inserts the `inbound_messages` row and enqueues `mail.process` for it. A message already stored for this
 * mailbox (the same message key) inserts nothing and enqueues nothing: `duplicate: true`, with the existing row's id.
 * Callers acknowledge the message (SMTP 250, IMAP checkpoint) only after this returns, so nothing is lost in between.
 */
export async function receiveMessage(
  deps: ServiceDeps,
  input: ReceiveMessageInput,
): Promise<{ id: string; duplicate: boolean }> {
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const headers = scanHeaders(input.raw);
  const messageKey = messageKeyOf(headers, sha256);
  // Blob first: a row never points at bytes that are not there. A crash between leaves an unreferenced file that
  // the next delivery (the sender retries, having had no 250) rewrites.
  await deps.blobs.put(input.raw);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(inboundMessages)
      .values({
        mailboxId: input.mailboxId,
        messageKey,
        sha256,
        sizeBytes: input.raw.length,
        envelopeFrom: input.envelopeFrom ?? null,
        envelopeTo: input.envelopeTo ?? [],
        imapUid: input.imapUid ?? null,
        receivedAt: deps.clock.now(),
        status: 'received',
        subject: decodeWords(headers.get('subject')),
        fromAddress: addressOf(headers.get('from')),
      })
      .onConflictDoNothing({ target: [inboundMessages.mailboxId, inboundMessages.messageKey] })
      .returning({ id: inboundMessages.id });
    if (row) {
      await enqueue(deps, tx, 'mail.process', { inboundId: row.id });
      return { id: row.id, duplicate: false };
    }
    const existing = await tx.query.inboundMessages.findFirst({
      columns: { id: true },
      where: (m, { and, eq }) => and(eq(m.mailboxId, input.mailboxId), eq(m.messageKey, messageKey)),
    });
    return { id: existing!.id, duplicate: true };
  });
}

/**
 * A message too large to import (IMAP; the SMTP receiver refuses those with 552 instead): a quarantined row without
 * its body, so an admin sees it was there and the checkpoint can move past it. Keyed by mailbox and UID.
 */
export async function recordOversizedMessage(
  deps: ServiceDeps,
  input: { mailboxId: string; sizeBytes: number; imapUid: number; uidValidity: number; subject?: string | null },
): Promise<void> {
  const empty = await deps.blobs.put(Buffer.alloc(0));
  await deps.db
    .insert(inboundMessages)
    .values({
      mailboxId: input.mailboxId,
      messageKey: `imap:${input.uidValidity}:${input.imapUid}`,
      sha256: empty.sha256,
      sizeBytes: input.sizeBytes,
      imapUid: input.imapUid,
      receivedAt: deps.clock.now(),
      status: 'quarantined',
      reason: 'too large',
      subject: input.subject ?? null,
    })
    .onConflictDoNothing({ target: [inboundMessages.mailboxId, inboundMessages.messageKey] });
}
