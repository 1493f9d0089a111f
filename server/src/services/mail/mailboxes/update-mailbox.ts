import { type Mailbox, UpdateMailboxInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { mailboxes } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { enqueue } from '../../queue-catalog.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { assertReferences } from './mailbox-references.ts';
import { MAILBOX_CONFLICTS, loadMailboxRow, toMailbox } from './mailbox-view.ts';

/**
 * Changes a mailbox; `isActive: false` retires it (mailboxes are never deleted: their messages point at them).
 * New IMAP settings pointing at another server, account or folder start the UID checkpoint over (dedupe by message key
 * keeps what was already imported once).
 */
export async function updateMailbox({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Mailbox> {
  requirePermission(ctx, 'mailbox:manage');
  const data = parseInput(UpdateMailboxInput, input);
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const current = await loadMailboxRow(tx, id);
        await assertReferences(tx, data);
        const inbound = data.inbound ?? current.inbound;
        const imap = data.imap;
        // A new password is sealed; without one the stored (sealed) one stays.
        const password =
          imap?.password !== undefined
            ? ctx.secrets.seal('mailbox.imap_password', imap.password)
            : current.imapPassword;
        if (inbound === 'imap' && !(imap ?? current.imapHost)) throw invalid('An IMAP mailbox needs `imap` settings');
        if (inbound === 'imap' && !password) throw invalid('An IMAP mailbox needs a password');
        const moved =
          imap !== undefined &&
          (imap.host !== current.imapHost ||
            imap.port !== current.imapPort ||
            imap.user !== current.imapUser ||
            imap.folder !== current.imapFolder);
        // The stored password goes only to the server it was given for: pointing the mailbox at another server,
        // user or transport needs the password again, or it could be collected by a server of one's choosing.
        const elsewhere =
          imap !== undefined &&
          current.imapPassword !== null &&
          (imap.host !== current.imapHost ||
            imap.port !== current.imapPort ||
            imap.user !== current.imapUser ||
            imap.secure !== current.imapSecure);
        if (elsewhere && imap.password === undefined) {
          throw invalid('A new IMAP host, port, user or transport needs the password again', [
            { path: 'imap.password', message: 'required when the server changes' },
          ]);
        }
        const [row] = await tx
          .update(mailboxes)
          .set({
            ...(data.name !== undefined ? { name: data.name } : {}),
            ...(data.address !== undefined ? { address: data.address.toLowerCase() } : {}),
            inbound,
            ...(imap
              ? {
                  imapHost: imap.host,
                  imapPort: imap.port,
                  imapSecure: imap.secure,
                  imapUser: imap.user,
                  imapPassword: password,
                  imapFolder: imap.folder,
                  imapLastError: null,
                }
              : {}),
            ...(moved ? { imapUidValidity: null, imapLastUid: 0 } : {}),
            ...(data.categoryId !== undefined ? { categoryId: data.categoryId } : {}),
            ...(data.urgency !== undefined ? { urgency: data.urgency } : {}),
            ...(data.impact !== undefined ? { impact: data.impact } : {}),
            ...(data.groupId !== undefined ? { groupId: data.groupId } : {}),
            ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
            updatedAt: ctx.clock.now(),
          })
          .where(eq(mailboxes.id, current.id))
          .returning();
        if (row!.inbound === 'imap' && row!.isActive) {
          await enqueue(ctx, tx, 'mail.imap-sync', { mailboxId: row!.id }, { singletonKey: row!.id });
        }
        return toMailbox(row!);
      }),
    MAILBOX_CONFLICTS,
  );
}
