import { CreateLinkInput, type TicketLink } from '@loket/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { categories, ticketLinks, type TicketRow } from '../../db/schema.ts';
import { conflict, invalid } from '../../domain/app-error.ts';
import { fixedByProblem, storedLink } from '../../domain/tickets/links.ts';
import { parseInput, requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { recordTicketEvent } from '../shared/record-event.ts';
import { getTicketRowForActor } from '../shared/ticket-view.ts';
import { loadLinks } from './list-ticket-links.ts';
import { ticketNamedInBody } from './ticket-writes.ts';

/**
 * Links this ticket to another: fixed_by (this incident is fixed by that change request), parent_of, child_of
 * (stored as parent_of the other way round) or related. No self links, no duplicates (related counts both ways),
 * no parent cycles. Links may cross organisations — one change can fix many customers' incidents — and customers
 * only ever see links to tickets of their own.
 */
export async function linkTicket({
  ctx,
  id,
  input,
}: {
  ctx: ServiceContext;
  id: string;
  input: unknown;
}): Promise<TicketLink> {
  const actor = requirePermission(ctx, 'ticket:link');
  const data = parseInput(CreateLinkInput, input);
  return ctx.db.transaction(async (tx) => {
    const row = await getTicketRowForActor(tx, actor, id, true);
    const other = await ticketNamedInBody(tx, actor, data.ticket);
    if (other.id === row.id) throw invalid('A ticket cannot be linked to itself');
    if (data.kind === 'fixed_by') {
      const keys = await categoryKeys(tx, [row, other]);
      const problem = fixedByProblem(keys.get(row.categoryId)!, keys.get(other.categoryId)!);
      if (problem) throw invalid(problem);
    }
    const stored = storedLink(data.kind, row.id, other.id);
    if (stored.kind === 'parent_of') {
      // Parent links are checked against the whole tree; one writer at a time keeps two crossing links from
      // each passing the check and forming a cycle together.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('ticket_links:parent_of'))`);
      if (await isAncestor(tx, stored.targetTicketId, stored.sourceTicketId)) {
        throw conflict('That link would make a ticket its own ancestor');
      }
    }
    if (stored.kind === 'related') {
      const [reverse] = await tx
        .select({ id: ticketLinks.id })
        .from(ticketLinks)
        .where(
          and(
            eq(ticketLinks.kind, 'related'),
            eq(ticketLinks.sourceTicketId, stored.targetTicketId),
            eq(ticketLinks.targetTicketId, stored.sourceTicketId),
          ),
        )
        .limit(1);
      if (reverse) throw conflict('These tickets are already linked that way');
    }
    const [link] = await tx
      .insert(ticketLinks)
      .values({ ...stored, createdById: actor.personId, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning();
    if (!link) throw conflict('These tickets are already linked that way');
    const source = stored.sourceTicketId === row.id ? row : other;
    const target = source === row ? other : row;
    const eventData = { linkId: link.id, kind: link.kind, source: source.reference, target: target.reference };
    for (const ticketId of [row.id, other.id]) {
      await recordTicketEvent(ctx, tx, { ticketId, kind: 'linked', data: eventData, isInternal: true });
    }
    const [view] = await loadLinks(tx, actor, row.id, link.id);
    return view!;
  });
}

async function categoryKeys(tx: Executor, rows: TicketRow[]): Promise<Map<string, string>> {
  const found = await tx
    .select({ id: categories.id, key: categories.key })
    .from(categories)
    .where(inArray(categories.id, [...new Set(rows.map((r) => r.categoryId))]));
  return new Map(found.map((c) => [c.id, c.key]));
}

/** Whether `candidate` is `ticketId` itself or above it in the parent tree. */
async function isAncestor(tx: Executor, candidate: string, ticketId: string): Promise<boolean> {
  if (candidate === ticketId) return true;
  const rows = await queryRows<{ found: number }>(
    tx,
    sql`WITH RECURSIVE up(id) AS (
          SELECT ${ticketLinks.sourceTicketId} FROM ${ticketLinks}
           WHERE ${ticketLinks.kind} = 'parent_of' AND ${ticketLinks.targetTicketId} = ${ticketId}
          UNION
          SELECT l.source_ticket_id FROM ticket_links l JOIN up ON l.target_ticket_id = up.id
           WHERE l.kind = 'parent_of'
        )
        SELECT 1 AS found FROM up WHERE id = ${candidate} LIMIT 1`,
  );
  return rows.length > 0;
}
