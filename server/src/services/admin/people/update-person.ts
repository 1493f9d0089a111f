import { type Person, UpdatePersonInput } from '@loket/contract';
import { eq } from 'drizzle-orm';
import { organisations, people } from '../../../db/schema.ts';
import { forbidden, notFound } from '../../../domain/app-error.ts';
import { hashPassword } from '../../auth/secrets.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { revokeCredentials } from '../../auth/revoke-credentials.ts';
import { isUuid } from '../list-helpers.ts';
import { assertRoleFitsOrganisation, toPerson } from './person-view.ts';

/**
 * Changes a person's name, role, language, phone, password or whether they are active. A new role must fit their
 * organisation's kind. Admins cannot demote or deactivate themselves, so there is always an admin left.
 */
export async function updatePerson({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<Person> {
  const actor = requirePermission(ctx, 'person:write');
  const data = parseInput(UpdatePersonInput, input);
  if (!isUuid(id)) throw notFound('Person not found');
  const personId = id.toLowerCase();
  if (personId === actor.personId && ((data.role !== undefined && data.role !== 'admin') || data.isActive === false)) {
    throw forbidden('You cannot demote or deactivate yourself; ask another admin');
  }
  const passwordHash = data.password === undefined ? undefined : await hashPassword(data.password);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ role: people.role, organisationKind: organisations.kind })
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(eq(people.id, personId))
      .for('update', { of: people });
    if (!current) throw notFound('Person not found');
    if (data.role !== undefined && data.role !== current.role) {
      assertRoleFitsOrganisation(data.role, current.organisationKind);
    }
    const [row] = await tx
      .update(people)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.role !== undefined ? { role: data.role } : {}),
        ...(data.language !== undefined ? { language: data.language } : {}),
        ...(data.phone !== undefined ? { phone: data.phone || null } : {}),
        ...(data.isActive !== undefined ? { isActive: data.isActive } : {}),
        ...(passwordHash !== undefined ? { passwordHash } : {}),
        updatedAt: now,
      })
      .where(eq(people.id, personId))
      .returning();
    if (passwordHash !== undefined || data.isActive === false) {
      await revokeCredentials(tx, { personId, now, keepSessionHash: actor.sessionTokenHash });
    }
    return toPerson(row!);
  });
}
