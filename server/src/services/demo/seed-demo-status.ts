import type { ComponentState, IncidentStatus, MaintenanceStatus } from '@loket/contract';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  contracts,
  statusComponentContracts,
  statusComponentGroups,
  statusComponentIntervals,
  statusComponents,
  statusIncidentComponents,
  statusIncidentTickets,
  statusIncidentUpdates,
  statusIncidents,
  statusMaintenanceComponents,
  statusMaintenanceUpdates,
  statusMaintenances,
  statusPageSettings,
  tickets,
} from '../../db/schema.ts';
import { bumpStatusPage } from '../status/status-page-version.ts';
import type { DemoCustomer } from './demo-tickets.ts';
import { DEMO_CONTRACTS } from './seed-demo.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEMO_STATUS_PAGE_NAME = 'Loket Demo Services status';
export const DEMO_COMPONENT_GROUPS = ['Applications', 'Hosting', 'Connectivity'] as const;
type DemoComponentKey = 'portal' | 'mail' | 'web' | 'vpn' | 'backup';

/** A past spell in another state than operational: `day` days before today (UTC), from `from` for `minutes`. */
type Spell = { day: number; from: string; minutes: number; state: ComponentState; reason: string };

/**
 * The demo's status page: what the provider runs for its customers. Public components show on /status; private ones
 * only on the status view of the organisations whose contracts they serve (/status/mine and the portal).
 */
export const DEMO_COMPONENTS: readonly {
  key: DemoComponentKey;
  name: string;
  description: string;
  group: (typeof DEMO_COMPONENT_GROUPS)[number];
  isPublic: boolean;
  customers: readonly DemoCustomer[];
  spells: readonly Spell[];
}[] = [
  {
    key: 'portal',
    name: 'Customer portal',
    description: 'Tickets, status and reports for our customers',
    group: 'Applications',
    isPublic: true,
    customers: ['acme', 'nordic', 'hosting'],
    spells: [
      { day: 8, from: '13:05', minutes: 50, state: 'degraded_performance', reason: 'Slow search after an upgrade' },
    ],
  },
  {
    key: 'mail',
    name: 'E-mail hosting',
    description: 'Mailboxes, SMTP relay and webmail',
    group: 'Hosting',
    isPublic: true,
    customers: ['acme', 'hosting'],
    // The outage of the demo's public incident (below): down, then partly back, then fully.
    spells: [
      { day: 23, from: '07:40', minutes: 95, state: 'major_outage', reason: 'Mail storage unavailable' },
      { day: 23, from: '09:15', minutes: 40, state: 'partial_outage', reason: 'Queued mail being delivered' },
    ],
  },
  {
    key: 'web',
    name: 'Web hosting',
    description: 'Shared and managed web servers',
    group: 'Hosting',
    isPublic: true,
    customers: ['hosting'],
    spells: [{ day: 47, from: '15:20', minutes: 35, state: 'partial_outage', reason: 'One web node out of the pool' }],
  },
  {
    key: 'vpn',
    name: 'VPN',
    description: 'Site-to-site VPN between Acme’s factory and the datacentre',
    group: 'Connectivity',
    isPublic: false,
    customers: ['acme'],
    // Placed on the day of the demo's Acme VPN tickets; see vpnSpell.
    spells: [],
  },
  {
    key: 'backup',
    name: 'Off-site backup',
    description: 'Nightly off-site backup of Nordic’s servers',
    group: 'Hosting',
    isPublic: false,
    customers: ['nordic'],
    spells: [
      { day: 61, from: '01:30', minutes: 270, state: 'major_outage', reason: 'Nightly backup failed: target full' },
      { day: 30, from: '19:00', minutes: 90, state: 'under_maintenance', reason: 'Backup storage expanded' },
    ],
  },
];

type IncidentStep = { at: number; status: IncidentStatus; body: string; states?: [DemoComponentKey, ComponentState][] };

/**
 * Adds the demo's status page to the demo data, in the seed's transaction, with times relative to `now` like the
 * rest of the demo history: five components in three groups linked to the customers' contracts, 90 days of state
 * intervals with a few past outages (so the uptime bars show something), a resolved public incident with its updates
 * and postmortem, a resolved private one (Acme's VPN) linked to the demo tickets it caused, a completed maintenance
 * and an upcoming one. Nobody is notified: no jobs are enqueued.
 */
export async function seedDemoStatus(tx: Executor, input: { now: Date }): Promise<void> {
  const { now } = input;
  const todayStart = Math.floor(now.getTime() / DAY) * DAY;
  // One day before the first day the 90 uptime bars show, so every bar is fully observed.
  const historyStart = new Date(todayStart - 90 * DAY);
  const at = (day: number, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return new Date(todayStart - day * DAY + h! * HOUR + m! * MINUTE);
  };
  // The Acme VPN tickets were opened 38 days ago at the clock's minute (as seed-demo.ts places them).
  const vpnTicketAt = Math.floor((now.getTime() - 38 * DAY) / MINUTE) * MINUTE;
  const vpnSpell = { start: new Date(vpnTicketAt - 10 * MINUTE), end: new Date(vpnTicketAt + 78 * MINUTE) };

  await tx
    .insert(statusPageSettings)
    .values({ id: 1, name: DEMO_STATUS_PAGE_NAME, updatedAt: now })
    .onConflictDoUpdate({ target: statusPageSettings.id, set: { name: DEMO_STATUS_PAGE_NAME } });

  const groupRows = await tx
    .insert(statusComponentGroups)
    .values(DEMO_COMPONENT_GROUPS.map((name, position) => ({ name, position, createdAt: historyStart })))
    .returning({ id: statusComponentGroups.id, name: statusComponentGroups.name });
  const groupId = new Map(groupRows.map((g) => [g.name, g.id]));

  const componentRows = await tx
    .insert(statusComponents)
    .values(
      DEMO_COMPONENTS.map((c, position) => ({
        name: c.name,
        description: c.description,
        groupId: groupId.get(c.group)!,
        isPublic: c.isPublic,
        state: 'operational' as const,
        position,
        createdAt: historyStart,
        updatedAt: historyStart,
      })),
    )
    .returning({ id: statusComponents.id, name: statusComponents.name });
  const componentId = new Map(
    DEMO_COMPONENTS.map((c) => [c.key, componentRows.find((r) => r.name === c.name)!.id] as const),
  );

  const contractRows = await tx
    .select({ id: contracts.id, organisationId: contracts.organisationId, name: contracts.name })
    .from(contracts);
  const contractOf = (customer: DemoCustomer) =>
    contractRows.find((r) => r.name === DEMO_CONTRACTS.find((c) => c.customer === customer)!.name)!.id;
  await tx
    .insert(statusComponentContracts)
    .values(
      DEMO_COMPONENTS.flatMap((c) =>
        c.customers.map((customer) => ({ componentId: componentId.get(c.key)!, contractId: contractOf(customer) })),
      ),
    );

  // Intervals: operational between the spells, each spell its own interval, the last one open.
  const intervals: (typeof statusComponentIntervals.$inferInsert)[] = [];
  for (const c of DEMO_COMPONENTS) {
    const spells = [
      ...c.spells.map((s) => ({
        start: at(s.day, s.from),
        end: new Date(at(s.day, s.from).getTime() + s.minutes * MINUTE),
        state: s.state,
        reason: s.reason,
      })),
      ...(c.key === 'vpn'
        ? [{ ...vpnSpell, state: 'partial_outage' as const, reason: 'Tunnel drops every few minutes' }]
        : []),
    ].sort((a, b) => a.start.getTime() - b.start.getTime());
    let cursor = historyStart;
    for (const spell of spells) {
      if (spell.start > cursor) {
        intervals.push({
          componentId: componentId.get(c.key)!,
          state: 'operational',
          startedAt: cursor,
          endedAt: spell.start,
        });
      }
      intervals.push({
        componentId: componentId.get(c.key)!,
        state: spell.state,
        startedAt: spell.start,
        endedAt: spell.end,
        reason: spell.reason,
      });
      cursor = spell.end;
    }
    intervals.push({ componentId: componentId.get(c.key)!, state: 'operational', startedAt: cursor, endedAt: null });
  }
  await tx.insert(statusComponentIntervals).values(intervals);

  const mailStart = at(23, '07:40');
  await insertIncident(tx, {
    name: 'E-mail delivery interrupted',
    impact: 'major',
    startedAt: mailStart,
    components: [componentId.get('mail')!],
    componentId,
    postmortem:
      'What happened: at 07:40 UTC the storage cluster behind the mailboxes lost quorum after a planned network ' +
      'change on one of its switches was applied to both switches at once. Mailboxes and webmail were unavailable ' +
      'and incoming mail was queued by the relay; no mail was lost.\n\n' +
      'Resolution: the switch configuration was rolled back at 09:10 and the cluster recovered; the queued mail ' +
      'was delivered by 09:55.\n\n' +
      'What we change: switch changes are now applied to one switch at a time, with a check of the storage ' +
      'cluster in between, and an alert fires when the mail queue grows for more than five minutes.',
    steps: [
      {
        at: 10,
        status: 'investigating',
        body: 'Mailboxes and webmail are unavailable. Incoming mail is queued and will be delivered. We are investigating.',
        states: [['mail', 'major_outage']],
      },
      {
        at: 50,
        status: 'identified',
        body: 'The mail storage cluster lost contact after a network change. We are rolling the change back.',
      },
      {
        at: 95,
        status: 'monitoring',
        body: 'Mailboxes are available again; queued mail is being delivered, which may take half an hour.',
        states: [['mail', 'partial_outage']],
      },
      {
        at: 135,
        status: 'resolved',
        body: 'All queued mail has been delivered and the service runs normally. A postmortem follows.',
        states: [['mail', 'operational']],
      },
    ],
  });

  const vpnIncident = await insertIncident(tx, {
    name: 'VPN connection to the datacentre drops',
    impact: 'major',
    startedAt: vpnSpell.start,
    components: [componentId.get('vpn')!],
    componentId,
    postmortem: null,
    steps: [
      {
        at: 19,
        status: 'investigating',
        body: 'The VPN tunnel between the factory and the datacentre drops every few minutes. We are investigating.',
        states: [['vpn', 'partial_outage']],
      },
      {
        at: 80,
        status: 'identified',
        body: 'Cause: a bug in the firewall firmware installed last night. A workaround is in place; the tunnel is stable.',
      },
      {
        at: 88,
        status: 'monitoring',
        body: 'The tunnel has been stable since the workaround. The permanent fix is a firmware update, planned as a change.',
        states: [['vpn', 'operational']],
      },
      { at: 140, status: 'resolved', body: 'Everyone can work again. Thank you for your patience.' },
    ],
  });
  const vpnTickets = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(inArray(tickets.subject, ['VPN-verbinding met het datacenter valt steeds weg', 'VPN doet het niet']));
  if (vpnTickets.length) {
    await tx
      .insert(statusIncidentTickets)
      .values(vpnTickets.map((t) => ({ incidentId: vpnIncident, ticketId: t.id, createdAt: vpnSpell.start })));
  }

  await insertMaintenance(tx, {
    name: 'Backup storage expansion',
    body: 'We add disks to the backup storage. Backups made during the window start again right after it.',
    scheduledFor: at(30, '19:00'),
    scheduledUntil: at(30, '21:00'),
    components: [componentId.get('backup')!],
    steps: [
      {
        at: -7 * DAY,
        status: 'scheduled',
        body: 'Planned: the backup storage is expanded; no backups during the work.',
      },
      { at: 0, status: 'in_progress', body: 'The work has started.' },
      { at: 75 * MINUTE, status: 'verifying', body: 'The disks are added; we are checking the storage.' },
      { at: 90 * MINUTE, status: 'completed', body: 'Done: the backup storage has twice its former size.' },
    ],
  });
  const upcoming = new Date(todayStart + 3 * DAY + 19 * HOUR);
  await insertMaintenance(tx, {
    name: 'Mail platform upgrade',
    body:
      'We upgrade the mail servers to a new major version. Webmail and IMAP may be unavailable for a few minutes ' +
      'during the window; incoming mail is queued, not lost.',
    scheduledFor: upcoming,
    scheduledUntil: new Date(upcoming.getTime() + 2 * HOUR),
    components: [componentId.get('mail')!],
    steps: [
      {
        at: now.getTime() - upcoming.getTime(),
        status: 'scheduled',
        body: 'Planned: the mail platform is upgraded. Webmail and IMAP may be briefly unavailable.',
      },
    ],
  });
  await bumpStatusPage(tx, now);
}

async function insertIncident(
  tx: Executor,
  input: {
    name: string;
    impact: 'minor' | 'major' | 'critical';
    startedAt: Date;
    components: string[];
    componentId: Map<DemoComponentKey, string>;
    postmortem: string | null;
    steps: IncidentStep[];
  },
): Promise<string> {
  const when = (minutes: number) => new Date(input.startedAt.getTime() + minutes * MINUTE);
  const stepAt = (status: IncidentStatus) => {
    const step = input.steps.find((s) => s.status === status);
    return step ? when(step.at) : null;
  };
  const last = input.steps[input.steps.length - 1]!;
  const [row] = await tx
    .insert(statusIncidents)
    .values({
      name: input.name,
      impact: input.impact,
      status: last.status,
      isPublished: true,
      postmortem: input.postmortem,
      startedAt: input.startedAt,
      identifiedAt: stepAt('identified'),
      monitoringAt: stepAt('monitoring'),
      resolvedAt: stepAt('resolved'),
      createdAt: when(input.steps[0]!.at),
      updatedAt: when(last.at),
    })
    .returning({ id: statusIncidents.id });
  const id = row!.id;
  await tx
    .insert(statusIncidentComponents)
    .values(input.components.map((componentId) => ({ incidentId: id, componentId })));
  await tx.insert(statusIncidentUpdates).values(
    input.steps.map((s) => ({
      incidentId: id,
      status: s.status,
      body: s.body,
      componentStates: (s.states ?? []).map(([key, state]) => ({ componentId: input.componentId.get(key)!, state })),
      createdAt: when(s.at),
    })),
  );
  return id;
}

async function insertMaintenance(
  tx: Executor,
  input: {
    name: string;
    body: string;
    scheduledFor: Date;
    scheduledUntil: Date;
    components: string[];
    /** `at` in milliseconds after the window's start (negative: before it). */
    steps: { at: number; status: MaintenanceStatus; body: string }[];
  },
): Promise<void> {
  const when = (ms: number) => new Date(input.scheduledFor.getTime() + ms);
  const stepAt = (status: MaintenanceStatus) => {
    const step = input.steps.find((s) => s.status === status);
    return step ? when(step.at) : null;
  };
  const first = input.steps[0]!;
  const last = input.steps[input.steps.length - 1]!;
  const [row] = await tx
    .insert(statusMaintenances)
    .values({
      name: input.name,
      body: input.body,
      status: last.status,
      isPublished: true,
      scheduledFor: input.scheduledFor,
      scheduledUntil: input.scheduledUntil,
      startedAt: stepAt('in_progress'),
      completedAt: stepAt('completed'),
      createdAt: when(first.at),
      updatedAt: when(last.at),
    })
    .returning({ id: statusMaintenances.id });
  await tx
    .insert(statusMaintenanceComponents)
    .values(input.components.map((componentId) => ({ maintenanceId: row!.id, componentId })));
  await tx
    .insert(statusMaintenanceUpdates)
    .values(
      input.steps.map((s) => ({ maintenanceId: row!.id, status: s.status, body: s.body, createdAt: when(s.at) })),
    );
}
