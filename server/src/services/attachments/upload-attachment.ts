import type { Attachment } from '@loket/contract';
import { attachments } from '../../db/schema.ts';
import { AppError, invalid } from '../../domain/app-error.ts';
import { safeContentType, safeFilename } from '../../domain/tickets/attachment-filename.ts';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { toAttachment } from '../tickets/article-view.ts';

export type UploadInput = { field?: string; filename: string; contentType: string | undefined; bytes: Buffer };

/**
 * Stores an upload. The bytes go to the content-addressed blob store (the same file is kept once); the row belongs
 * to the uploader and is bound to nothing until a reply, note or new ticket names it in attachmentIds. Unbound
 * uploads are purged after a day. The name and type are the client's claims, cleaned, never trusted.
 */
export async function uploadAttachment({
  ctx,
  read,
}: {
  ctx: ServiceContext;
  /** Reads the upload off the wire: called only once the caller is known to be allowed to upload. */
  read: () => Promise<UploadInput | undefined>;
}): Promise<Attachment> {
  const actor = requirePermission(ctx, 'attachment:upload');
  const input = await read();
  if (!input || (input.field !== undefined && input.field !== 'file')) {
    throw invalid('Send the file as multipart/form-data in a field named "file"');
  }
  if (input.bytes.length > ctx.config.attachmentMaxBytes) {
    throw new AppError('payload_too_large', `Attachments are limited to ${ctx.config.attachmentMaxBytes} bytes`);
  }
  if (input.bytes.length === 0) throw invalid('The file is empty');
  const stored = await ctx.blobs.put(input.bytes);
  const [row] = await ctx.db
    .insert(attachments)
    .values({
      uploaderId: actor.personId,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      filename: safeFilename(input.filename),
      contentType: safeContentType(input.contentType),
      createdAt: ctx.clock.now(),
    })
    .returning();
  return toAttachment(row!);
}
