import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiTokens, sessions } from '../../db/schema.ts';

/**
 * Ends a person's sessions and API tokens — after a password change or a deactivation, so that reactivating them
 * later revives none. The session making the request (someone changing their own password) may stay open.
 */
export async function revokeCredentials(
  tx: Executor,
  input: { personId: string; now: Date; keepSessionHash?: string | undefined },
): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(sessions.personId, input.personId),
        isNull(sessions.revokedAt),
        input.keepSessionHash ? ne(sessions.tokenHash, input.keepSessionHash) : undefined,
      ),
    );
  await tx
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.personId, input.personId), isNull(apiTokens.revokedAt)));
}
