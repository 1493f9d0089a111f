import { and, eq, isNotNull } from 'drizzle-orm';
import { isSealed, type SecretBox, type SecretPurpose, SecretUnreadable } from '../../adapters/secret-box.ts';
import { mailboxes, statusSubscriptions } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';

/** What to store instead of a secret's stored value; undefined leaves it as it is. */
type Rewrite = (purpose: SecretPurpose, stored: string) => string | undefined;

/**
 * Rewrites every stored secret the rewrite changes, row by row, each only while it is still the value read
 * (compare-and-set), so processes doing the same at once rewrite each value once. Returns how many it rewrote.
 */
async function rewriteStoredSecrets(deps: ServiceDeps, rewrite: Rewrite): Promise<number> {
  let rewritten = 0;
  const passwords = await deps.db
    .select({ id: mailboxes.id, value: mailboxes.imapPassword })
    .from(mailboxes)
    .where(isNotNull(mailboxes.imapPassword));
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
    .where(isNotNull(statusSubscriptions.secret));
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
  return rewriteStoredSecrets(deps, (purpose, stored) =>
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
  const opens = (box: SecretBox, purpose: SecretPurpose, stored: string): string | undefined => {
    try {
      return box.open(purpose, stored);
    } catch (error) {
      if (error instanceof SecretUnreadable) return undefined;
      throw error;
    }
  };
  result.resealed = await rewriteStoredSecrets(deps, (purpose, stored) => {
    // A value stored before sealing is sealed under the key in use.
    if (!isSealed(stored)) return deps.secrets.seal(purpose, stored);
    if (opens(deps.secrets, purpose, stored) !== undefined) {
      result.current++;
      return undefined;
    }
    const plain = opens(old, purpose, stored);
    if (plain === undefined) {
      result.unreadable++;
      return undefined;
    }
    return deps.secrets.seal(purpose, plain);
  });
  return result;
}
