import { HeartbeatQuery } from '@loket/contract';
import { and, eq, ne } from 'drizzle-orm';
import { monitors } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceDeps } from '../context.ts';
import { sha256 } from '../auth/secrets.ts';

/**
 * A job calls its heartbeat URL: public, authorized by the secret alone, which is found by its hash (an index
 * lookup, so nothing compares secrets character by character). The call is stored and the monitor made due at
 * once, so the next tick records the result (`status=fail` a failure) through the one path every check takes.
 * A paused monitor accepts the call and ignores it; an unknown secret is 404.
 */
export async function recordHeartbeat(
  deps: ServiceDeps,
  input: { secret: string; query: unknown },
): Promise<{ ok: true }> {
  const { status } = parseInput(HeartbeatQuery, input.query);
  const now = deps.clock.now();
  const [found] = await deps.db
    .select({ id: monitors.id, state: monitors.state })
    .from(monitors)
    .where(and(eq(monitors.heartbeatSecretHash, sha256(input.secret)), eq(monitors.kind, 'heartbeat')));
  if (!found) throw notFound('Unknown heartbeat');
  await deps.db
    .update(monitors)
    .set({ lastHeartbeatAt: now, lastHeartbeatFailed: status === 'fail', nextCheckAt: now })
    .where(and(eq(monitors.id, found.id), ne(monitors.state, 'paused')));
  return { ok: true };
}
