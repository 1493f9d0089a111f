/**
 * The worker thread of adapters/mime-parser.ts: parses one raw message at a time with mailparser and posts back the
 * parts Loket reads, as plain data (attachment bytes transferred, not copied). Runs until its pool terminates it —
 * which is how a parse that takes too long is stopped.
 */
import { parentPort } from 'node:worker_threads';
import { type AddressObject, simpleParser } from 'mailparser';
import type { MimeAddress, MimeMail, MimeRequest, MimeResponse } from './mime-parser.ts';

const addressesOf = (value: AddressObject | AddressObject[] | undefined): MimeAddress[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((o) =>
    o.value.map((a) => ({
      address: a.address,
      name: a.name,
      ...(a.group ? { group: a.group.map((g) => ({ address: g.address, name: g.name })) } : {}),
    })),
  );

parentPort!.on('message', (request: MimeRequest) => {
  simpleParser(Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength), {
    keepCidLinks: true,
    skipImageLinks: true,
    // The text of an HTML-only message is made from the sanitized HTML instead (sanitizeHtml, htmlToText).
    skipHtmlToText: true,
    maxHtmlLengthToParse: request.maxHtmlLength,
  }).then(
    (parsed) => {
      const attachments = parsed.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength),
        cid: a.cid,
      }));
      const mail: MimeMail = {
        headerLines: parsed.headerLines.map((h) => ({ key: h.key, line: h.line })),
        subject: parsed.subject,
        messageId: parsed.messageId,
        inReplyTo: parsed.inReplyTo,
        references: parsed.references,
        from: addressesOf(parsed.from),
        to: addressesOf(parsed.to),
        cc: addressesOf(parsed.cc),
        text: parsed.text,
        html: typeof parsed.html === 'string' ? parsed.html : undefined,
        attachments,
      };
      // Only an attachment that owns its whole ArrayBuffer is transferred; one on a shared (pooled) buffer is copied.
      const transfer = attachments
        .filter((a) => a.content.byteOffset === 0 && a.content.byteLength === a.content.buffer.byteLength)
        .map((a) => a.content.buffer)
        .filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
      const response: MimeResponse = { id: request.id, ok: true, mail };
      try {
        parentPort!.postMessage(response, [...new Set(transfer)]);
      } catch {
        parentPort!.postMessage(response); // a buffer that cannot be transferred is copied instead
      }
    },
    (error: unknown) => {
      const response: MimeResponse = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      parentPort!.postMessage(response);
    },
  );
});

// mailparser is loaded (the imports above ran): parses may start their clocks.
parentPort!.postMessage({ ready: true } satisfies MimeResponse);
