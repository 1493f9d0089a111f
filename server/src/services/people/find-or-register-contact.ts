import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organisationDomains, organisations, people } from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';

export const UNMATCHED_ORGANISATION_NAME = 'Unmatched senders';

export function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return (
    local
      .split(/[._-]+/)
      .filter(Boolean)
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(' ') || email
  );
}

/**
 * The person with this address; when there is none, a contact registered from nothing but the address, in the
 * organisation that owns its domain, or in the "unmatched" organisation for triage. Safe under concurrent calls.
 * A caller that has just looked the address up passes what it found (`null` for nobody) to save the lookup.
 */
export async function findOrRegisterContact(
  deps: Pick<ServiceDeps, 'clock'>,
  tx: Executor,
  input: { email: string; name?: string | undefined },
  lookedUp?: typeof people.$inferSelect | null,
): Promise<{ person: typeof people.$inferSelect; registered: boolean }> {
  const email = input.email.trim().toLowerCase();
  const existing = lookedUp === undefined ? await findPersonByEmail(tx, email) : lookedUp;
  if (existing) return { person: existing, registered: false };

  const domain = email.split('@')[1] ?? '';
  const [owner] = await tx
    .select({ id: organisationDomains.organisationId })
    .from(organisationDomains)
    .where(eq(organisationDomains.domain, domain))
    .limit(1);
  const organisationId = owner?.id ?? (await unmatchedOrganisationId(deps, tx));
  const now = deps.clock.now();
  const [created] = await tx
    .insert(people)
    .values({
      organisationId,
      email,
      name: input.name?.trim() || nameFromEmail(email),
      role: 'contact',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (created) return { person: created, registered: true };
  const raced = await findPersonByEmail(tx, email);
  if (!raced) throw new Error(`contact ${email} neither inserted nor found`);
  return { person: raced, registered: false };
}

export async function findPersonByEmail(tx: Executor, email: string) {
  const [row] = await tx
    .select()
    .from(people)
    .where(sql`lower(${people.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return row;
}

async function unmatchedOrganisationId(deps: Pick<ServiceDeps, 'clock'>, tx: Executor): Promise<string> {
  const find = async () =>
    (
      await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'unmatched')).limit(1)
    )[0];
  const found = await find();
  if (found) return found.id;
  // One unmatched organisation: serialise its creation with a transaction-scoped advisory lock.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(727275)`);
  const again = await find();
  if (again) return again.id;
  const now = deps.clock.now();
  const [row] = await tx
    .insert(organisations)
    .values({ name: UNMATCHED_ORGANISATION_NAME, kind: 'unmatched', createdAt: now, updatedAt: now })
    .returning({ id: organisations.id });
  return row!.id;
}
