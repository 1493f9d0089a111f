import { count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articles,
  calendars,
  categories,
  contractVersions,
  contracts,
  groupMembers,
  groups,
  organisations,
  people,
  priorityMatrix,
  statuses,
  ticketClocks,
  ticketEvents,
  ticketLinks,
  tickets,
  timeEntries,
} from '../../db/schema.ts';
import { compileCalendar, parseCalendarDefinition } from '../../domain/sla/calendar.ts';
import { priorityFor } from '../../domain/tickets/priority.ts';
import { makeOrganisation } from '../../../test/factories.ts';
import { explainTicketSla } from '../sla/explain-ticket-sla.ts';
import { loadStatusSnapshot } from '../status/load-status-snapshot.ts';
import { statusComponentContracts, statusComponentIntervals, statusIncidentTickets } from '../../db/schema.ts';
import { loginCookie } from '../../../test/factories.ts';
import { DEMO_COMPONENTS } from './seed-demo-status.ts';
import { sweepSlaDeadlines } from '../sla/sweep-sla-deadlines.ts';
import { createHarness, type Harness } from '../../../test/harness.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_CALENDARS,
  DEMO_CONTRACTS,
  DEMO_ORGANISATIONS,
  DEMO_PASSWORD,
  seedDemo,
} from './seed-demo.ts';

let h: Harness;
let first: { created: boolean; tickets: number };
beforeAll(async () => {
  h = await createHarness();
  first = await seedDemo({ deps: h.deps });
});
afterAll(() => h.close());

async function counts() {
  const db = h.deps.db;
  type Counted =
    | typeof tickets
    | typeof organisations
    | typeof people
    | typeof articles
    | typeof groups
    | typeof calendars
    | typeof contracts
    | typeof contractVersions;
  const n = async (table: Counted | typeof ticketEvents | typeof timeEntries | typeof ticketLinks) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    organisations: await n(organisations),
    people: await n(people),
    groups: await n(groups),
    calendars: await n(calendars),
    contracts: await n(contracts),
    contractVersions: await n(contractVersions),
    tickets: await n(tickets),
    articles: await n(articles),
    events: await n(ticketEvents),
    timeEntries: await n(timeEntries),
    links: await n(ticketLinks),
  };
}

describe('seedDemo', () => {
  it('creates the documented organisations, accounts and groups', async () => {
    expect(first.created).toBe(true);
    const c = await counts();
    expect(c.organisations).toBe(DEMO_ORGANISATIONS.length);
    expect(c.people).toBe(DEMO_ACCOUNTS.length);
    expect(c.groups).toBe(2);
    expect(c.calendars).toBe(DEMO_CALENDARS.length);
    expect(c.contracts).toBe(3);
    expect(c.contractVersions).toBe(3);
    expect(c.tickets).toBe(first.tickets);
    expect(first.tickets).toBeGreaterThanOrEqual(45);

    const orgs = await h.deps.db.select().from(organisations);
    expect(orgs.filter((o) => o.kind === 'provider').map((o) => o.name)).toEqual(['Loket Demo Services']);
    expect(
      orgs
        .filter((o) => o.kind === 'customer')
        .map((o) => [o.name, o.language])
        .sort(),
    ).toEqual([
      ['Acme Manufacturing', 'nl'],
      ['Hosting Customer Ltd', 'en'],
      ['Nordic Logistics', 'sv'],
    ]);
    const leads = await h.deps.db
      .select({ name: groups.name, lead: people.email })
      .from(groups)
      .innerJoin(people, eq(people.id, groups.leadId));
    expect(leads.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Experts', lead: 'expert1@provider.example' },
      { name: 'First line', lead: 'agent@provider.example' },
    ]);
    expect((await h.deps.db.select({ n: count() }).from(groupMembers))[0]!.n).toBeGreaterThanOrEqual(5);
  });

  it('uses every default status, category and priority, and several channels, for all three customers', async () => {
    const rows = await h.deps.db
      .select({ t: tickets, statusKey: statuses.key, categoryKey: categories.key, org: organisations.name })
      .from(tickets)
      .innerJoin(statuses, eq(statuses.id, tickets.statusId))
      .innerJoin(categories, eq(categories.id, tickets.categoryId))
      .innerJoin(organisations, eq(organisations.id, tickets.organisationId));
    const allStatuses = await h.deps.db.select({ key: statuses.key }).from(statuses);
    const allCategories = await h.deps.db.select({ key: categories.key }).from(categories);
    expect(new Set(rows.map((r) => r.statusKey))).toEqual(new Set(allStatuses.map((s) => s.key)));
    expect(allStatuses).toHaveLength(9);
    expect(new Set(rows.map((r) => r.categoryKey))).toEqual(new Set(allCategories.map((c) => c.key)));
    expect(allCategories).toHaveLength(5);
    expect(new Set(rows.map((r) => r.t.priority))).toEqual(new Set(['P1', 'P2', 'P3', 'P4']));
    expect(new Set(rows.map((r) => r.t.channel))).toEqual(new Set(['email', 'portal', 'phone', 'api', 'monitoring']));
    expect(new Set(rows.map((r) => r.org))).toEqual(
      new Set(['Acme Manufacturing', 'Nordic Logistics', 'Hosting Customer Ltd']),
    );
  });

  it('keeps every ticket consistent: priority from the matrix, stamps matching the status, nothing in the future', async () => {
    const now = h.clock.now();
    const matrix = await h.deps.db.select().from(priorityMatrix);
    const all = await h.deps.db.select().from(tickets);
    for (const t of all) {
      expect(t.priority, t.reference).toBe(priorityFor(matrix, t.urgency, t.impact));
      expect(t.reference).toMatch(/^LK-\d{2}-\d{5}$/);
      expect(t.createdAt.getTime()).toBeLessThanOrEqual(t.updatedAt.getTime());
      expect(t.updatedAt.getTime()).toBeLessThan(now.getTime());
      expect(now.getTime() - t.createdAt.getTime()).toBeLessThan(43 * 86_400_000);
      if (t.statusKind === 'closed') expect(t.closedAt, t.reference).not.toBeNull();
      if (t.statusKind === 'resolved') {
        expect(t.resolvedAt, t.reference).not.toBeNull();
        expect(t.closedAt, t.reference).toBeNull();
      }
      if (t.statusKind !== 'closed' && t.statusKind !== 'resolved') {
        expect([t.resolvedAt, t.closedAt], t.reference).toEqual([null, null]);
      }
      if (t.firstResponseAt) expect(t.firstResponseAt.getTime()).toBeGreaterThanOrEqual(t.createdAt.getTime());
    }
    // Spread over about six weeks.
    const ages = all.map((t) => (now.getTime() - t.createdAt.getTime()) / 86_400_000);
    expect(Math.max(...ages)).toBeGreaterThan(35);
    expect(Math.min(...ages)).toBeLessThan(1);
  });

  it('stores valid demo calendars: Dutch and Swedish office hours with their holidays, and 24×7', async () => {
    const rows = await h.deps.db.select().from(calendars);
    expect(rows.map((r) => r.name).sort()).toEqual(['24×7', 'Netherlands office hours', 'Sweden office hours']);
    for (const row of rows) expect(parseCalendarDefinition(row.definition), row.name).toEqual(row.definition);
    const sweden = compileCalendar(rows.find((r) => r.name === 'Sweden office hours')!.definition);
    expect(sweden.hoursOn('2026-12-24')).toEqual([]); // Julafton, a bank holiday
    expect(sweden.hoursOn('2026-12-23')).toEqual([[510, 840]]); // the day before: 08:30–14:00
    const netherlands = compileCalendar(rows.find((r) => r.name === 'Netherlands office hours')!.definition);
    expect(netherlands.hoursOn('2026-04-27')).toEqual([]); // Koningsdag
  });

  it('gives each customer a contract on its calendar, in force over the whole demo history', async () => {
    const rows = await h.deps.db
      .select({ org: organisations.name, calendar: calendars.name, version: contractVersions })
      .from(contracts)
      .innerJoin(organisations, eq(organisations.id, contracts.organisationId))
      .innerJoin(contractVersions, eq(contractVersions.contractId, contracts.id))
      .innerJoin(calendars, eq(calendars.id, contractVersions.calendarId));
    expect(rows.map((r) => [r.org, r.calendar]).sort()).toEqual([
      ['Acme Manufacturing', 'Netherlands office hours'],
      ['Hosting Customer Ltd', '24×7'],
      ['Nordic Logistics', 'Sweden office hours'],
    ]);
    const oldest = Math.min(...(await h.deps.db.select().from(tickets)).map((t) => t.createdAt.getTime()));
    const firstResponse = (org: string) =>
      Object.values(rows.find((r) => r.org === org)!.version.targets).map((t) => t.firstResponseMinutes);
    expect(firstResponse('Acme Manufacturing')).toEqual([120, 240, 480, 960]);
    expect(firstResponse('Nordic Logistics')).toEqual([120, 240, 480, 480]);
    expect(firstResponse('Hosting Customer Ltd')).toEqual([30, 60, 240, 480]);
    const acme = rows.find((r) => r.org === 'Acme Manufacturing')!.version;
    expect(Object.values(acme.targets).map((t) => t.resolutionMinutes)).toEqual([480, 960, 2400, 4800]);
    const hosting = rows.find((r) => r.org === 'Hosting Customer Ltd')!.version;
    expect(Object.values(hosting.targets).map((t) => t.resolutionMinutes)).toEqual([240, 480, 1440, 4320]);
    for (const { version } of rows) {
      expect(version).toMatchObject({ version: 1, effortThresholdMinutes: 240, autoCloseWorkingDays: 1 });
      expect(version.effectiveFrom.getTime()).toBeLessThanOrEqual(oldest);
      expect(version.matrix).toHaveLength(9);
    }
    expect(DEMO_CONTRACTS).toHaveLength(3);
  });

  it('tells the stories: links, a merged duplicate, a reopen, time and history', async () => {
    const links = await h.deps.db.select().from(ticketLinks);
    expect(new Set(links.map((l) => l.kind))).toEqual(new Set(['fixed_by', 'parent_of', 'merged_into']));
    const [merged] = await h.deps.db.select().from(tickets).where(isNotNull(tickets.mergedIntoId));
    expect(merged!.statusKind).toBe('closed');
    expect(links.find((l) => l.kind === 'merged_into')).toMatchObject({
      sourceTicketId: merged!.id,
      targetTicketId: merged!.mergedIntoId,
    });
    const reopened = await h.deps.db.select().from(tickets).where(eq(tickets.reopenCount, 1));
    expect(reopened).toHaveLength(1);

    const entries = await h.deps.db.select().from(timeEntries);
    expect(entries.some((e) => e.isBillable)).toBe(true);
    expect(entries.some((e) => !e.isBillable && e.nonBillableReason === 'own_defect')).toBe(true);

    const notes = await h.deps.db.select().from(articles).where(eq(articles.kind, 'note'));
    expect(notes.length).toBeGreaterThan(10);
    const events = await h.deps.db.select().from(ticketEvents);
    expect(new Set(events.map((e) => e.kind))).toEqual(
      new Set([
        'created',
        'updated',
        'status_changed',
        'assigned',
        'replied',
        'noted',
        'time_logged',
        'linked',
        'merged_into',
        'merged_from',
        'reopened',
      ]),
    );
    expect(events.filter((e) => e.kind === 'created')).toHaveLength(first.tickets);
    // Ids follow time, so the history reads in order.
    const sorted = [...events].sort((a, b) => a.id - b.id);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(sorted[i - 1]!.createdAt.getTime());
    }
  });

  it('writes the conversation in the customer language', async () => {
    const bodies = await h.deps.db
      .select({ org: organisations.name, body: articles.body })
      .from(articles)
      .innerJoin(tickets, eq(tickets.id, articles.ticketId))
      .innerJoin(organisations, eq(organisations.id, tickets.organisationId))
      .where(eq(articles.kind, 'reply'));
    const of = (org: string) =>
      bodies
        .filter((b) => b.org === org)
        .map((b) => b.body)
        .join('\n');
    expect(of('Acme Manufacturing')).toContain('Groet,');
    expect(of('Nordic Logistics')).toContain('Hälsningar');
    expect(of('Hosting Customer Ltd')).toContain('Best regards');
  });

  it('enqueues no jobs for the demo history', async () => {
    expect(await h.runJobs()).toBe(0);
  });

  it('puts every ticket under its contract, and the sweep then computes the open ones’ clocks as explained', async () => {
    const all = await h.deps.db.select().from(tickets);
    expect(all.every((t) => t.contractVersionId !== null)).toBe(true);
    const open = all.filter((t) => t.statusKind !== 'closed');
    expect(open.every((t) => t.nextDeadlineAt !== null)).toBe(true);
    const swept = await sweepSlaDeadlines(h.deps);
    expect(swept).toMatchObject({ processed: open.length, failed: 0 });
    const admin = (await h.deps.db.select().from(people).where(eq(people.role, 'admin')))[0]!;
    for (const t of open) {
      const sla = await explainTicketSla({ ctx: h.as(admin), id: t.id });
      const stored = await h.deps.db.select().from(ticketClocks).where(eq(ticketClocks.ticketId, t.id));
      expect(stored.map((c) => [c.clock, c.state]).sort()).toEqual(sla.clocks.map((c) => [c.clock, c.state]).sort());
    }
    // six weeks of demo history include clocks that ran out
    const breaches = await h.deps.db.select().from(ticketEvents).where(eq(ticketEvents.kind, 'sla_breached'));
    expect(breaches.length).toBeGreaterThan(0);
    await h.runJobs();
  });

  it('changes nothing when called again', async () => {
    const before = await counts();
    expect(await seedDemo({ deps: h.deps })).toEqual({ created: false, tickets: 0 });
    expect(await counts()).toEqual(before);
  });

  it('leaves a database that is already in use alone', async () => {
    const other = await createHarness();
    try {
      await makeOrganisation(other, { kind: 'provider', name: 'A real provider' });
      expect(await seedDemo({ deps: other.deps })).toEqual({ created: false, tickets: 0 });
      expect((await other.deps.db.select({ n: count() }).from(tickets))[0]!.n).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('lets every demo account log in over HTTP with the demo password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: account.email, password: DEMO_PASSWORD },
      });
      expect(res.statusCode, account.email).toBe(account.canLogIn ? 200 : 401);
      if (account.canLogIn) expect(res.json()).toMatchObject({ email: account.email, role: account.role });
    }
    expect(DEMO_ACCOUNTS.map((a) => a.email)).toEqual(
      expect.arrayContaining([
        'admin@provider.example',
        'agent@provider.example',
        'contact@acme.example',
        'manager@nordic.example',
      ]),
    );
  });
});

describe('seedDemo status page', () => {
  it('shows the public components, a resolved incident with its postmortem and upcoming maintenance at /status', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/status' });
    expect(page.statusCode).toBe(200);
    for (const c of DEMO_COMPONENTS) {
      if (c.isPublic) expect(page.body).toContain(c.name);
      else expect(page.body).not.toContain(c.name);
    }
    expect(page.body).toContain('E-mail delivery interrupted');
    expect(page.body).toContain('Mail platform upgrade');
    const incidents = (await h.app.inject({ method: 'GET', url: '/api/v2/incidents.json' })).json();
    const mail = incidents.incidents.find((i: { name: string }) => i.name === 'E-mail delivery interrupted');
    expect(mail).toMatchObject({ status: 'resolved', impact: 'major' });
    expect(mail.incident_updates.map((u: { status: string }) => u.status)).toEqual([
      'resolved',
      'monitoring',
      'identified',
      'investigating',
    ]);
    expect(mail.postmortem_body).toContain('What happened');
    expect(incidents.incidents.some((i: { name: string }) => i.name.includes('VPN'))).toBe(false);
    const upcoming = (
      await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/upcoming.json' })
    ).json();
    expect(upcoming.scheduled_maintenances.map((m: { name: string }) => m.name)).toEqual(['Mail platform upgrade']);
  });

  it('shows private components and their incidents only to the customers whose contracts they serve', async () => {
    const acme = await loginCookie(h, 'manager@acme.example', DEMO_PASSWORD);
    const nordic = await loginCookie(h, 'manager@nordic.example', DEMO_PASSWORD);
    const acmePage = (await h.app.inject({ method: 'GET', url: '/status/mine', headers: { cookie: acme } })).body;
    const nordicPage = (await h.app.inject({ method: 'GET', url: '/status/mine', headers: { cookie: nordic } })).body;
    expect(acmePage).toContain('VPN connection to the datacentre drops');
    expect(acmePage).not.toContain('Off-site backup');
    expect(nordicPage).toContain('Off-site backup');
    expect(nordicPage).not.toContain('VPN');
    const links = await h.deps.db.select({ n: count() }).from(statusComponentContracts);
    expect(links[0]!.n).toBe(DEMO_COMPONENTS.reduce((sum, c) => sum + c.customers.length, 0));
    // The VPN incident is linked to the two Acme VPN tickets it caused.
    expect((await h.deps.db.select({ n: count() }).from(statusIncidentTickets))[0]!.n).toBe(2);
  });

  it('writes 90 days of gapless state intervals whose past outages show in the uptime bars', async () => {
    const now = h.clock.now();
    const intervals = await h.deps.db.select().from(statusComponentIntervals);
    const byComponent = Map.groupBy(intervals, (i) => i.componentId);
    expect(byComponent.size).toBe(DEMO_COMPONENTS.length);
    for (const list of byComponent.values()) {
      list.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
      expect(list.filter((i) => i.endedAt === null)).toHaveLength(1);
      expect(list.at(-1)!.endedAt).toBeNull();
      for (let n = 1; n < list.length; n++) expect(list[n]!.startedAt).toEqual(list[n - 1]!.endedAt);
      expect(list.every((i) => i.startedAt <= now)).toBe(true);
    }
    const snapshot = await loadStatusSnapshot(h.deps.db, { kind: 'all' }, now);
    for (const c of snapshot.components) {
      expect(c.uptime).toHaveLength(90);
      expect(c.uptime.every((d) => d.uptimePercent !== null)).toBe(true);
    }
    const mail = snapshot.components.find((c) => c.name === 'E-mail hosting')!;
    const worstDay = mail.uptime.find((d) => d.worst === 'major_outage')!;
    expect(worstDay.uptimePercent).toBeCloseTo((100 * (1440 - 95 - 20)) / 1440, 5);
    expect(mail.uptimePercent).toBeLessThan(100);
    // Maintenance is neither up nor down: the backup's maintenance day stays at 100 %.
    const backup = snapshot.components.find((c) => c.name === 'Off-site backup')!;
    const maintenanceDay = new Date((Math.floor(now.getTime() / 86_400_000) - 30) * 86_400_000).toISOString();
    expect(backup.uptime.find((d) => d.date === maintenanceDay.slice(0, 10))?.uptimePercent).toBe(100);
    expect(snapshot.components.every((c) => c.state === 'operational')).toBe(true);
  });
});
