import type { Role } from '@loket/contract';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiTokens, organisations, people, sessions } from '../../db/schema.ts';
import { AppError } from '../../domain/app-error.ts';
import type { Actor, ServiceDeps } from '../context.ts';
import { sha256 } from './secrets.ts';

export const API_TOKEN_PREFIX = 'lkt_';

/**
 * Who is making a request: a session cookie or an `Authorization: Bearer` API token, each one query.
 * Deactivated people and organisations are refused at once, whatever their sessions say.
 */
export async function authenticate(
  deps: ServiceDeps,
  credentials: { sessionToken?: string | undefined; bearerToken?: string | undefined },
): Promise<Actor> {
  const now = deps.clock.now();
  if (credentials.bearerToken) {
    const [row] = await lookups(deps.db).token.execute({ tokenHash: sha256(credentials.bearerToken), now });
    if (!row) throw new AppError('unauthenticated', 'Invalid or expired API token');
    // Record use at most once a minute: a write on every request would halve throughput for nothing.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
      await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
    }
    return { kind: 'person', via: 'token', ...person(row) };
  }
  if (credentials.sessionToken) {
    const tokenHash = sha256(credentials.sessionToken);
    const [row] = await lookups(deps.db).session.execute({ tokenHash, now });
    if (row) return { kind: 'person', via: 'session', sessionTokenHash: tokenHash, ...person(row) };
  }
  return { kind: 'anonymous' };
}

const who = {
  personId: people.id,
  role: people.role,
  name: people.name,
  organisationId: people.organisationId,
};

/** Both lookups run on every request: prepared once per database handle, so they are not parsed or planned again. */
function prepareLookups(db: Db) {
  const tokenHash = sql.placeholder('tokenHash');
  const now = sql.placeholder('now');
  return {
    token: db
      .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, ...who })
      .from(apiTokens)
      .innerJoin(people, eq(people.id, apiTokens.personId))
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(
        and(
          eq(apiTokens.tokenHash, tokenHash),
          isNull(apiTokens.revokedAt),
          or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
          eq(people.isActive, true),
          eq(organisations.isActive, true),
        ),
      )
      .limit(1)
      .prepare('auth_token'),
    session: db
      .select(who)
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(
        and(
          eq(sessions.tokenHash, tokenHash),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
          eq(people.isActive, true),
          eq(organisations.isActive, true),
        ),
      )
      .limit(1)
      .prepare('auth_session'),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareLookups>>();
function lookups(db: Db) {
  let found = prepared.get(db);
  if (!found) prepared.set(db, (found = prepareLookups(db)));
  return found;
}

const person = (row: { personId: string; role: Role; name: string; organisationId: string }) => ({
  personId: row.personId,
  role: row.role,
  name: row.name,
  organisationId: row.organisationId,
});
