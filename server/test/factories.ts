import { randomUUID } from 'node:crypto';
import type { Role } from '@loket/contract';
import { groupMembers, groups, organisationDomains, organisations, people } from '../src/db/schema.ts';
import { hashPassword } from '../src/services/auth/secrets.ts';
import type { Harness } from './harness.ts';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));
const unique = () => randomUUID().slice(0, 8);

export async function makeOrganisation(
  h: Harness,
  overrides: Partial<typeof organisations.$inferInsert> & { domains?: string[] } = {},
) {
  const now = h.clock.now();
  const { domains = [`org-${unique()}.example`], ...values } = overrides;
  const [org] = await h.deps.db
    .insert(organisations)
    .values({ name: `Org ${unique()}`, kind: 'customer', createdAt: now, updatedAt: now, ...values })
    .returning();
  if (domains.length) {
    await h.deps.db.insert(organisationDomains).values(domains.map((domain) => ({ domain, organisationId: org!.id })));
  }
  return { ...org!, domains };
}

export async function makePerson(
  h: Harness,
  overrides: Partial<typeof people.$inferInsert> & { role: Role; organisationId: string },
) {
  const now = h.clock.now();
  const [person] = await h.deps.db
    .insert(people)
    .values({
      email: `${overrides.role}-${unique()}@test.example`,
      name: `${overrides.role} ${unique()}`,
      passwordHash: await passwordHash(),
      createdAt: now,
      updatedAt: now,
      ...overrides,
    })
    .returning();
  return person!;
}

export async function makeGroup(h: Harness, memberIds: string[] = [], name = `Group ${unique()}`) {
  const [group] = await h.deps.db.insert(groups).values({ name, createdAt: h.clock.now() }).returning();
  if (memberIds.length) {
    await h.deps.db.insert(groupMembers).values(memberIds.map((personId) => ({ groupId: group!.id, personId })));
  }
  return group!;
}

/** A provider with an admin and an agent, and two customer organisations each with a manager and a contact. */
export async function makeWorld(h: Harness) {
  const provider = await makeOrganisation(h, { kind: 'provider', name: 'Provider' });
  const admin = await makePerson(h, { role: 'admin', organisationId: provider.id });
  const agent = await makePerson(h, { role: 'agent', organisationId: provider.id });
  const orgA = await makeOrganisation(h, { name: 'Customer A' });
  const orgB = await makeOrganisation(h, { name: 'Customer B' });
  const managerA = await makePerson(h, { role: 'manager', organisationId: orgA.id });
  const contactA = await makePerson(h, { role: 'contact', organisationId: orgA.id });
  const contactA2 = await makePerson(h, { role: 'contact', organisationId: orgA.id });
  const managerB = await makePerson(h, { role: 'manager', organisationId: orgB.id });
  const contactB = await makePerson(h, { role: 'contact', organisationId: orgB.id });
  return { provider, admin, agent, orgA, orgB, managerA, contactA, contactA2, managerB, contactB };
}

/** Logs in over HTTP and returns the Cookie header to send. */
export async function loginCookie(h: Harness, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'loket_session');
  return `loket_session=${cookie!.value}`;
}
