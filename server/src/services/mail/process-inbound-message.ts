import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { inboundMessages } from '../../db/schema.ts';
import { safeContentType, safeFilename } from '../../domain/tickets/attachment-filename.ts';
import type { ServiceDeps } from '../context.ts';
import { type FilingOutcome, fileMessage, type StoredAttachment } from './inbound/file-message.ts';
import { type ParsedInbound, parseMessage, UnparseableMessage } from './inbound/parse-message.ts';
import { htmlToText, sanitizeHtml } from './inbound/sanitize-html.ts';

/** A message that keeps failing for reasons other than its content is set aside after this many attempts. */
export const MAX_ATTEMPTS = 5;
/** The name under which the sanitized HTML body of a message is kept beside its text. */
export const SANITIZED_HTML_FILENAME = 'message.html';

/**
 * The `mail.process` job: turns one stored raw message into exactly one article or ticket (or sets it aside as noise
 * or into the quarantine). Delivered at least once, so idempotent: only a `received` message is touched, and the
 * filing and the `processed` status commit in one transaction — a crash before it leaves `received` and the retry
 * starts over; after it, the retry finds the message done.
 */
export async function processInboundMessage(
  deps: ServiceDeps,
  input: { inboundId: string },
  log?: Logger,
): Promise<FilingOutcome> {
  const [row] = await deps.db
    .update(inboundMessages)
    .set({ attempts: sql`${inboundMessages.attempts} + 1` })
    .where(and(eq(inboundMessages.id, input.inboundId), eq(inboundMessages.status, 'received')))
    .returning();
  if (!row) return { outcome: 'skipped' };

  let mail: ParsedInbound;
  let stored: StoredAttachment[];
  try {
    if (row.sizeBytes > deps.config.inboundMaxBytes) {
      throw new UnparseableMessage(
        `Message of ${row.sizeBytes} bytes exceeds the limit of ${deps.config.inboundMaxBytes}`,
      );
    }
    const raw = await readRaw(deps, row.sha256, deps.config.inboundMaxBytes);
    mail = await parseMessage(raw, {
      maxBytes: deps.config.inboundMaxBytes,
      timeoutMs: deps.config.inboundParseTimeoutMs,
      envelopeFrom: row.envelopeFrom,
    });
    // The bytes go to the blob store before the transaction: content-addressed, so a retry writes the same files,
    // and files nobody ends up naming are purged like unused uploads.
    stored = await storeAttachments(deps, mail);
  } catch (error) {
    // A message that cannot be read is quarantined at once; any other failure here (storage, a part that breaks the
    // sanitizer) is retried and, like a failure to file, quarantined after MAX_ATTEMPTS — never left `received`.
    if (!(error instanceof UnparseableMessage) && row.attempts < MAX_ATTEMPTS) throw error;
    const reason =
      error instanceof UnparseableMessage
        ? error.message
        : `Failed ${row.attempts} times: ${error instanceof Error ? error.message : String(error)}`;
    log?.warn({ inboundId: row.id, reason }, 'inbound message quarantined');
    return quarantine(deps, row.id, reason.slice(0, 1000));
  }

  try {
    const outcome = await deps.db.transaction((tx) => fileMessage(deps, tx, row.id, mail, stored));
    log?.info({ inboundId: row.id, ...outcome }, 'inbound message filed');
    return outcome;
  } catch (error) {
    if (row.attempts < MAX_ATTEMPTS) throw error;
    const reason = `Failed ${row.attempts} times: ${error instanceof Error ? error.message : String(error)}`;
    log?.error({ inboundId: row.id, err: error }, 'inbound message quarantined after repeated failures');
    return quarantine(deps, row.id, reason.slice(0, 1000));
  }
}

async function quarantine(deps: ServiceDeps, inboundId: string, reason: string): Promise<FilingOutcome> {
  await deps.db
    .update(inboundMessages)
    .set({ status: 'quarantined', reason, processedAt: deps.clock.now() })
    .where(and(eq(inboundMessages.id, inboundId), eq(inboundMessages.status, 'received')));
  return { outcome: 'quarantined', reason };
}

/** The raw bytes, read no further than the limit allows. */
async function readRaw(deps: ServiceDeps, sha256: string, maxBytes: number): Promise<Buffer> {
  if (!(await deps.blobs.exists(sha256)))
    throw new UnparseableMessage(`The raw message ${sha256} is missing from storage`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of deps.blobs.open(sha256)) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new UnparseableMessage(`Message exceeds the limit of ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Every attachment and inline part, and the sanitized HTML body when there is one (and the text made from it for an
 * HTML-only message). Inline images keep their
 * file name; the HTML's `cid:` links are rewritten to the download path of the attachment each names
 * (`/api/v1/attachments/<id>`), which is how a viewer resolves them.
 */
async function storeAttachments(deps: ServiceDeps, mail: ParsedInbound): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  const byContentId = new Map<string, string>();
  for (const part of mail.attachments) {
    const { sha256, sizeBytes } = await deps.blobs.put(part.content);
    const id = randomUUID();
    if (part.contentId) byContentId.set(part.contentId.toLowerCase(), id);
    let filename = safeFilename(part.filename);
    // The sanitized body's name is reserved: a sender's own file of that name must not pass for it.
    if (filename.toLowerCase() === SANITIZED_HTML_FILENAME) filename = `attached-${SANITIZED_HTML_FILENAME}`;
    stored.push({ id, sha256, sizeBytes, filename, contentType: safeContentType(part.contentType) });
  }
  if (mail.html && !htmlWithinBounds(mail.html)) {
    // Too large or too deeply nested to sanitize in bounded time: the text part is what is shown (the raw message,
    // with its HTML, stays downloadable by admins).
    mail.html = undefined;
    mail.text ||= '(This message has only HTML, too large or too deeply nested to show. The original is kept.)';
  }
  if (mail.html) {
    const linked = mail.html.replace(/(["'(\s=])cid:([^"'\s)>]+)/gi, (whole, before: string, cid: string) => {
      const id = byContentId.get(safeDecode(cid).replace(/^<|>$/g, '').toLowerCase());
      return id ? `${before}/api/v1/attachments/${id}` : whole;
    });
    const clean = sanitizeHtml(linked);
    if (!mail.text) mail.text = htmlToText(clean);
    const { sha256, sizeBytes } = await deps.blobs.put(Buffer.from(clean, 'utf8'));
    stored.push({ id: randomUUID(), sha256, sizeBytes, filename: SANITIZED_HTML_FILENAME, contentType: 'text/html' });
  }
  return stored;
}

/** A percent-encoded content id, decoded; one that does not decode is compared as written. */
const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** HTML larger than this, or nested deeper, is not sanitized (DOMPurify on jsdom is neither bounded nor cheap there). */
const MAX_HTML_CHARS = 2_000_000;
const MAX_HTML_DEPTH = 400;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** A cheap scan of the tags: within the size limit, and no deeper than MAX_HTML_DEPTH open elements at any point. */
export function htmlWithinBounds(html: string): boolean {
  if (html.length > MAX_HTML_CHARS) return false;
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID.has(name) && ++depth > MAX_HTML_DEPTH) return false;
  }
  return true;
}
