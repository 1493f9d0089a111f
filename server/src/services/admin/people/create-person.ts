import { CreatePersonInput, type Person, isAgentRole } from '@loket/contract';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { organisationDomains, organisations, people } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';
import { hashPassword } from '../../auth/secrets.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { nameFromEmail } from '../../people/find-or-register-contact.ts';
import { conflictOnUniqueViolation } from '../../shared/unique-violation.ts';
import { EMAIL_CONFLICT, assertRoleFitsOrganisation, toPerson } from './person-view.ts';

/**
 * A new person. Agents and admins join the provider organisation; managers and contacts a customer organisation,
 * named or else the one owning the domain of their e-mail address. E-mail addresses are unique whatever their case.
 */
export async function createPerson({ ctx, input }: { ctx: ServiceContext; input: unknown }): Promise<Person> {
  requirePermission(ctx, 'person:write');
  const data = parseInput(CreatePersonInput, input);
  const email = data.email.trim().toLowerCase();
  // Hashing costs tens of milliseconds: done before the transaction, not while it holds locks.
  const passwordHash = data.password === undefined ? null : await hashPassword(data.password);
  const now = ctx.clock.now();
  return conflictOnUniqueViolation(
    () =>
      ctx.db.transaction(async (tx) => {
        const organisation = await organisationFor(tx, { ...data, email });
        assertRoleFitsOrganisation(data.role, organisation.kind);
        const [row] = await tx
          .insert(people)
          .values({
            organisationId: organisation.id,
            email,
            name: data.name ?? nameFromEmail(email),
            role: data.role,
            language: data.language ?? null,
            phone: data.phone || null,
            passwordHash,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        return toPerson(row!);
      }),
    EMAIL_CONFLICT(email),
  );
}

async function organisationFor(tx: Executor, data: CreatePersonInput) {
  const columns = { id: organisations.id, kind: organisations.kind };
  if (data.organisationId) {
    const [named] = await tx.select(columns).from(organisations).where(eq(organisations.id, data.organisationId));
    if (!named) throw invalid('Unknown organisation', [{ path: 'organisationId', message: 'no such organisation' }]);
    return named;
  }
  if (isAgentRole(data.role)) {
    const [provider] = await tx
      .select(columns)
      .from(organisations)
      .where(eq(organisations.kind, 'provider'))
      .orderBy(asc(organisations.createdAt))
      .limit(1);
    if (!provider) throw invalid('There is no provider organisation yet');
    return provider;
  }
  const domain = data.email.split('@')[1] ?? '';
  const [owner] = await tx
    .select(columns)
    .from(organisationDomains)
    .innerJoin(organisations, eq(organisations.id, organisationDomains.organisationId))
    .where(eq(organisationDomains.domain, domain))
    .limit(1);
  if (!owner) {
    throw invalid(`No organisation owns ${domain}: name the organisation`, [
      { path: 'organisationId', message: 'required when no organisation owns the e-mail domain' },
    ]);
  }
  return owner;
}
