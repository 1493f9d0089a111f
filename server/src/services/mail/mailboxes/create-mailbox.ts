import { CreateMailboxInput, type Mailbox } from '@loket/contract';
import { mailboxes } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { assertReferences } from './mailbox-references.ts';
import { MAILBOX_CONFLICTS, toMailbox } from './mailbox-view.ts';

/**
 * A new mailbox. An IMAP mailbox needs its server settings and is imported from at once (a `mail.imap-sync` job in
 * the same transaction); its watcher starts within a minute.
 */
export async function createMailbox({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Mailbox> {
  requirePermission(ctx, 'mailbox:manage');
  const data = parseInput(CreateMailboxInput, input);
  if (data.inbound === 'imap' && !data.imap) throw invalid('An IMAP mailbox needs `imap` settings');
  if (data.inbound === 'smtp' && data.imap) throw invalid('An SMTP mailbox has no `imap` settings');
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        await assertReferences(tx, data);
        const now = ctx.clock.now();
        const [row] = await tx
          .insert(mailboxes)
          .values({
            name: data.name,
            address: data.address.toLowerCase(),
            inbound: data.inbound,
            ...(data.imap
              ? {
                  imapHost: data.imap.host,
                  imapPort: data.imap.port,
                  imapSecure: data.imap.secure,
                  imapUser: data.imap.user,
                  imapPassword: ctx.secrets.seal('mailbox.imap_password', data.imap.password),
                  imapFolder: data.imap.folder,
                }
              : {}),
            categoryId: data.categoryId ?? null,
            urgency: data.urgency ?? 'normal',
            impact: data.impact ?? 'normal',
            groupId: data.groupId ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (row!.inbound === 'imap') {
          await enqueue(ctx, tx, 'mail.imap-sync', { mailboxId: row!.id }, { singletonKey: row!.id });
        }
        return toMailbox(row!);
      }),
    MAILBOX_CONFLICTS,
  );
}
