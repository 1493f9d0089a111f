import { and, eq, isNull } from 'drizzle-orm';
import { sessions } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { sha256 } from './secrets.ts';

/** Revokes the session the cookie names. Logging out twice, or without a session, is fine. */
export async function logOut({ ctx, sessionToken }: { ctx: ServiceContext; sessionToken: string | undefined }) {
  if (!sessionToken) return;
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(sessions.tokenHash, sha256(sessionToken)), isNull(sessions.revokedAt)));
}
