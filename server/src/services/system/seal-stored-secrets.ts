import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import { mailboxes, statusSubscriptions } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';

/**
 * Seals the secrets an older Loket stored as given (IMAP passwords, webhook keys). Run at every start, after the
 * migrations: each value is replaced only while it is still the one read, so processes starting together seal each
 * once. Returns how many it sealed.
 */
export async function sealStoredSecrets(deps: ServiceDeps): Promise<number> {
  let sealed = 0;
  const passwords = await deps.db
    .select({ id: mailboxes.id, value: mailboxes.imapPassword })
    .from(mailboxes)
    .where(and(isNotNull(mailboxes.imapPassword), notLike(mailboxes.imapPassword, 'enc:v1:%')));
  for (const { id, value } of passwords) {
    const done = await deps.db
      .update(mailboxes)
      .set({ imapPassword: deps.secrets.seal('mailbox.imap_password', value!) })
      .where(and(eq(mailboxes.id, id), eq(mailboxes.imapPassword, value!)))
      .returning({ id: mailboxes.id });
    sealed += done.length;
  }
  const keys = await deps.db
    .select({ id: statusSubscriptions.id, value: statusSubscriptions.secret })
    .from(statusSubscriptions)
    .where(and(isNotNull(statusSubscriptions.secret), notLike(statusSubscriptions.secret, 'enc:v1:%')));
  for (const { id, value } of keys) {
    const done = await deps.db
      .update(statusSubscriptions)
      .set({ secret: deps.secrets.seal('status_subscription.secret', value!) })
      .where(and(eq(statusSubscriptions.id, id), eq(statusSubscriptions.secret, value!)))
      .returning({ id: statusSubscriptions.id });
    sealed += done.length;
  }
  return sealed;
}
