import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema.ts';
import { AppError, conflict } from '../../domain/app-error.ts';
import type { ServiceDeps } from '../context.ts';

export type Claim = { state: 'new' } | { state: 'replay'; statusCode: number; body: string };

const hashRequest = (method: string, url: string, body: unknown) =>
  createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

/**
 * `Idempotency-Key` on a POST: the first request with a key claims it; a repeat with the same request gets the
 * first result again; the same key on a different request, or while the first is still running, is a conflict.
 */
export async function claimIdempotencyKey(
  deps: ServiceDeps,
  input: { clientId: string; key: string; method: string; url: string; body: unknown },
): Promise<Claim> {
  if (input.key.length > 200) throw new AppError('invalid', 'Idempotency-Key is longer than 200 characters');
  const requestHash = hashRequest(input.method, input.url, input.body);
  const [claimed] = await deps.db
    .insert(idempotencyKeys)
    .values({ clientId: input.clientId, key: input.key, requestHash, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed) return { state: 'new' };
  const [existing] = await deps.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.clientId, input.clientId), eq(idempotencyKeys.key, input.key)));
  if (!existing) return claimIdempotencyKey(deps, input); // released in between: claim again
  if (existing.requestHash !== requestHash) throw conflict('This Idempotency-Key was used for a different request');
  if (existing.statusCode === null || existing.responseBody === null) {
    throw conflict('A request with this Idempotency-Key is still being processed');
  }
  return { state: 'replay', statusCode: existing.statusCode, body: existing.responseBody };
}

export async function completeIdempotencyKey(
  deps: ServiceDeps,
  input: { clientId: string; key: string; statusCode: number; body: string },
): Promise<void> {
  await deps.db
    .update(idempotencyKeys)
    .set({ statusCode: input.statusCode, responseBody: input.body })
    .where(and(eq(idempotencyKeys.clientId, input.clientId), eq(idempotencyKeys.key, input.key)));
}

/** A failed request gives its key back, so the client can retry it. */
export async function releaseIdempotencyKey(deps: ServiceDeps, input: { clientId: string; key: string }) {
  await deps.db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.clientId, input.clientId), eq(idempotencyKeys.key, input.key)));
}
