import type { Status, StatusKind } from '@loket/contract';
import { type SQL, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { statuses, statusTransitions } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';

/**
 * Kinds the desk cannot work without: new tickets start in a `new` status, customer replies and reopens return to
 * an `open` one, and resolving and closing need a `resolved` and a `closed` one. The last active status of each
 * cannot be deactivated.
 */
export const REQUIRED_KINDS: readonly StatusKind[] = ['new', 'open', 'resolved', 'closed'];

/** Statuses in display order, each with the statuses it may move to (two queries for all of them). */
export async function loadStatuses(tx: Executor, where?: SQL): Promise<Status[]> {
  const rows = await tx.select().from(statuses).where(where).orderBy(asc(statuses.position), asc(statuses.key));
  if (rows.length === 0) return [];
  // Targets in their own display order, whichever statuses were asked for.
  const transitions = await tx
    .select({ fromStatusId: statusTransitions.fromStatusId, toStatusId: statusTransitions.toStatusId })
    .from(statusTransitions)
    .innerJoin(statuses, eq(statuses.id, statusTransitions.toStatusId))
    .where(
      inArray(
        statusTransitions.fromStatusId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(statuses.position), asc(statuses.key));
  return rows.map((row) => ({
    id: row.id as Status['id'],
    key: row.key,
    name: row.name,
    kind: row.kind,
    translations: row.translations,
    position: row.position,
    isActive: row.isActive,
    transitionsTo: transitions.filter((t) => t.fromStatusId === row.id).map((t) => t.toStatusId as Status['id']),
  }));
}

/** Every id names an existing status other than `self`; the ones that do not are listed in the error. */
export async function assertStatuses(
  tx: Executor,
  ids: string[],
  path: 'transitionsTo' | 'transitionsFrom',
  self?: string,
): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const found = new Set(
    (await tx.select({ id: statuses.id }).from(statuses).where(inArray(statuses.id, wanted))).map((s) => s.id),
  );
  const bad = wanted.filter((id) => !found.has(id) || id === self);
  if (bad.length > 0) {
    throw invalid(
      'Transitions must name other, existing statuses',
      bad.map((id) => ({ path, message: id === self ? 'a status cannot move to itself' : `${id} is not a status` })),
    );
  }
  return wanted;
}

export const KEY_CONFLICT = (key: string) => ({ statuses_key_unique: `A status with key ${key} already exists` });
