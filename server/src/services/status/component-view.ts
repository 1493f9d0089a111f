import type { Component, ComponentGroup } from '@loket/contract';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { contracts, statusComponentContracts, statusComponentGroups, statusComponents } from '../../db/schema.ts';
import { invalid, notFound } from '../../domain/app-error.ts';
import { isUuid } from '../shared/cursor.ts';

/** Components as the API shows them, by group and position; one component when `id` is given. */
export async function loadComponents(tx: Executor, id?: string): Promise<Component[]> {
  const rows = await tx
    .select({
      c: statusComponents,
      group: statusComponentGroups.name,
      contractIds: sql<string[]>`COALESCE((SELECT array_agg(cc.contract_id ORDER BY cc.contract_id)
        FROM ${statusComponentContracts} cc WHERE cc.component_id = ${statusComponents.id}), '{}')`,
    })
    .from(statusComponents)
    .leftJoin(statusComponentGroups, eq(statusComponentGroups.id, statusComponents.groupId))
    .where(id ? eq(statusComponents.id, id) : undefined)
    .orderBy(
      asc(statusComponentGroups.position),
      asc(statusComponentGroups.name),
      asc(statusComponents.position),
      asc(statusComponents.name),
    );
  return rows.map(({ c, group, contractIds }) => ({
    id: c.id as Component['id'],
    name: c.name,
    description: c.description,
    groupId: c.groupId as Component['groupId'],
    group: group ?? null,
    isPublic: c.isPublic,
    state: c.state,
    position: c.position,
    contractIds: (contractIds ?? []) as Component['contractIds'],
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  }));
}

export async function loadComponent(tx: Executor, id: string): Promise<Component> {
  if (!isUuid(id)) throw notFound('Component not found');
  const [component] = await loadComponents(tx, id.toLowerCase());
  if (!component) throw notFound('Component not found');
  return component;
}

/** The group of that name, made when there is none. */
export async function groupIdByName(tx: Executor, name: string, now: Date): Promise<string> {
  await tx.insert(statusComponentGroups).values({ name, createdAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: statusComponentGroups.id })
    .from(statusComponentGroups)
    .where(eq(statusComponentGroups.name, name));
  return row!.id;
}

export async function assertContracts(tx: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.select({ id: contracts.id }).from(contracts).where(inArray(contracts.id, ids));
  const known = new Set(found.map((c) => c.id));
  const missing = ids.filter((i) => !known.has(i));
  if (missing.length)
    throw invalid('Unknown contracts', [{ path: 'contractIds', message: `no such contract: ${missing.join(', ')}` }]);
}

export async function assertComponents(tx: Executor, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: statusComponents.id })
    .from(statusComponents)
    .where(inArray(statusComponents.id, ids));
  const known = new Set(found.map((c) => c.id));
  const missing = ids.filter((i) => !known.has(i));
  if (missing.length)
    throw invalid('Unknown components', [
      { path: 'componentIds', message: `no such component: ${missing.join(', ')}` },
    ]);
}

export const groupView = (row: typeof statusComponentGroups.$inferSelect): ComponentGroup => ({
  id: row.id as ComponentGroup['id'],
  name: row.name,
  position: row.position,
  createdAt: row.createdAt.toISOString(),
});

export const GROUP_NAME_CONFLICT = { status_component_groups_name_unique: 'A component group with this name exists' };
