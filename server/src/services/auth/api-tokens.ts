import { type ApiToken, CreateApiTokenInput, type CreatedApiToken } from '@loket/contract';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../db/schema.ts';
import { forbidden, invalid, notFound } from '../../domain/app-error.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { API_TOKEN_PREFIX } from './authenticate.ts';
import { newSecret, sha256 } from './secrets.ts';

const toApiToken = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id as ApiToken['id'],
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
});

/** People create API tokens for themselves, logged in with a password: a token cannot mint further tokens. */
function requireSessionActor(ctx: ServiceContext) {
  const actor = requirePermission(ctx, 'token:manage');
  if (actor.via !== 'session') throw forbidden('Manage API tokens from a logged-in session');
  return actor;
}

export async function createApiToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<CreatedApiToken> {
  const actor = requireSessionActor(ctx);
  const data = parseInput(CreateApiTokenInput, input);
  const now = ctx.clock.now();
  if (data.expiresAt && new Date(data.expiresAt) <= now) throw invalid('expiresAt lies in the past');
  const token = newSecret(API_TOKEN_PREFIX);
  const [row] = await ctx.db
    .insert(apiTokens)
    .values({
      personId: actor.personId,
      name: data.name,
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: data.expiresAt ? new Date(data.expiresAt) : null,
    })
    .returning();
  return { ...toApiToken(row!), token };
}

export async function listApiTokens({ ctx }: { ctx: ServiceContext }): Promise<{ items: ApiToken[] }> {
  const actor = requirePermission(ctx, 'token:manage');
  const rows = await ctx.db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return { items: rows.map(toApiToken) };
}

export async function revokeApiToken({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<void> {
  const actor = requireSessionActor(ctx);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('API token not found');
  const revoked = await ctx.db
    .update(apiTokens)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (revoked.length === 0) throw notFound('API token not found');
}
