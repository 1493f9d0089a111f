import { type Me, UpdateMeInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { organisations, people } from '../../db/schema.ts';
import { AppError, invalid } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadSettings } from '../shared/reference-lookup.ts';
import { revokeCredentials } from './revoke-credentials.ts';
import { hashPassword, verifyPassword } from './secrets.ts';

/** The logged-in person, with the language the interface should speak: their own, else their organisation's. */
export async function getMe({ ctx }: { ctx: ServiceContext }): Promise<Me> {
  if (ctx.actor.kind !== 'person') throw new AppError('unauthenticated', 'Log in first');
  const [row] = await ctx.db
    .select({
      p: people,
      orgName: organisations.name,
      orgKind: organisations.kind,
      orgLanguage: organisations.language,
    })
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(people.id, ctx.actor.personId));
  if (!row) throw new AppError('unauthenticated', 'Log in first');
  return {
    id: row.p.id as Me['id'],
    email: row.p.email,
    name: row.p.name,
    role: row.p.role,
    language: row.p.language ?? row.orgLanguage ?? (await loadSettings(ctx.db)).defaultLanguage,
    organisation: { id: row.p.organisationId as Me['organisation']['id'], name: row.orgName, kind: row.orgKind },
  };
}

/** People change their own name, language and password (the current one is needed to set a new one). */
export async function updateMe({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Me> {
  if (ctx.actor.kind !== 'person') throw new AppError('unauthenticated', 'Log in first');
  const data = parseInput(UpdateMeInput, input);
  const [person] = await ctx.db.select().from(people).where(eq(people.id, ctx.actor.personId));
  if (!person) throw new AppError('unauthenticated', 'Log in first');
  const set: Partial<typeof people.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (data.name !== undefined) set.name = data.name;
  if (data.language !== undefined) set.language = data.language;
  if (data.newPassword !== undefined) {
    if (person.passwordHash && !(await verifyPassword(person.passwordHash, data.currentPassword ?? ''))) {
      throw invalid('The current password is wrong', [{ path: 'currentPassword', message: 'wrong password' }]);
    }
    set.passwordHash = await hashPassword(data.newPassword);
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(people).set(set).where(eq(people.id, person.id));
    // A new password ends every other session and every API token: whoever knew the old one is out.
    if (data.newPassword !== undefined && ctx.actor.kind === 'person') {
      await revokeCredentials(tx, {
        personId: person.id,
        now: ctx.clock.now(),
        keepSessionHash: ctx.actor.sessionTokenHash,
      });
    }
  });
  return getMe({ ctx });
}
