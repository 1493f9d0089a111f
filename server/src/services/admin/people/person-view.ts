import { type OrganisationKind, type Person, type Role, isAgentRole } from '@loket/contract';
import { type SQL, and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { people } from '../../../db/schema.ts';
import { invalid, notFound } from '../../../domain/app-error.ts';
import { isAgent } from '../../authorize.ts';
import type { PersonActor } from '../../context.ts';
import { isUuid } from '../list-helpers.ts';

type PersonRow = typeof people.$inferSelect;

/** Which people a person may see: agents everyone, a manager their organisation's, a contact only themselves. */
export function personScope(actor: PersonActor): SQL | undefined {
  if (isAgent(actor)) return undefined;
  if (actor.role === 'manager') return eq(people.organisationId, actor.organisationId);
  return eq(people.id, actor.personId);
}

export const toPerson = (row: PersonRow): Person => ({
  id: row.id as Person['id'],
  organisationId: row.organisationId as Person['organisationId'],
  email: row.email,
  name: row.name,
  role: row.role,
  language: row.language,
  phone: row.phone,
  isActive: row.isActive,
  hasPassword: row.passwordHash !== null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** One person if the caller may see them; `not_found` otherwise — the same for missing and foreign. */
export async function loadPersonForActor(tx: Executor, actor: PersonActor, id: string): Promise<Person> {
  if (!isUuid(id)) throw notFound('Person not found');
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.id, id.toLowerCase()), personScope(actor)))
    .limit(1);
  if (!row) throw notFound('Person not found');
  return toPerson(row);
}

/**
 * Agents and admins work for the provider; managers belong to a customer organisation; contacts to a customer
 * organisation or, registered from an unknown domain, to the organisation for unmatched senders.
 */
export function assertRoleFitsOrganisation(role: Role, kind: OrganisationKind): void {
  const fits = isAgentRole(role) ? kind === 'provider' : role === 'manager' ? kind === 'customer' : kind !== 'provider';
  if (fits) return;
  const where = isAgentRole(role) ? 'the provider organisation' : 'a customer organisation';
  throw invalid(`A person with role ${role} must belong to ${where}`, [
    { path: 'role', message: `${role} does not fit an organisation of kind ${kind}` },
  ]);
}

export const EMAIL_CONFLICT = (email: string) => ({ people_email_key: `${email} already belongs to someone` });
