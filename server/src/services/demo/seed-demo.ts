import { randomUUID } from 'node:crypto';
import type { Channel, Language, Role, StatusKind } from '@loket/contract';
import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  articles,
  calendars,
  categories,
  contractVersions,
  mailboxes,
  contracts,
  groupMembers,
  groups,
  organisationDomains,
  organisations,
  people,
  statuses,
  ticketEvents,
  ticketLinks,
  tickets,
  timeEntries,
} from '../../db/schema.ts';
import { type CalendarDefinition, TWENTY_FOUR_SEVEN } from '../../domain/sla/calendar.ts';
import { ContractTerms } from '../../domain/sla/contracts.ts';
import { stampsForTransition } from '../../domain/tickets/lifecycle.ts';
import { type PriorityCell, priorityFor } from '../../domain/tickets/priority.ts';
import { formatReference } from '../../domain/tickets/reference.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { ServiceDeps } from '../context.ts';
import { loadPriorityMatrix, loadSettings } from '../shared/reference-lookup.ts';
import {
  DEMO_TICKETS,
  type DemoActor,
  type DemoCustomer,
  type DemoGroupKey,
  type DemoStaff,
  type DemoStatusKey,
  type DemoTicket,
} from './demo-tickets.ts';
import { seedDemoStatus } from './seed-demo-status.ts';

/** Every demo account that can log in uses this password. */
export const DEMO_PASSWORD = 'loket-demo';
export const DEMO_PROVIDER_DOMAIN = 'provider.example';

type DemoOrganisationKey = 'provider' | DemoCustomer;

export const DEMO_ORGANISATIONS: readonly {
  key: DemoOrganisationKey;
  name: string;
  kind: 'provider' | 'customer';
  domain: string;
  language: Language;
}[] = [
  { key: 'provider', name: 'Loket Demo Services', kind: 'provider', domain: DEMO_PROVIDER_DOMAIN, language: 'en' },
  { key: 'acme', name: 'Acme Manufacturing', kind: 'customer', domain: 'acme.example', language: 'nl' },
  { key: 'nordic', name: 'Nordic Logistics', kind: 'customer', domain: 'nordic.example', language: 'sv' },
  { key: 'hosting', name: 'Hosting Customer Ltd', kind: 'customer', domain: 'hosting.example', language: 'en' },
];

/** The demo's support address: mail relayed to the SMTP receiver (INBOUND_SMTP_PORT) for it opens tickets. */
export const DEMO_MAILBOX = 'support@provider.example';

export const DEMO_GROUPS: readonly { key: DemoGroupKey; name: string; description: string; lead: DemoStaff }[] = [
  {
    key: 'first_line',
    name: 'First line',
    description: 'Takes every new ticket: triage, quick fixes, requests',
    lead: 'agent',
  },
  {
    key: 'experts',
    name: 'Experts',
    description: 'Networks, servers and escalations from the first line',
    lead: 'expert1',
  },
];

const weekdays = (hours: [string, string][]): CalendarDefinition['weekly'] => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
});

/** The business-hours calendars the demo contracts run on. */
export const DEMO_CALENDARS: readonly { name: string; definition: CalendarDefinition }[] = [
  {
    name: 'Netherlands office hours',
    definition: {
      timezone: 'Europe/Amsterdam',
      weekly: weekdays([['08:00', '17:00']]),
      holidaySource: { country: 'NL', types: ['public'] },
    },
  },
  {
    name: 'Sweden office hours',
    definition: {
      timezone: 'Europe/Stockholm',
      weekly: weekdays([['08:00', '17:00']]),
      holidaySource: { country: 'SE', types: ['public', 'bank'] },
      rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
    },
  },
  { name: '24×7', definition: TWENTY_FOUR_SEVEN('Europe/Amsterdam') },
];

const H = 60;
const target = (firstResponseHours: number, resolutionHours: number, updateHours?: number) => ({
  firstResponseMinutes: firstResponseHours * H,
  resolutionMinutes: resolutionHours * H,
  ...(updateHours !== undefined ? { updateMinutes: updateHours * H } : {}),
});

/**
 * One contract per customer, on the demo calendars, in force since the customers' creation. Targets are business
 * hours on the contract's calendar. Nordic's is the standard agreement: a response within 8 working hours, sooner
 * for P1–P3, and resolution within 1, 3, 5 and 10 working days (of eight hours) for P1–P4. Every contract calls the
 * customer after 4 working hours of logged work and closes resolved tickets after 1 working day (the defaults);
 * the hosting customer also gets updates every hour on a P1 and every four hours on a P2.
 */
export const DEMO_CONTRACTS: readonly {
  customer: DemoCustomer;
  name: string;
  calendar: string;
  targets: Record<'P1' | 'P2' | 'P3' | 'P4', ReturnType<typeof target>>;
}[] = [
  {
    customer: 'acme',
    name: 'Acme service agreement',
    calendar: 'Netherlands office hours',
    targets: { P1: target(2, 8), P2: target(4, 16), P3: target(8, 40), P4: target(16, 80) },
  },
  {
    customer: 'nordic',
    name: 'Standard agreement',
    calendar: 'Sweden office hours',
    targets: { P1: target(2, 8), P2: target(4, 24), P3: target(8, 40), P4: target(8, 80) },
  },
  {
    customer: 'hosting',
    name: 'Managed hosting 24×7',
    calendar: '24×7',
    targets: { P1: target(0.5, 4, 1), P2: target(1, 8, 4), P3: target(4, 24), P4: target(8, 72) },
  },
];

export type DemoAccount = {
  /** Provider staff by role key; customer people as `<customer>.<contact|manager|extra>`. */
  key: string;
  email: string;
  name: string;
  role: Role;
  organisation: DemoOrganisationKey;
  language: Language;
  groups: readonly DemoGroupKey[];
  /** False for the monitoring integration: it opens tickets, nobody logs in as it. */
  canLogIn: boolean;
  description: string;
};

const staff = (
  key: DemoStaff,
  name: string,
  role: Role,
  memberOf: DemoGroupKey[],
  description: string,
  canLogIn = true,
): DemoAccount => ({
  key,
  email: `${key}@${DEMO_PROVIDER_DOMAIN}`,
  name,
  role,
  organisation: 'provider',
  language: 'en',
  groups: memberOf,
  canLogIn,
  description,
});
const customer = (
  org: DemoCustomer,
  local: string,
  key: string,
  name: string,
  role: Role,
  description: string,
): DemoAccount => {
  const { domain, language } = DEMO_ORGANISATIONS.find((o) => o.key === org)!;
  return {
    key: `${org}.${key}`,
    email: `${local}@${domain}`,
    name,
    role,
    organisation: org,
    language,
    groups: [],
    canLogIn: true,
    description,
  };
};

/** The demo accounts, for the README and the login page; every one that can log in has the password `loket-demo`. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  staff('admin', 'Robin de Wit', 'admin', ['first_line'], 'Administrator; member of First line'),
  staff('agent', 'Sam Jansen', 'agent', ['first_line'], 'Agent, lead of First line'),
  staff('agent2', 'Mila de Boer', 'agent', ['first_line'], 'Agent in First line'),
  staff('expert1', 'Noor Bakker', 'agent', ['experts'], 'Agent, lead of Experts'),
  staff('expert2', 'Erik Lindqvist', 'agent', ['experts'], 'Agent in Experts'),
  staff(
    'monitoring',
    'Monitoring',
    'agent',
    [],
    'The monitoring integration that opens alert tickets; cannot log in',
    false,
  ),
  customer('acme', 'contact', 'contact', 'Jeroen Smit', 'contact', 'Contact at Acme Manufacturing (Dutch)'),
  customer(
    'acme',
    'manager',
    'manager',
    'Ingrid Mulder',
    'manager',
    'Manager at Acme Manufacturing: sees all Acme tickets',
  ),
  customer('acme', 'lisa', 'extra', 'Lisa Verbeek', 'contact', 'Contact at Acme Manufacturing, purchasing'),
  customer('nordic', 'contact', 'contact', 'Karin Andersson', 'contact', 'Contact at Nordic Logistics (Swedish)'),
  customer(
    'nordic',
    'manager',
    'manager',
    'Lars Nilsson',
    'manager',
    'Manager at Nordic Logistics: sees all Nordic tickets',
  ),
  customer('nordic', 'johan', 'extra', 'Johan Berg', 'contact', 'Contact at Nordic Logistics, warehouse'),
  customer('hosting', 'contact', 'contact', 'Emily Clarke', 'contact', 'Contact at Hosting Customer Ltd (English)'),
  customer('hosting', 'manager', 'manager', 'Oliver Hughes', 'manager', 'Manager at Hosting Customer Ltd'),
];

// Serialises concurrent first starts of several processes on one database.
const SEED_LOCK = 727276;
const MINUTE = 60_000;

/**
 * Loads the fixed demo data set (organisations, accounts, groups and about fifty tickets with their history over the
 * past six weeks) in one transaction. Idempotent: nothing happens when the demo provider exists, nor on a database
 * already in use (any provider organisation), so demo data never mixes with real data.
 * History is written as it would have happened, but no jobs are enqueued for it: nobody is notified of the past.
 */
export async function seedDemo({ deps }: { deps: ServiceDeps }): Promise<{ created: boolean; tickets: number }> {
  if (await alreadyInUse(deps.db)) return { created: false, tickets: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    if (await alreadyInUse(tx)) return { created: false, tickets: 0 };
    const directory = await insertOrganisationsAndPeople(tx, {
      now: new Date(now.getTime() - 42 * 1440 * MINUTE),
      passwordHash,
    });
    await tx.insert(calendars).values(DEMO_CALENDARS.map((c) => ({ ...c, createdAt: now, updatedAt: now })));
    await insertContracts(tx, { now, since: new Date(now.getTime() - 42 * 1440 * MINUTE), directory });
    const count = await insertTickets(tx, { now, directory });
    await putTicketsUnderContracts(tx);
    await seedDemoStatus(tx, { now });
    await tx.insert(mailboxes).values({
      name: 'Support',
      address: DEMO_MAILBOX,
      inbound: 'smtp',
      groupId: directory.groupId.get('first_line')!,
      createdAt: now,
      updatedAt: now,
    });
    return { created: true, tickets: count };
  });
}

/**
 * Each demo ticket runs under the contract version in force when it was opened; those not closed are due for the
 * SLA sweep at once, which computes their clocks from the history above and records what came due in the past (the
 * demo's breached tickets are breached for real).
 */
async function putTicketsUnderContracts(tx: Executor): Promise<void> {
  await tx.execute(sql`UPDATE tickets t SET
    contract_version_id = (
      SELECT cv.id FROM contract_versions cv JOIN contracts c ON c.id = cv.contract_id
      WHERE c.organisation_id = t.organisation_id AND cv.effective_from <= t.created_at
      ORDER BY cv.effective_from DESC, cv.version DESC LIMIT 1),
    next_deadline_at = CASE WHEN t.status_kind <> 'closed' THEN t.updated_at END`);
}

async function alreadyInUse(db: Executor): Promise<boolean> {
  const [demo] = await db
    .select({ id: organisationDomains.organisationId })
    .from(organisationDomains)
    .where(eq(organisationDomains.domain, DEMO_PROVIDER_DOMAIN))
    .limit(1);
  if (demo) return true;
  const [provider] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, 'provider'))
    .limit(1);
  return provider !== undefined;
}

type Directory = {
  personId: Map<string, string>;
  organisationId: Map<DemoOrganisationKey, string>;
  groupId: Map<DemoGroupKey, string>;
  members: Map<DemoGroupKey, Set<string>>;
};

async function insertOrganisationsAndPeople(
  tx: Executor,
  input: { now: Date; passwordHash: string },
): Promise<Directory> {
  const { now, passwordHash } = input;
  const orgRows = await tx
    .insert(organisations)
    .values(
      DEMO_ORGANISATIONS.map((o) => ({
        name: o.name,
        kind: o.kind,
        language: o.language,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: organisations.id, name: organisations.name });
  const organisationId = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, orgRows.find((r) => r.name === o.name)!.id]));
  await tx
    .insert(organisationDomains)
    .values(DEMO_ORGANISATIONS.map((o) => ({ domain: o.domain, organisationId: organisationId.get(o.key)! })));

  const personRows = await tx
    .insert(people)
    .values(
      DEMO_ACCOUNTS.map((a) => ({
        organisationId: organisationId.get(a.organisation)!,
        email: a.email,
        name: a.name,
        role: a.role,
        language: a.language,
        passwordHash: a.canLogIn ? passwordHash : null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: people.id, email: people.email });
  const personId = new Map(DEMO_ACCOUNTS.map((a) => [a.key, personRows.find((r) => r.email === a.email)!.id]));

  const groupRows = await tx
    .insert(groups)
    .values(
      DEMO_GROUPS.map((g) => ({
        name: g.name,
        description: g.description,
        leadId: personId.get(g.lead)!,
        createdAt: now,
      })),
    )
    .returning({ id: groups.id, name: groups.name });
  const groupId = new Map(DEMO_GROUPS.map((g) => [g.key, groupRows.find((r) => r.name === g.name)!.id]));
  const members = new Map(
    DEMO_GROUPS.map((g) => [g.key, new Set(DEMO_ACCOUNTS.filter((a) => a.groups.includes(g.key)).map((a) => a.key))]),
  );
  await tx
    .insert(groupMembers)
    .values(
      DEMO_ACCOUNTS.flatMap((a) => a.groups.map((g) => ({ groupId: groupId.get(g)!, personId: personId.get(a.key)! }))),
    );
  return { personId, organisationId, groupId, members };
}

/**
 * The demo contracts, each with one version that took effect when its customer was created, so the demo history
 * runs under it.
 */
async function insertContracts(tx: Executor, input: { now: Date; since: Date; directory: Directory }): Promise<void> {
  const { now, since, directory } = input;
  const calendarRows = await tx.select({ id: calendars.id, name: calendars.name }).from(calendars);
  const matrix = (await loadPriorityMatrix(tx)).map(({ urgency, impact, priority }) => ({ urgency, impact, priority }));
  const rows = await tx
    .insert(contracts)
    .values(
      DEMO_CONTRACTS.map((c) => ({
        organisationId: directory.organisationId.get(c.customer)!,
        name: c.name,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: contracts.id, name: contracts.name });
  await tx.insert(contractVersions).values(
    DEMO_CONTRACTS.map((c) => ({
      contractId: rows.find((r) => r.name === c.name)!.id,
      version: 1,
      effectiveFrom: since,
      createdAt: now,
      ...ContractTerms.parse({
        calendarId: calendarRows.find((r) => r.name === c.calendar)!.id,
        matrix,
        targets: c.targets,
        effortThresholdMinutes: 240,
        autoCloseWorkingDays: 1,
      }),
    })),
  );
}

type TicketInsert = typeof tickets.$inferInsert;
type EventInsert = typeof ticketEvents.$inferInsert;
type StatusRef = { id: string; key: string; kind: StatusKind };

/** One ticket being replayed: its row as it stands after each step. */
type Replay = {
  scenario: DemoTicket;
  row: TicketInsert & { id: string; number: number; reference: string; createdAt: Date };
};

async function insertTickets(tx: Executor, input: { now: Date; directory: Directory }): Promise<number> {
  const { now, directory: dir } = input;
  // One after another: a transaction is one connection, and node-postgres runs one query at a time on it.
  const statusRows = await tx.select({ id: statuses.id, key: statuses.key, kind: statuses.kind }).from(statuses);
  const categoryRows = await tx.select({ id: categories.id, key: categories.key }).from(categories);
  const matrix = await loadPriorityMatrix(tx);
  const settings = await loadSettings(tx);
  const status = (key: DemoStatusKey): StatusRef => {
    const row = statusRows.find((s) => s.key === key);
    if (!row) throw new Error(`demo data needs the default status "${key}"`);
    return row;
  };
  const categoryId = (key: string): string => {
    const row = categoryRows.find((c) => c.key === key);
    if (!row) throw new Error(`demo data needs the default category "${key}"`);
    return row.id;
  };

  // Numbers follow the order tickets were opened in, as they would have been handed out.
  const openedAt = (s: DemoTicket) =>
    new Date(Math.floor((now.getTime() - s.daysAgo * 1440 * MINUTE) / MINUTE) * MINUTE + (s.plusMinutes ?? 0) * MINUTE);
  const scenarios = [...DEMO_TICKETS].sort((a, b) => openedAt(a).getTime() - openedAt(b).getTime());
  const numbers = (
    await queryRows<{ number: number }>(
      tx,
      sql`SELECT nextval('ticket_number_seq')::int AS number FROM generate_series(1, ${scenarios.length}::int)`,
    )
  )
    .map((r) => Number(r.number))
    .sort((a, b) => a - b);

  const byKey = new Map<string, Replay>();
  for (const [i, scenario] of scenarios.entries()) {
    if (byKey.has(scenario.key)) throw new Error(`demo ticket ${scenario.key} is listed twice`);
    const createdAt = openedAt(scenario);
    const number = numbers[i]!;
    const initial = status('open');
    byKey.set(scenario.key, {
      scenario,
      row: {
        id: randomUUID(),
        number,
        reference: formatReference(settings.ticketPrefix, createdAt, number),
        subject: scenario.subject,
        categoryId: categoryId(scenario.category),
        statusId: initial.id,
        statusKind: initial.kind,
        urgency: scenario.urgency,
        impact: scenario.impact,
        priority: priorityFor(matrix, scenario.urgency, scenario.impact),
        channel: scenario.channel,
        requesterId: '',
        organisationId: dir.organisationId.get(scenario.org)!,
        groupId: null,
        assigneeId: null,
        createdAt,
        updatedAt: createdAt,
        firstResponseAt: null,
        resolvedAt: null,
        closedAt: null,
        reopenCount: 0,
        mergedIntoId: null,
      },
    });
  }

  const out = {
    articles: [] as (typeof articles.$inferInsert)[],
    events: [] as EventInsert[],
    timeEntries: [] as (typeof timeEntries.$inferInsert)[],
    links: [] as (typeof ticketLinks.$inferInsert)[],
  };
  const statusKey = (id: string): string => statusRows.find((r) => r.id === id)?.key ?? id;
  for (const replay of byKey.values()) replayTicket(replay, { now, dir, status, statusKey, matrix, byKey, out });

  await tx.insert(tickets).values([...byKey.values()].map((r) => r.row));
  await tx.insert(articles).values(out.articles);
  if (out.timeEntries.length) await tx.insert(timeEntries).values(out.timeEntries);
  if (out.links.length) await tx.insert(ticketLinks).values(out.links);
  // Inserted in the order they happened, so event ids read as the history they are.
  const events = out.events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.createdAt.getTime() - b.e.createdAt.getTime() || a.i - b.i);
  await tx.insert(ticketEvents).values(events.map(({ e }) => e));
  return byKey.size;
}

type ReplayContext = {
  now: Date;
  dir: Directory;
  status: (key: DemoStatusKey) => StatusRef;
  statusKey: (id: string) => string;
  matrix: PriorityCell[];
  byKey: Map<string, Replay>;
  out: {
    articles: (typeof articles.$inferInsert)[];
    events: EventInsert[];
    timeEntries: (typeof timeEntries.$inferInsert)[];
    links: (typeof ticketLinks.$inferInsert)[];
  };
};

/** Plays one scenario forward from its opening, writing what each step leaves behind. */
function replayTicket(replay: Replay, c: ReplayContext): void {
  const { scenario: s, row: t } = replay;
  const fail = (message: string): never => {
    throw new Error(`demo ticket ${s.key}: ${message}`);
  };
  const person = (actor: DemoActor): string | null => {
    if (actor === 'system') return null;
    const key = actor === 'contact' || actor === 'manager' || actor === 'extra' ? `${s.org}.${actor}` : actor;
    return c.dir.personId.get(key) ?? fail(`no demo person ${key}`);
  };
  const isStaff = (actor: DemoActor) => !['contact', 'manager', 'extra', 'system', 'monitoring'].includes(actor);
  const at = (minutes: number) => new Date(t.createdAt.getTime() + minutes * MINUTE);
  const event = (e: Omit<EventInsert, 'ticketId'>, ticketId = t.id) => c.out.events.push({ ticketId, ...e });
  const touch = (target: Replay['row'], when: Date) => {
    if (when > target.updatedAt) target.updatedAt = when;
  };
  const replyChannel = (actor: DemoActor): Channel =>
    t.channel === 'portal' || t.channel === 'email' ? t.channel : isStaff(actor) ? 'portal' : 'email';
  const moveTo = (to: DemoStatusKey, when: Date) => {
    const next = c.status(to);
    const from = t.statusKind;
    if (next.id === t.statusId) fail(`already in status ${to}`);
    if (from === 'closed') fail('a closed ticket moves only by a reopen');
    const fromKey = c.statusKey(t.statusId);
    Object.assign(t, stampsForTransition(from, next.kind, when), { statusId: next.id, statusKind: next.kind });
    return { field: 'status', from: fromKey, to };
  };

  const requesterId = person(s.requester)!;
  t.requesterId = requesterId;
  const openerActor = s.openedBy ?? s.requester;
  const openerId = person(openerActor)!;
  const firstArticleId = randomUUID();
  c.out.articles.push({
    id: firstArticleId,
    ticketId: t.id,
    kind: 'reply',
    authorId: openerId,
    channel: s.channel,
    body: s.body,
    createdAt: t.createdAt,
  });
  // A call an agent logs is itself the first contact with the customer (as createTicket records it).
  if (s.channel === 'phone' && isStaff(openerActor)) t.firstResponseAt = t.createdAt;
  event({
    actorId: openerId,
    kind: 'created',
    data: { reference: t.reference, channel: s.channel, articleId: firstArticleId, requesterRegistered: false },
    createdAt: t.createdAt,
  });

  let previous = 0;
  for (const step of s.steps) {
    if (step.at < previous) fail(`steps out of order at +${step.at} min`);
    previous = step.at;
    const when = at(step.at);
    if (when >= c.now) fail(`step at +${step.at} min lies in the future`);
    if (t.mergedIntoId) fail('no steps after a merge');
    const actorId = person(step.by);
    touch(t, when);

    if ('reply' in step) {
      const articleId = randomUUID();
      c.out.articles.push({
        id: articleId,
        ticketId: t.id,
        kind: 'reply',
        authorId: actorId ?? fail('a reply needs an author'),
        channel: replyChannel(step.by),
        body: step.reply,
        createdAt: when,
      });
      if (isStaff(step.by) && !t.firstResponseAt) t.firstResponseAt = when;
      event({ actorId, kind: 'replied', data: { articleId }, createdAt: when });
      if (step.status)
        event({ actorId, kind: 'status_changed', changes: [moveTo(step.status, when)], createdAt: when });
    } else if ('note' in step) {
      const articleId = randomUUID();
      c.out.articles.push({
        id: articleId,
        ticketId: t.id,
        kind: 'note',
        authorId: actorId ?? fail('a note needs an author'),
        channel: 'portal',
        body: step.note,
        createdAt: when,
      });
      event({ actorId, kind: 'noted', data: { articleId }, isInternal: true, createdAt: when });
    } else if ('status' in step) {
      const data = step.by === 'system' ? { automatic: true, reason: 'auto_close' } : {};
      event({ actorId, kind: 'status_changed', changes: [moveTo(step.status, when)], data, createdAt: when });
    } else if ('assign' in step) {
      const groupId = c.dir.groupId.get(step.assign.group)!;
      const assigneeId = step.assign.to ? person(step.assign.to) : null;
      if (step.assign.to && !c.dir.members.get(step.assign.group)!.has(step.assign.to)) {
        fail(`${step.assign.to} is not a member of ${step.assign.group}`);
      }
      const changes = [
        ...(t.groupId !== groupId ? [{ field: 'groupId', from: t.groupId ?? null, to: groupId }] : []),
        ...(t.assigneeId !== assigneeId ? [{ field: 'assigneeId', from: t.assigneeId ?? null, to: assigneeId }] : []),
      ];
      if (changes.length === 0) fail('an assignment that changes nothing');
      t.groupId = groupId;
      t.assigneeId = assigneeId;
      event({ actorId, kind: 'assigned', changes, isInternal: true, createdAt: when });
    } else if ('time' in step) {
      const id = randomUUID();
      const { minutes, workType, billable, reason, description } = step.time;
      if (billable === (reason !== undefined)) fail('a time entry is billable, or non-billable with a reason');
      c.out.timeEntries.push({
        id,
        ticketId: t.id,
        personId: actorId ?? fail('time needs a person'),
        performedAt: new Date(when.getTime() - minutes * MINUTE),
        minutes,
        workType,
        isBillable: billable,
        nonBillableReason: reason ?? null,
        description,
        createdAt: when,
      });
      event({
        actorId,
        kind: 'time_logged',
        data: { timeEntryId: id, minutes, workType, isBillable: billable, nonBillableReason: reason ?? null },
        isInternal: true,
        createdAt: when,
      });
    } else if ('reopen' in step) {
      if (t.statusKind !== 'resolved' && t.statusKind !== 'closed') fail('only a resolved or closed ticket reopens');
      const articleId = randomUUID();
      c.out.articles.push({
        id: articleId,
        ticketId: t.id,
        kind: 'reply',
        authorId: actorId ?? fail('a reopen needs a person'),
        channel: replyChannel(step.by),
        body: step.reopen,
        createdAt: when,
      });
      const fromKey = c.statusKey(t.statusId);
      const next = c.status('in_progress');
      Object.assign(t, stampsForTransition(t.statusKind, next.kind, when), {
        statusId: next.id,
        statusKind: next.kind,
      });
      t.reopenCount = (t.reopenCount ?? 0) + 1;
      event({
        actorId,
        kind: 'reopened',
        changes: [{ field: 'status', from: fromKey, to: next.key }],
        data: { articleId, reason: step.reopen },
        createdAt: when,
      });
    } else if ('link' in step) {
      const other = c.byKey.get(step.link.to) ?? fail(`no ticket ${step.link.to} to link`);
      if (other.row.createdAt > when) fail(`${step.link.to} does not exist yet at +${step.at} min`);
      c.out.links.push({
        kind: step.link.kind,
        sourceTicketId: t.id,
        targetTicketId: other.row.id,
        createdById: actorId,
        createdAt: when,
      });
      event({
        actorId,
        kind: 'linked',
        data: { kind: step.link.kind, direction: 'outgoing', ticketId: other.row.id, reference: other.row.reference },
        createdAt: when,
      });
      event(
        {
          actorId,
          kind: 'linked',
          data: { kind: step.link.kind, direction: 'incoming', ticketId: t.id, reference: t.reference },
          createdAt: when,
        },
        other.row.id,
      );
      touch(other.row, when);
    } else if ('mergeInto' in step) {
      const target = c.byKey.get(step.mergeInto) ?? fail(`no ticket ${step.mergeInto} to merge into`);
      if (target.row.createdAt > when) fail(`${step.mergeInto} does not exist yet at +${step.at} min`);
      const statusChange = moveTo('closed', when);
      t.mergedIntoId = target.row.id;
      c.out.links.push({
        kind: 'merged_into',
        sourceTicketId: t.id,
        targetTicketId: target.row.id,
        createdById: actorId,
        createdAt: when,
      });
      event({
        actorId,
        kind: 'merged_into',
        changes: [statusChange, { field: 'mergedIntoId', from: null, to: target.row.id }],
        data: { ticketId: target.row.id, reference: target.row.reference },
        createdAt: when,
      });
      event(
        { actorId, kind: 'merged_from', data: { ticketId: t.id, reference: t.reference }, createdAt: when },
        target.row.id,
      );
      touch(target.row, when);
    } else if ('update' in step) {
      const urgency = step.update.urgency ?? t.urgency;
      const impact = step.update.impact ?? t.impact;
      const priority = priorityFor(c.matrix, urgency, impact);
      const changes = [
        ...(urgency !== t.urgency ? [{ field: 'urgency', from: t.urgency, to: urgency }] : []),
        ...(impact !== t.impact ? [{ field: 'impact', from: t.impact, to: impact }] : []),
        ...(priority !== t.priority ? [{ field: 'priority', from: t.priority, to: priority }] : []),
      ];
      Object.assign(t, { urgency, impact, priority });
      event({ actorId, kind: 'updated', changes, data: { reason: step.update.reason }, createdAt: when });
    }
  }
}
