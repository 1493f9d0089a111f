import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  apiTokens,
  articles,
  attachments,
  calendars,
  contractVersions,
  contracts,
  inboundMessages,
  mailboxes,
  monitors,
  notifications,
  outbox,
  priorityMatrix,
  savedFilters,
  ticketEvents,
  ticketLinks,
  ticketTasks,
  tickets,
} from '../db/schema.ts';
import { TWENTY_FOUR_SEVEN } from '../domain/sla/calendar.ts';
import { ContractTerms } from '../domain/sla/contracts.ts';
import { createApiToken } from '../services/auth/api-tokens.ts';
import { createTicket } from '../services/tickets/create-ticket.ts';
import { loginCookie, makeGroup, makeWorld } from '../../test/factories.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { makeStatusFixtures } from '../../test/status-fixtures.ts';
import type { FixtureKind, RouteDef } from './route.ts';
import { ROUTES } from './route-table.ts';

/**
 * Tenant isolation, generated from the route table: every route is called by customers of another organisation
 * (and by a fellow contact who is not the requester) with the victim's objects in its path, and with the victim's
 * ids in its body. Nothing of the victim's may come back, a foreign object must answer exactly like a missing
 * one, and nothing of the victim's may change. A route added to the table is covered the day it is added.
 */

type Fixtures = Record<FixtureKind, string>;
let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
let victim: Fixtures;
let own: Fixtures;
let markers: { crossOrg: string[]; sameOrg: string[] };
let snapshot: () => Promise<unknown>;
let before: unknown;
const cookies: Record<string, string> = {};

async function fixturesFor(
  requester: { id: string; organisationId: string; role: 'contact' | 'manager'; email: string },
  tag: string,
): Promise<Fixtures> {
  const ctx = h.as(requester);
  const ticket = await createTicket({ ctx, input: { subject: `${tag}-TICKET subject`, body: `${tag}-BODY text` } });
  const other = await createTicket({ ctx, input: { subject: `${tag}-OTHER subject`, body: `${tag}-OTHER body` } });
  const [article] = await h.deps.db.select().from(articles).where(eq(articles.ticketId, ticket.id)).limit(1);
  const stored = await h.deps.blobs.put(Buffer.from(`${tag}-FILE contents`));
  const [attachment] = await h.deps.db
    .insert(attachments)
    .values({
      uploaderId: requester.id,
      ticketId: ticket.id,
      articleId: article!.id,
      ...stored,
      filename: `${tag}-file.txt`,
      contentType: 'text/plain',
      createdAt: h.clock.now(),
    })
    .returning();
  const [link] = await h.deps.db
    .insert(ticketLinks)
    .values({ kind: 'related', sourceTicketId: ticket.id, targetTicketId: other.id, createdAt: h.clock.now() })
    .returning();
  const token = await createApiToken({ ctx, input: { name: `${tag}-token` } });
  const [event] = await h.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id)).limit(1);
  const [notification] = await h.deps.db
    .insert(notifications)
    .values({
      personId: world.agent.id,
      ticketId: ticket.id,
      eventId: event!.id,
      kind: 'ticket_created',
      createdAt: h.clock.now(),
    })
    .returning();
  const group = await makeGroup(h, [world.agent.id]);
  const [category] = await h.deps.db.query.categories.findMany({ limit: 1 });
  const [status] = await h.deps.db.query.statuses.findMany({ limit: 1 });
  // Calendars belong to the provider, like groups: no customer may read or change any of them.
  const [calendar] = await h.deps.db
    .insert(calendars)
    .values({
      name: `Calendar ${tag.toLowerCase()}`,
      definition: TWENTY_FOUR_SEVEN('Europe/Amsterdam'),
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  // Contracts belong to the requester's organisation; customers may not see even their own (yet).
  const [contract] = await h.deps.db
    .insert(contracts)
    .values({
      organisationId: requester.organisationId,
      name: `${tag}-CONTRACT`,
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  await h.deps.db.insert(contractVersions).values({
    contractId: contract!.id,
    version: 1,
    effectiveFrom: h.clock.now(),
    ...ContractTerms.parse({
      calendarId: calendar!.id,
      matrix: await h.deps.db.select().from(priorityMatrix),
      targets: Object.fromEntries(
        ['P1', 'P2', 'P3', 'P4'].map((p) => [p, { firstResponseMinutes: 60, resolutionMinutes: 480 }]),
      ),
    }),
    createdAt: h.clock.now(),
  });
  const [task] = await h.deps.db
    .insert(ticketTasks)
    .values({ ticketId: ticket.id, kind: 'call_customer', assigneeId: world.agent.id, createdAt: h.clock.now() })
    .returning();
  // Mailboxes and the messages they received belong to the provider: admins only.
  const [mailbox] = await h.deps.db
    .insert(mailboxes)
    .values({
      name: `Mailbox ${tag.toLowerCase()}`,
      address: `${tag.toLowerCase()}@provider.example`,
      inbound: 'smtp',
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  const raw = await h.deps.blobs.put(Buffer.from(`Subject: ${tag}-MAIL\r\n\r\n${tag}-MAIL body`));
  const [inbound] = await h.deps.db
    .insert(inboundMessages)
    .values({
      mailboxId: mailbox!.id,
      messageKey: `${tag.toLowerCase()}@mail.example`,
      ...raw,
      receivedAt: h.clock.now(),
      status: 'quarantined',
      reason: 'test',
      subject: `${tag}-MAIL`,
    })
    .returning();
  // The acknowledgement the new ticket wrote: admins only.
  const [mail] = await h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id)).limit(1);
  const [savedFilter] = await h.deps.db
    .insert(savedFilters)
    .values({
      personId: requester.id,
      name: `${tag}-FILTER`,
      query: { q: `${tag}-QUERY` },
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  // Monitors belong to the provider, like groups: agents read them, admins change them, customers nothing.
  const [monitor] = await h.deps.db
    .insert(monitors)
    .values({
      name: `Monitor ${tag.toLowerCase()}`,
      kind: 'tcp',
      target: '127.0.0.1:9',
      intervalSeconds: 60,
      timeoutMs: 1000,
      failuresBeforeDown: 3,
      successesBeforeUp: 1,
      phaseMs: 0,
      urgency: 'high',
      impact: 'high',
      state: 'paused',
      stateChangedAt: h.clock.now(),
      createdAt: h.clock.now(),
      updatedAt: h.clock.now(),
    })
    .returning();
  // Status page objects belong to the provider: agents manage them; a private component serves the requester's
  // contract, and must show up for no other organisation.
  const statusFixture = await makeStatusFixtures(h, tag, contract!.id);
  return {
    ticket: ticket.id,
    organisation: requester.organisationId,
    person: requester.id,
    group: group.id,
    category: category!.id,
    status: status!.id,
    attachment: attachment!.id,
    link: link!.id,
    apiToken: token.id,
    notification: notification!.id,
    calendar: calendar!.id,
    contract: contract!.id,
    task: task!.id,
    mailbox: mailbox!.id,
    inboundMessage: inbound!.id,
    outbox: mail!.id,
    mailTemplateKey: 'acknowledgement',
    mailTemplateLanguage: 'en',
    savedFilter: savedFilter!.id,
    monitor: monitor!.id,
    heartbeatSecret: `hb_${tag.toLowerCase()}`,
    component: statusFixture.component,
    componentGroup: statusFixture.group,
    incident: statusFixture.incident,
    maintenance: statusFixture.maintenance,
    subscription: statusFixture.subscription,
  };
}

beforeAll(async () => {
  h = await createHarness();
  world = await makeWorld(h);
  victim = await fixturesFor({ ...world.contactA, role: 'contact' }, 'VICTIM');
  own = await fixturesFor({ ...world.contactB, role: 'contact' }, 'OWN');
  markers = {
    // What a customer of another organisation must never see.
    crossOrg: ['VICTIM-', world.contactA.email, world.orgA.name, world.orgA.domains[0]!],
    // What a fellow contact in the victim's organisation must never see (the organisation itself is theirs).
    sameOrg: ['VICTIM-', world.contactA.email],
  };
  for (const person of [world.managerB, world.contactB, world.contactA2]) {
    cookies[person.id] = await loginCookie(h, person.email);
  }
  snapshot = async () => ({
    ticket: await h.deps.db.select().from(tickets).where(eq(tickets.id, victim.ticket)),
    articles: await h.deps.db.select().from(articles).where(eq(articles.ticketId, victim.ticket)),
    links: await h.deps.db.select().from(ticketLinks).where(eq(ticketLinks.sourceTicketId, victim.ticket)),
    events: await h.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, victim.ticket)),
    token: await h.deps.db.select().from(apiTokens).where(eq(apiTokens.id, victim.apiToken)),
    notification: await h.deps.db.select().from(notifications).where(eq(notifications.id, victim.notification)),
    contract: await h.deps.db.select().from(contracts).where(eq(contracts.id, victim.contract)),
    tasks: await h.deps.db.select().from(ticketTasks).where(eq(ticketTasks.ticketId, victim.ticket)),
    savedFilter: await h.deps.db.select().from(savedFilters).where(eq(savedFilters.id, victim.savedFilter)),
    outbox: await h.deps.db.select().from(outbox).where(eq(outbox.id, victim.outbox)),
    contractVersions: await h.deps.db
      .select()
      .from(contractVersions)
      .where(eq(contractVersions.contractId, victim.contract)),
  });
  before = await snapshot();
});
afterAll(() => h?.close());

/**
 * Shared reference data (categories, statuses), the provider's groups and calendars belong to no customer; contracts
 * belong to an organisation.
 */
const TENANT_KINDS = new Set<FixtureKind>([
  'ticket',
  'organisation',
  'person',
  'attachment',
  'link',
  'apiToken',
  'notification',
  'contract',
  'task',
  'outbox',
  'savedFilter',
]);

const fill = (url: string, params: Record<string, FixtureKind>, ids: Fixtures, override?: [string, string]) =>
  url.replace(/:(\w+)/g, (_m, name: string) => (override?.[0] === name ? override[1] : ids[params[name]!]));

const fillBody = (example: unknown, ids: Fixtures): unknown =>
  JSON.parse(JSON.stringify(example ?? {}), (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith('$') && v.slice(1) in ids ? ids[v.slice(1) as FixtureKind] : v,
  );

const attackers = () => [
  { label: 'manager of another organisation', person: world.managerB, foreign: markers.crossOrg, sameOrg: false },
  { label: 'contact of another organisation', person: world.contactB, foreign: markers.crossOrg, sameOrg: false },
  {
    label: 'fellow contact who is not the requester',
    person: world.contactA2,
    foreign: markers.sameOrg,
    sameOrg: true,
  },
];

async function call(r: RouteDef, url: string, personId: string, body?: unknown) {
  const response = await h.app.inject({
    method: r.method,
    url: `/api/v1${url}`,
    headers: { cookie: cookies[personId]! },
    ...(r.body ? { payload: body as object } : {}),
  });
  return { status: response.statusCode, body: response.body };
}

const nonPublic = ROUTES.filter((r) => r.access !== 'public' && !r.stream);
const streams = ROUTES.filter((r) => r.access !== 'public' && r.stream);

let baseUrl: string | undefined;
/**
 * Reads a Server-Sent Events route over a real connection while `trigger` changes tickets, until `until` appears
 * in the stream (or a few seconds pass); returns what arrived.
 */
async function readStream(url: string, personId: string, trigger: () => Promise<void>, until: () => string) {
  baseUrl ??= await h.app.listen({ port: 0, host: '127.0.0.1' });
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1${url}`, {
    headers: { cookie: cookies[personId]! },
    signal: controller.signal,
  });
  let body = '';
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        body += value;
      }
    } catch {
      // aborted
    }
  })();
  await trigger();
  const deadline = Date.now() + 5_000;
  while (!body.includes(until()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await reading;
  return { status: res.status, body };
}

describe('tenant isolation, generated from the route table', () => {
  it('knows the fixture kind of every path parameter and has an example body for every write with parameters', () => {
    for (const r of ROUTES) {
      const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      expect(Object.keys(r.params ?? {}).sort(), `${r.method} ${r.url}: params`).toEqual(names.sort());
      if (r.body && names.length > 0) expect(r.example, `${r.method} ${r.url} needs an example body`).toBeDefined();
      if (r.body && r.example) {
        const parsed = r.body.safeParse(fillBody(r.example, own));
        expect(parsed.success, `${r.method} ${r.url}: its example must be valid (${parsed.error?.message})`).toBe(true);
      }
    }
  });

  for (const r of nonPublic) {
    const paramKinds = Object.values(r.params ?? {});
    const touchesTenant = paramKinds.some((k) => TENANT_KINDS.has(k));
    it(`${r.method} ${r.url} shows customers nothing of another's`, async () => {
      for (const attacker of attackers()) {
        // The victim's status page objects serve the victim's organisation: a fellow contact may see them.
        const shared = attacker.sameOrg ? /VICTIM-(COMPONENT|INCIDENT|MAINTENANCE)/g : null;
        const sees = (body: string) =>
          attacker.foreign.filter((m) => (shared ? body.replace(shared, '') : body).includes(m));
        if (paramKinds.length === 0) {
          // A list or a create: add the victim's ids as filters where the query takes them.
          let url = r.url;
          if (r.method === 'GET' && r.query instanceof z.ZodObject) {
            const shape = r.query.shape as Record<string, unknown>;
            const filters = [
              ['organisationId', victim.organisation],
              ['requesterId', victim.person],
            ].filter(([k]) => k! in shape && !(attacker.sameOrg && k === 'organisationId'));
            if (filters.length) url += `?${filters.map(([k, v]) => `${k}=${v}`).join('&')}`;
          }
          const res = await call(r, url, attacker.person.id, fillBody(r.example, victim));
          expect(sees(res.body), `${attacker.label}: ${r.method} ${url} → ${res.status}`).toEqual([]);
          continue;
        }
        const foreignKinds = paramKinds.filter(
          (k) => TENANT_KINDS.has(k) && !(attacker.sameOrg && k === 'organisation'),
        );
        if (touchesTenant && foreignKinds.length === 0) continue;
        // 1. The victim's objects in the path, the attacker's own ids in the body.
        const url = fill(r.url, r.params!, victim);
        const res = await call(r, url, attacker.person.id, fillBody(r.example, own));
        const what = `${attacker.label}: ${r.method} ${url}`;
        expect(sees(res.body), `${what} leaked`).toEqual([]);
        if (touchesTenant) {
          expect([403, 404], `${what} → ${res.status} ${res.body}`).toContain(res.status);
          if (res.status === 404) {
            // Exactly the answer for an object that does not exist.
            const name = Object.entries(r.params!).find(([, k]) => foreignKinds.includes(k))![0];
            const missing = await call(
              r,
              fill(r.url, r.params!, victim, [name, randomUUID()]),
              attacker.person.id,
              fillBody(r.example, own),
            );
            expect(res, `${what}: foreign must look missing`).toEqual(missing);
          }
        }
        // 2. The attacker's own objects in the path, the victim's ids in the body.
        if (r.example && JSON.stringify(r.example).includes('$')) {
          const reverse = await call(r, fill(r.url, r.params!, own), attacker.person.id, fillBody(r.example, victim));
          expect(
            sees(reverse.body),
            `${attacker.label}: ${r.method} ${r.url} with the victim's ids in the body`,
          ).toEqual([]);
          expect(
            reverse.status,
            `${attacker.label}: ${r.method} ${r.url} acted on the victim's ids`,
          ).toBeGreaterThanOrEqual(400);
        }
      }
    });
  }

  for (const r of streams) {
    it(`${r.method} ${r.url} pushes customers nothing of another's`, async () => {
      for (const attacker of attackers()) {
        let victimTicket = '';
        let ownTicket = '';
        const res = await readStream(
          r.url,
          attacker.person.id,
          async () => {
            // A change to the victim's ticket first, then one to the attacker's own: when the own one has arrived,
            // the victim's would have too.
            const victimCtx = h.as({ ...world.contactA, role: 'contact' });
            victimTicket = (
              await createTicket({ ctx: victimCtx, input: { subject: 'VICTIM-LIVE', body: 'VICTIM-LIVE' } })
            ).id;
            const own = h.as({ ...attacker.person, role: attacker.person.role as 'contact' | 'manager' });
            ownTicket = (await createTicket({ ctx: own, input: { subject: 'OWN-LIVE', body: 'OWN-LIVE' } })).id;
          },
          () => ownTicket,
        );
        const what = `${attacker.label}: ${r.method} ${r.url} → ${res.status}`;
        expect(res.body, `${what} received its own change`).toContain(ownTicket);
        expect(res.body, `${what} leaked`).not.toContain(victimTicket);
        expect(
          attacker.foreign.filter((m) => res.body.includes(m)),
          what,
        ).toEqual([]);
      }
    });
  }

  it("left every one of the victim's objects as it was", async () => {
    expect(await snapshot()).toEqual(before);
  });
});
