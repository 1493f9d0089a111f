import { Email, Name, Password } from '@loket/contract';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organisations, people } from '../../db/schema.ts';
import { conflict, invalid } from '../../domain/app-error.ts';
import { parseInput } from '../authorize.ts';
import type { ServiceDeps } from '../context.ts';
import { hashPassword } from '../auth/secrets.ts';

const CreateAdminInput = z.object({
  email: Email,
  name: Name,
  password: Password,
  organisation: Name.optional(),
});

/**
 * The first administrator of a new installation (from the command line, so no actor): creates the provider
 * organisation when there is none yet.
 */
export async function createAdmin({ deps, input }: { deps: ServiceDeps; input: unknown }) {
  const data = parseInput(CreateAdminInput, input);
  const passwordHash = await hashPassword(data.password);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.email}) = ${data.email.toLowerCase()}`);
    if (taken) throw conflict(`${data.email} already exists`);
    let [provider] = await tx.select().from(organisations).where(eq(organisations.kind, 'provider')).limit(1);
    if (!provider) {
      if (!data.organisation) throw invalid('No provider organisation yet: name it with --organisation');
      [provider] = await tx
        .insert(organisations)
        .values({ name: data.organisation, kind: 'provider', createdAt: now, updatedAt: now })
        .returning();
    }
    const [admin] = await tx
      .insert(people)
      .values({
        organisationId: provider!.id,
        email: data.email.toLowerCase(),
        name: data.name,
        role: 'admin',
        passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return admin!;
  });
}
