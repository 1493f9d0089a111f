import { and, asc, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import { contractVersions, contracts, tickets } from '../../db/schema.ts';
import { type ServiceDeps, withActor } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { syncTicketSla } from './sync-ticket-sla.ts';

const BATCH = 200;

export type ReplayScope = { calendarId: string } | { contractId: string };

/**
 * Replays the clocks of open tickets (not resolved or closed) whose terms changed, from their start, recording the
 * old and new due instants on each ticket that moved. A changed calendar touches the tickets running under a version
 * on that calendar; a contract version taking effect touches the tickets of the contract's organisation, which move
 * to the version in force. Works in batches by ticket id, each ticket in its own transaction, and enqueues the next
 * batch itself, so a replay of many tickets is resumable and never one long transaction.
 */
export async function replayTicketClocks(
  deps: ServiceDeps,
  input: ReplayScope & { after?: string | undefined },
): Promise<{ replayed: number; more: boolean }> {
  const ctx = withActor(deps, { kind: 'system' });
  const open = notInArray(tickets.statusKind, ['resolved', 'closed']);
  const after = input.after ? gt(tickets.id, input.after) : undefined;
  const scope =
    'calendarId' in input
      ? inArray(
          tickets.contractVersionId,
          deps.db
            .select({ id: contractVersions.id })
            .from(contractVersions)
            .where(eq(contractVersions.calendarId, input.calendarId)),
        )
      : eq(
          tickets.organisationId,
          sql`(SELECT ${contracts.organisationId} FROM ${contracts} WHERE ${contracts.id} = ${input.contractId})`,
        );
  const batch = await deps.db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(open, scope, after))
    .orderBy(asc(tickets.id))
    .limit(BATCH);
  const reason = 'calendarId' in input ? 'calendar' : 'contract';
  for (const { id } of batch) {
    await deps.db.transaction(async (tx) => {
      await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id)).for('update');
      await syncTicketSla(ctx, tx, id, { replay: reason });
    });
  }
  const more = batch.length === BATCH;
  if (more) {
    await deps.db.transaction((tx) =>
      enqueue(deps, tx, 'sla.replay', { ...scopeOf(input), after: batch[batch.length - 1]!.id }),
    );
  }
  return { replayed: batch.length, more };
}

const scopeOf = (input: ReplayScope): ReplayScope =>
  'calendarId' in input ? { calendarId: input.calendarId } : { contractId: input.contractId };
