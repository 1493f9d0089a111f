import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { attachments } from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';

/** Attaches uploads to an article. Only the uploader's own, not yet used uploads can be attached. */
export async function bindAttachments(
  tx: Executor,
  input: { attachmentIds: string[] | undefined; uploaderId: string; ticketId: string; articleId: string },
): Promise<void> {
  const ids = [...new Set(input.attachmentIds ?? [])];
  if (ids.length === 0) return;
  const bound = await tx
    .update(attachments)
    .set({ ticketId: input.ticketId, articleId: input.articleId })
    .where(
      and(inArray(attachments.id, ids), eq(attachments.uploaderId, input.uploaderId), isNull(attachments.articleId)),
    )
    .returning({ id: attachments.id });
  if (bound.length !== ids.length) throw invalid('Unknown or already used attachment');
}
