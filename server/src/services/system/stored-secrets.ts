import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import { isSealed, SEALED_PREFIX, type SecretBox, type SecretPurpose } from '../../adapters/secret-box.ts';
import { mailboxes, statusSubscriptions } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';

/** What to store instead of a secret's stored value; undefined leaves it as it is. */
type Rewrite = (purpose: SecretPurpose, stored: string) => string | undefined;

/**
 * Rewrites every stored secret the rewrite changes, row by row, each only while it is still the value read
 * (compare-and-set), so processes doing the same at once rewrite each value once. Returns how many it rewrote.
 */
async function rewriteStoredSecrets(deps: ServiceDeps, which: 'plain' | 'all', rewrite: Rewrite): Promise<number> {
  let rewritten = 0;
  // Only values not sealed yet, when that is all the rewrite touches: the check at every start reads nothing else.
  const plainOnly = (column: typeof mailboxes.imapPassword | typeof statusSubscriptions.secret) =>
    which === 'plain' ? notLike(column, `${SEALED_PREFIX}%`) : undefined;
  const passwords = await deps.db
    .select({ id: mailboxes.id, value: mailboxes.imapPassword })
    .from(mailboxes)
    .where(and(isNotNull(mailboxes.imapPassword), plainOnly(mailboxes.imapPassword)));
  for (const { id, value } of passwords) {
    const next = rewrite('mailbox.imap_password', value!);
    if (next === undefined) continue;
    const done = await deps.db
      .update(mailboxes)
      .set({ imapPassword: next })
      .where(and(eq(mailboxes.id, id), eq(mailboxes.imapPassword, value!)))
      .returning({ id: mailboxes.id });
    rewritten += done.length;
  }
  const keys = await deps.db
    .select({ id: statusSubscriptions.id, value: statusSubscriptions.secret })
    .from(statusSubscriptions)
    .where(and(isNotNull(statusSubscriptions.secret), plainOnly(statusSubscriptions.secret)));
  for (const { id, value } of keys) {
    const next = rewrite('status_subscription.secret', value!);
    if (next === undefined) continue;
    const done = await deps.db
      .update(statusSubscriptions)
      .set({ secret: next })
      .where(and(eq(statusSubscriptions.id, id), eq(statusSubscriptions.secret, value!)))
      .returning({ id: statusSubscriptions.id });
    rewritten += done.length;
  }
  return rewritten;
}

/**
 * Seals the secrets an older Loket stored as given (IMAP passwords, webhook and unsubscribe keys). Run at every
 * start, after the migrations; each start after the first finds nothing to do. Returns how many it sealed.
 */
export function sealStoredSecrets(deps: ServiceDeps): Promise<number> {
  return rewriteStoredSecrets(deps, 'plain', (purpose, stored) =>
    isSealed(stored) ? undefined : deps.secrets.seal(purpose, stored),
  );
}

export type RotationResult = {
  /** Opened with the old key and sealed again under the key in use. */
  resealed: number;
  /** Already sealed under the key in use (a rotation run before, or a secret entered since). */
  current: number;
  /** Sealed under neither key: these must be entered again. */
  unreadable: number;
};

/**
 * `loket rotate-secret-key`: seals every stored secret that opens with `old` under the key in use (deps.secrets). Run
 * with every other Loket process stopped — one still on the old key would seal new secrets under it — then start
 * them all with the new key. Running it again changes nothing.
 */
export async function rotateStoredSecrets(deps: ServiceDeps, old: SecretBox): Promise<RotationResult> {
  const result: RotationResult = { resealed: 0, current: 0, unreadable: 0 };
  result.resealed = await rewriteStoredSecrets(deps, 'all', (purpose, stored) => {
    // A value stored before sealing is sealed under the key in use.
    if (!isSealed(stored)) return deps.secrets.seal(purpose, stored);
    if (deps.secrets.tryOpen(purpose, stored).ok) {
      result.current++;
      return undefined;
    }
    const opened = old.tryOpen(purpose, stored);
    if (!opened.ok) {
      result.unreadable++;
      return undefined;
    }
    return deps.secrets.seal(purpose, opened.plain);
  });
  return result;
}
