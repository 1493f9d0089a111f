import { and, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, loginFailures, notifications, sessions, ticketEvents } from '../db/schema.ts';
import { createCalendar } from '../services/sla/create-calendar.ts';
import { createContract } from '../services/sla/create-contract.ts';
import { createTicket } from '../services/tickets/create-ticket.ts';
import { purgeExpired } from '../services/system/purge-expired.ts';
import { makeGroup, makePerson, makeWorld } from '../../test/factories.ts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { startWorkers } from './workers.ts';

const day = [['00:00', '24:00']];
const allWeek = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };

let h: Harness;
let world: Awaited<ReturnType<typeof makeWorld>>;
beforeAll(async () => {
  h = await createHarness();
  world = await makeWorld(h);
});
afterAll(() => h.close());

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('background jobs', () => {
  it('a ticket opened for a group reaches its members through the job queue, once each', async () => {
    const second = await makePerson(h, { role: 'agent', organisationId: world.provider.id });
    const group = await makeGroup(h, [world.agent.id, second.id]);
    await startWorkers(h.boss, h.deps, pino({ level: 'silent' }));
    const ticket = await createTicket({
      ctx: h.as(world.agent),
      input: {
        subject: 'Backup failed',
        body: 'Nightly job red',
        requesterEmail: world.contactA.email,
        groupId: group.id,
      },
    });
    // The creating agent is not told about their own ticket; the other member is.
    const rows = await eventually(async () => {
      const found = await h.deps.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id));
      return found.length > 0 ? found : undefined;
    });
    expect(rows.map((r) => [r.personId, r.kind])).toEqual([[second.id, 'ticket_created']]);
  });

  it('records an SLA warning within seconds of its instant through the sweep chain the workers started', async () => {
    const calendar = await createCalendar({
      ctx: h.as(world.admin),
      input: { name: 'Around the clock', definition: { timezone: 'UTC', weekly: allWeek } },
    });
    const targets = { firstResponseMinutes: 60, resolutionMinutes: 600 };
    h.clock.set('2026-06-01T10:00:00Z');
    await createContract({
      ctx: h.as(world.admin),
      input: {
        organisationId: world.orgB.id,
        name: 'Hosting',
        version: { calendarId: calendar.id, targets: { P1: targets, P2: targets, P3: targets, P4: targets } },
      },
    });
    await h.runJobs();
    const ticket = await createTicket({
      ctx: h.as(world.agent),
      input: { subject: 'Site slow', body: 'Since noon', requesterEmail: world.contactB.email },
    });
    h.clock.set('2026-06-01T10:45:00Z'); // 75 % of the hour: the warning's instant has come
    const warning = await eventually(async () => {
      const [row] = await h.deps.db
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'sla_warning')));
      return row;
    });
    expect(warning.data).toMatchObject({ clock: 'first_response', at: '2026-06-01T10:45:00.000Z' });
    await h.boss.offWork('ticket.notify');
    await h.boss.offWork('sla.sweep');
  });

  it('purges expired sessions, old login failures and unused uploads with their files', async () => {
    // The files' own times are real: put the fake clock two days past them.
    h.clock.set(new Date(Date.now() + 2 * 86_400_000));
    const now = h.clock.now();
    const old = new Date(now.getTime() - 2 * 86_400_000);
    await h.deps.db.insert(sessions).values([
      { tokenHash: 'expired', personId: world.contactA.id, createdAt: old, expiresAt: old },
      {
        tokenHash: 'live',
        personId: world.contactA.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      },
    ]);
    await h.deps.db.insert(loginFailures).values({ email: 'x@y.example', failedAt: old });
    const stored = await h.deps.blobs.put(Buffer.from('never attached'));
    await h.deps.db.insert(attachments).values({
      uploaderId: world.contactA.id,
      ...stored,
      filename: 'orphan.txt',
      contentType: 'text/plain',
      createdAt: old,
    });
    const result = await purgeExpired(h.deps);
    expect(result).toMatchObject({ sessions: 1, loginFailures: 1, attachments: 1, files: 1 });
    expect(await h.deps.blobs.exists(stored.sha256)).toBe(false);
    const left = await h.deps.db.select().from(sessions);
    expect(left.map((s) => s.tokenHash)).toContain('live');
  });

  it('keeps a file written in the last hour, even when no row names it yet', async () => {
    h.clock.set(new Date(Date.now() + 30 * 60_000));
    const now = h.clock.now();
    const stored = await h.deps.blobs.put(Buffer.from('uploaded a moment ago'));
    await h.deps.db.insert(attachments).values({
      uploaderId: world.contactA.id,
      ...stored,
      filename: 'old-row.txt',
      contentType: 'text/plain',
      createdAt: new Date(now.getTime() - 2 * 86_400_000),
    });
    const result = await purgeExpired(h.deps);
    expect(result).toMatchObject({ attachments: 1, files: 0 });
    expect(await h.deps.blobs.exists(stored.sha256)).toBe(true);
  });
});

describe('who hears of a new ticket', () => {
  it('is whoever held it when it opened, even when it is reassigned before the job runs', async () => {
    const member = await makePerson(h, { role: 'agent', organisationId: world.provider.id });
    const outsider = await makePerson(h, { role: 'agent', organisationId: world.provider.id });
    const group = await makeGroup(h, [member.id]);
    await h.runJobs();
    const ticket = await createTicket({
      ctx: h.as(world.contactA),
      input: { subject: 'Printer jammed', body: 'Again.' },
    });
    // A customer cannot pick a group; the agent files it straight away, before any worker ran.
    const { assignTicket } = await import('../services/tickets/assign-ticket.ts');
    await assignTicket({ ctx: h.as(world.agent), id: ticket.id, input: { groupId: group.id } });
    await assignTicket({ ctx: h.as(world.agent), id: ticket.id, input: { assigneeId: member.id } });
    await h.runJobs();
    const rows = await h.deps.db.select().from(notifications).where(eq(notifications.ticketId, ticket.id));
    // Nobody held it when it opened, so nobody hears of the creation; the member hears of the group getting it
    // and of getting it personally.
    expect(rows.map((r) => [r.personId, r.kind])).toEqual([
      [member.id, 'ticket_assigned'],
      [member.id, 'ticket_assigned'],
    ]);
    expect(rows.some((r) => r.personId === outsider.id)).toBe(false);
  });
});
