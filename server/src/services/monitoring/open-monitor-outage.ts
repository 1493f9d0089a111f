import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { categories, type MonitorRow } from '../../db/schema.ts';
import { type ServiceDeps, withActor } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { insertTicket } from '../tickets/insert-ticket.ts';
import { monitoringActor } from './monitoring-actor.ts';
import { markMonitorDown } from './status-effects.ts';

/** The category of monitoring tickets: the default `incident` (migration 0001), else the desk's first active one. */
const CATEGORY = 'incident';

/**
 * A monitor went DOWN: in the caller's transaction (the monitor row is locked by it), one incident ticket named
 * after the monitor — requested by the monitoring person, channel `monitoring`, urgency and impact from the monitor,
 * in the monitor's group, whose members the `created` event notifies (ticket.notify) — and the status page effects.
 */
export async function openMonitorOutage(
  deps: ServiceDeps,
  tx: Executor,
  input: { monitor: MonitorRow; message: string; at: Date },
): Promise<{ ticketId: string; statusIncidentId: string }> {
  const { monitor, message, at } = input;
  const actor = await monitoringActor(tx, at);
  const ctx = withActor(deps, actor);
  const category = await categoryKey(tx);
  const ticket = await insertTicket(ctx, tx, {
    subject: `${monitor.name} is down`,
    body:
      `Monitor ${monitor.name} (${monitor.kind}${monitor.target ? ` ${monitor.target}` : ''}) is down after ` +
      `${monitor.failuresBeforeDown} failed check(s) in a row.\n\nLast result: ${message}`,
    category,
    urgency: monitor.urgency,
    impact: monitor.impact,
    channel: 'monitoring',
    requesterId: actor.personId,
    organisationId: actor.organisationId,
    groupId: monitor.groupId,
    assigneeId: null,
    authorId: actor.personId,
    firstResponseAt: null,
  });
  await recordTicketEvent(ctx, tx, {
    ticketId: ticket.id,
    kind: 'created',
    data: {
      reference: ticket.reference,
      channel: 'monitoring',
      articleId: ticket.articleId,
      requesterRegistered: false,
      groupId: monitor.groupId,
      assigneeId: null,
      monitorId: monitor.id,
    },
  });
  const { statusIncidentId } = await markMonitorDown(deps, tx, { monitor, ticketId: ticket.id, message, at });
  return { ticketId: ticket.id, statusIncidentId };
}

async function categoryKey(tx: Executor): Promise<string | undefined> {
  const [found] = await tx
    .select({ key: categories.key })
    .from(categories)
    .where(and(eq(categories.key, CATEGORY), eq(categories.isActive, true)));
  return found ? CATEGORY : undefined;
}
