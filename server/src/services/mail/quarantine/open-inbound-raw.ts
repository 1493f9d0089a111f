import type { Readable } from 'node:stream';
import { notFound } from '../../../domain/app-error.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadInboundRow } from './inbound-message-view.ts';

/** The message exactly as received, to download as a `.eml` file (never rendered: it is untrusted). */
export async function openInboundRaw({
  ctx,
  id,
}: {
  ctx: ServiceContext;
  id: string;
}): Promise<{ body: Readable; sizeBytes: number; filename: string }> {
  requirePermission(ctx, 'inbound:manage');
  const row = await loadInboundRow(ctx.db, id);
  if (row.rawPurgedAt) {
    throw notFound(`The raw message was deleted on ${row.rawPurgedAt.toISOString()} under the raw mail retention`);
  }
  if (!(await ctx.blobs.exists(row.sha256))) throw notFound('The raw message is not stored');
  // An IMAP message too large to import is recorded without its bytes: its stored body is empty.
  const withoutBody = row.reason === 'too large' && row.messageKey.startsWith('imap:');
  return {
    body: ctx.blobs.open(row.sha256),
    sizeBytes: withoutBody ? 0 : row.sizeBytes,
    filename: `${row.id}.eml`,
  };
}
