import type { Settings, StatusKind } from '@loket/contract';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  categories,
  contractVersions,
  priorityMatrix,
  settings,
  statuses,
  statusTransitions,
} from '../../db/schema.ts';
import { invalid } from '../../domain/app-error.ts';
import type { PriorityCell } from '../../domain/tickets/priority.ts';
import { isUuid } from './ids.ts';

const byIdOrKey = <T extends { id: unknown; key: unknown }>(table: T, value: string) =>
  isUuid(value) ? eq(table.id as never, value.toLowerCase()) : eq(table.key as never, value);

/** A category named by id or key; absent means the first active one. */
export async function resolveCategory(tx: Executor, value: string | undefined) {
  const [row] = value
    ? await tx.select().from(categories).where(byIdOrKey(categories, value)).limit(1)
    : await tx
        .select()
        .from(categories)
        .where(eq(categories.isActive, true))
        .orderBy(asc(categories.position), asc(categories.key))
        .limit(1);
  if (!row || (value && !row.isActive)) throw invalid(`Unknown category: ${value ?? '(none configured)'}`);
  return row;
}

export async function resolveStatus(tx: Executor, value: string) {
  const [row] = await tx.select().from(statuses).where(byIdOrKey(statuses, value)).limit(1);
  if (!row) throw invalid(`Unknown status: ${value}`);
  return row;
}

/** The first active status of a kind: where new tickets start, where reopened ones go back to. */
export async function defaultStatusOfKind(tx: Executor, kind: StatusKind) {
  const [row] = await tx
    .select()
    .from(statuses)
    .where(and(eq(statuses.kind, kind), eq(statuses.isActive, true)))
    .orderBy(asc(statuses.position), asc(statuses.key))
    .limit(1);
  if (!row) throw invalid(`No active status of kind ${kind} is configured`);
  return row;
}

export async function isTransitionAllowed(tx: Executor, fromStatusId: string, toStatusId: string): Promise<boolean> {
  const [row] = await tx
    .select({ to: statusTransitions.toStatusId })
    .from(statusTransitions)
    .where(and(eq(statusTransitions.fromStatusId, fromStatusId), eq(statusTransitions.toStatusId, toStatusId)))
    .limit(1);
  return row !== undefined;
}

/** The matrix a ticket's priority comes from: its contract version's, or the desk's when it has no contract. */
export async function loadPriorityMatrix(
  tx: Executor,
  contractVersionId: string | null = null,
): Promise<PriorityCell[]> {
  if (contractVersionId !== null) {
    const [version] = await tx
      .select({ matrix: contractVersions.matrix })
      .from(contractVersions)
      .where(eq(contractVersions.id, contractVersionId));
    if (version) return version.matrix;
  }
  return tx.select().from(priorityMatrix);
}

export async function loadSettings(tx: Executor): Promise<Settings> {
  const rows = await tx.select().from(settings);
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** The desk's settings from the stored key → value pairs, with the defaults for any not stored. */
export function settingsFrom(value: Record<string, unknown>): Settings {
  return {
    ticketPrefix: typeof value.ticketPrefix === 'string' ? value.ticketPrefix : 'LK',
    reopenWindowDays: typeof value.reopenWindowDays === 'number' ? value.reopenWindowDays : 14,
    defaultLanguage: value.defaultLanguage === 'nl' || value.defaultLanguage === 'sv' ? value.defaultLanguage : 'en',
    rawMailRetentionDays: typeof value.rawMailRetentionDays === 'number' ? value.rawMailRetentionDays : null,
  };
}
