import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingDeps } from '../../../test/counting-deps.ts';
import { makeGroup, makeOrganisation, makePerson, makeWorld } from '../../../test/factories.ts';
import { type Harness, createHarness } from '../../../test/harness.ts';
import { groups, mailTemplates, notifications, outbox, ticketEvents, tickets } from '../../db/schema.ts';
import { instantInWords } from '../../domain/mail/mail-wording.ts';
import { withActor } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { createTicket } from '../tickets/create-ticket.ts';
import { notifyOnTicketEvent } from './notify-on-ticket-event.ts';

let h: Harness;
let w: Awaited<ReturnType<typeof makeWorld>>;
type Agent = Awaited<ReturnType<typeof makePerson>>;
let assignee: Agent, member1: Agent, member2: Agent, retired: Agent, lead: Agent;
beforeAll(async () => {
  h = await createHarness();
  w = await makeWorld(h);
  const agent = () => makePerson(h, { role: 'agent', organisationId: w.provider.id });
  [assignee, member1, member2, lead] = [await agent(), await agent(), await agent(), await agent()];
  retired = await makePerson(h, { role: 'agent', organisationId: w.provider.id, isActive: false });
});
afterAll(() => h.close());

/** A group of member1, member2 and a retired agent (plus `alsoMembers`), led by `leadId`. */
async function team({ leadId = lead.id, alsoMembers = [] as string[] } = {}) {
  const group = await makeGroup(h, [member1.id, member2.id, retired.id, ...alsoMembers]);
  await h.deps.db.update(groups).set({ leadId }).where(eq(groups.id, group.id));
  return group.id;
}

async function ticketHeldBy({ groupId, assigneeId }: { groupId: string | null; assigneeId: string | null }) {
  const ticket = await createTicket({ ctx: h.as(w.contactA), input: { subject: 'Mail is down', body: 'All of it' } });
  await h.deps.db.update(tickets).set({ groupId, assigneeId }).where(eq(tickets.id, ticket.id));
  return ticket.id;
}

/** Records a system event on the ticket, fans it out, and answers who got which notification kind. */
async function notifiedOf(ticketId: string, kind: string, data: Record<string, unknown> = {}) {
  const system = withActor(h.deps, { kind: 'system' });
  const eventId = await h.deps.db.transaction((tx) =>
    recordTicketEvent(system, tx, { ticketId, kind, data, isInternal: true }),
  );
  const count = await notifyOnTicketEvent(h.deps, { eventId });
  expect(await notifyOnTicketEvent(h.deps, { eventId })).toBe(0); // once per person and event
  const rows = await h.deps.db.select().from(notifications).where(eq(notifications.eventId, eventId));
  expect(rows).toHaveLength(count);
  return { kinds: [...new Set(rows.map((r) => r.kind))], to: rows.map((r) => r.personId).sort() };
}

const sorted = (...people: Agent[]) => people.map((p) => p.id).sort();
const slaData = {
  clock: 'resolution',
  cycle: 1,
  threshold: 75,
  at: '2026-03-02T10:00:00.000Z',
  dueAt: '2026-03-02T12:00:00.000Z',
};

describe('SLA warnings', () => {
  it("go to the assignee and the group's active members, not to its lead", async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: assignee.id });
    expect(await notifiedOf(ticketId, 'sla_warning', slaData)).toEqual({
      kinds: ['sla_warning'],
      to: sorted(assignee, member1, member2),
    });
  });

  it('tell an assignee who is also a member once', async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: member1.id });
    expect((await notifiedOf(ticketId, 'sla_warning', slaData)).to).toEqual(sorted(member1, member2));
  });

  it('go to the assignee alone on a ticket without a group, and to the group on one without an assignee', async () => {
    const alone = await ticketHeldBy({ groupId: null, assigneeId: assignee.id });
    expect((await notifiedOf(alone, 'sla_warning', slaData)).to).toEqual(sorted(assignee));
    const unheld = await ticketHeldBy({ groupId: await team(), assigneeId: null });
    expect((await notifiedOf(unheld, 'sla_warning', slaData)).to).toEqual(sorted(member1, member2));
  });
});

describe('SLA breaches', () => {
  it("go to the assignee, the group's active members and its lead", async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: assignee.id });
    expect(await notifiedOf(ticketId, 'sla_breached', slaData)).toEqual({
      kinds: ['sla_breached'],
      to: sorted(assignee, member1, member2, lead),
    });
  });

  it('tell a lead who is also a member once, and skip a lead who is no longer active', async () => {
    const leading = await ticketHeldBy({ groupId: await team({ alsoMembers: [lead.id] }), assigneeId: null });
    expect((await notifiedOf(leading, 'sla_breached', slaData)).to).toEqual(sorted(member1, member2, lead));
    const retiredLead = await ticketHeldBy({ groupId: await team({ leadId: retired.id }), assigneeId: assignee.id });
    expect((await notifiedOf(retiredLead, 'sla_breached', slaData)).to).toEqual(sorted(assignee, member1, member2));
  });
});

describe('a reached effort threshold', () => {
  const data = { taskId: '00000000-0000-4000-8000-000000000000', loggedMinutes: 240, thresholdMinutes: 240 };

  it('goes to the assignee only', async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: assignee.id });
    expect(await notifiedOf(ticketId, 'effort_threshold_reached', data)).toEqual({
      kinds: ['effort_threshold_reached'],
      to: sorted(assignee),
    });
  });

  it("goes to the group's active members while nobody holds the ticket", async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: null });
    expect((await notifiedOf(ticketId, 'effort_threshold_reached', data)).to).toEqual(sorted(member1, member2));
  });
});

describe('other events', () => {
  it('notify nobody when no rule names them, or when a customer-only rule is met by the system', async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: assignee.id });
    expect((await notifiedOf(ticketId, 'task_completed', {})).to).toEqual([]);
    expect((await notifiedOf(ticketId, 'replied', {})).to).toEqual([]);
  });
});

describe('who is left out', () => {
  /** Records an assignment by `by` and answers who was notified. */
  async function assignedBy(by: Agent, ticketId: string, changes: { field: string; from: unknown; to: unknown }[]) {
    const eventId = await h.deps.db.transaction((tx) =>
      recordTicketEvent(h.as(by), tx, { ticketId, kind: 'assigned', changes, isInternal: true }),
    );
    await notifyOnTicketEvent(h.deps, { eventId });
    const rows = await h.deps.db.select().from(notifications).where(eq(notifications.eventId, eventId));
    return rows.map((r) => r.personId).sort();
  }

  it('never tells whoever made the change, nor a customer in the group', async () => {
    const groupId = await team({ alsoMembers: [w.contactA.id] });
    const ticketId = await ticketHeldBy({ groupId: null, assigneeId: null });
    expect(await assignedBy(member1, ticketId, [{ field: 'assigneeId', from: null, to: member1.id }])).toEqual([]);
    expect(await assignedBy(member1, ticketId, [{ field: 'groupId', from: null, to: groupId }])).toEqual(
      sorted(member2),
    );
  });

  it('still notifies an assignee who is no longer active, but mails them nothing', async () => {
    const ticketId = await ticketHeldBy({ groupId: await team(), assigneeId: retired.id });
    expect((await notifiedOf(ticketId, 'sla_warning', slaData)).to).toEqual(sorted(retired, member1, member2));
    const mails = await h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId));
    expect(
      mails
        .filter((m) => m.kind === 'sla_warning')
        .map((m) => m.personId)
        .sort(),
    ).toEqual(sorted(member1, member2));
  });

  it("are mailed with the clock and the due instant in the agent's language, on the desk's clock", async () => {
    const dutch = await makePerson(h, { role: 'agent', organisationId: w.provider.id, language: 'nl' });
    const ticketId = await ticketHeldBy({ groupId: null, assigneeId: dutch.id });
    await notifiedOf(ticketId, 'sla_breached', slaData);
    const [mail] = await h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticketId));
    const dueAt = instantInWords(slaData.dueAt, 'nl', h.deps.config.timezone);
    expect(dueAt).not.toBe(slaData.dueAt);
    expect(mail!.textBody).toContain('De termijn voor oplossing van melding');
    expect(mail!.textBody).toContain(`verliep op ${dueAt} en is overschreden`);
  });
});

describe('a new ticket for a group', () => {
  // With SMTP_URL, so the send job is written too (nothing runs it here).
  const counting = () => countingDeps(h, { config: { ...h.deps.config, smtpUrl: 'smtp://127.0.0.1:2525' } });
  /** What a statement does to which table (or schema), e.g. `insert into outbox`. */
  const what = (statement: string) =>
    statement
      .replace(/\s+/g, ' ')
      .replace(/"/g, '')
      .toLowerCase()
      .match(/^(select|insert into [a-z_]+)/)?.[0];

  it('tells and mails its agents in seven statements, each in their language, with one send job', async () => {
    const dutch = await makePerson(h, { role: 'agent', organisationId: w.provider.id, language: 'nl' });
    const swedishDesk = await makeOrganisation(h, { kind: 'provider', language: 'sv' });
    const swede = await makePerson(h, { role: 'agent', organisationId: swedishDesk.id });
    const bounced = await makePerson(h, {
      role: 'agent',
      organisationId: w.provider.id,
      emailBouncedAt: h.clock.now(),
    });
    const group = await makeGroup(h, [w.agent.id, dutch.id, swede.id, bounced.id, retired.id, w.contactA2.id]);
    await h.deps.db.insert(mailTemplates).values({
      key: 'ticket_created',
      language: 'sv',
      subject: 'Nytt: {{subject}}',
      body: 'Hej {{recipientName}}, från {{requesterName}} ({{organisationName}}).',
      updatedAt: h.clock.now(),
    });
    // Opened by an agent of the group, who is not told of their own ticket.
    const ticket = await createTicket({
      ctx: h.as(w.agent),
      input: { subject: 'Server down', body: 'Down.', requesterEmail: w.contactA.email, groupId: group.id },
    });
    const [event] = await h.deps.db
      .select({ id: ticketEvents.id })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'created')));

    const { deps, statements } = counting();
    expect(await notifyOnTicketEvent(deps, { eventId: event!.id })).toBe(3);
    expect(statements.map(what)).toEqual([
      'select', // the event, its ticket, the actor's role, the requester and their organisation
      'select', // the agents addressed, with what their mail needs
      'insert into notifications',
      'select', // the desk's language and the admins' wordings of the template
      'select', // the ticket's thread
      'insert into outbox',
      'insert into pgboss', // one send job for all the mails
    ]);

    const told = await h.deps.db.select().from(notifications).where(eq(notifications.eventId, event!.id));
    expect(told.map((n) => n.personId).sort()).toEqual(sorted(dutch, swede, bounced));
    const mails = (await h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).filter(
      (m) => m.kind === 'ticket_created',
    );
    const mailTo = (agent: Agent) => mails.find((m) => m.personId === agent.id)!;
    expect(mails).toHaveLength(2); // not to the address that bounced
    for (const [agent, language] of [
      [dutch, 'nl'],
      [swede, 'sv'],
    ] as const) {
      const notification = told.find((n) => n.personId === agent.id)!;
      expect(mailTo(agent)).toMatchObject({
        dedupeKey: `notification:${notification.id}`,
        toAddress: agent.email.toLowerCase(),
        fromAddress: 'loket@localhost',
        mailboxId: null,
        language,
        automatic: true,
        status: 'pending',
      });
    }
    expect(mailTo(dutch).subject).toBe(`[${ticket.reference}] Nieuwe melding: Server down`);
    expect(mailTo(dutch).textBody).toContain(`${w.contactA.name} (Customer A)`);
    expect(mailTo(swede).subject).toBe(`[${ticket.reference}] Nytt: Server down`);
    expect(mailTo(swede).textBody).toBe(`Hej ${swede.name}, från ${w.contactA.name} (Customer A).`);
    const jobs = await h.boss.fetch<{ outboxIds?: string[] }>('mail.send', { batchSize: 100 });
    expect(jobs.map((j) => j.data.outboxIds?.sort())).toEqual([mails.map((m) => m.id).sort()]);

    // Run again, the job writes nothing more.
    expect(await notifyOnTicketEvent(deps, { eventId: event!.id })).toBe(0);
    expect(await h.deps.db.select().from(outbox).where(eq(outbox.ticketId, ticket.id))).toHaveLength(mails.length);
  });
});
