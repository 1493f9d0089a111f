import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organisations, people } from '../../db/schema.ts';
import type { PersonActor } from '../context.ts';

/** The address of the monitoring person Loket creates when none exists (seed-demo makes monitoring@provider.example). */
export const MONITORING_EMAIL = 'monitoring@loket.invalid';

/**
 * The person monitoring acts as — the requester and author of its incident tickets: an agent of the provider whose
 * address starts with `monitoring@` and who cannot log in (no password), created when missing. A race between two
 * workers creating it is settled by the unique e-mail index.
 */
export async function monitoringActor(tx: Executor, now: Date): Promise<PersonActor> {
  const find = () =>
    tx
      .select({ id: people.id, organisationId: people.organisationId, name: people.name })
      .from(people)
      .innerJoin(organisations, eq(organisations.id, people.organisationId))
      .where(
        and(
          eq(organisations.kind, 'provider'),
          sql`lower(${people.email}) LIKE 'monitoring@%'`,
          eq(people.role, 'agent'),
          isNull(people.passwordHash),
        ),
      )
      .orderBy(asc(people.createdAt))
      .limit(1);
  let [person] = await find();
  if (!person) {
    const [provider] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.kind, 'provider'))
      .orderBy(asc(organisations.createdAt))
      .limit(1);
    if (!provider) throw new Error('monitoring needs the provider organisation (create an admin first)');
    await tx
      .insert(people)
      .values({
        organisationId: provider.id,
        email: MONITORING_EMAIL,
        name: 'Monitoring',
        role: 'agent',
        passwordHash: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    [person] = await find();
    if (!person) throw new Error(`${MONITORING_EMAIL} exists but is not a provider agent without a password`);
  }
  return {
    kind: 'person',
    personId: person.id,
    organisationId: person.organisationId,
    role: 'agent',
    name: person.name,
    via: 'token',
  };
}
