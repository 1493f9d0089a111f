import type { Group } from '@loket/contract';
import { type SQL, and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { groupMembers, groups, people } from '../../../db/schema.ts';
import { invalid } from '../../../domain/app-error.ts';

/** Groups as the contract shows them, with their member ids (two queries for any number of groups). */
export async function loadGroups(tx: Executor, where?: SQL): Promise<Group[]> {
  const rows = await tx.select().from(groups).where(where).orderBy(asc(groups.name));
  if (rows.length === 0) return [];
  const members = await tx
    .select()
    .from(groupMembers)
    .where(
      inArray(
        groupMembers.groupId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(groupMembers.personId));
  return rows.map((row) => ({
    id: row.id as Group['id'],
    name: row.name,
    description: row.description,
    leadId: (row.leadId as Group['leadId']) ?? null,
    memberIds: members.filter((m) => m.groupId === row.id).map((m) => m.personId as Group['memberIds'][number]),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Members and leads of a group are active agents or admins; the ids that are not are listed in the error. */
export async function assertActiveAgents(tx: Executor, ids: string[], path: 'memberIds' | 'leadId'): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, wanted), eq(people.isActive, true), inArray(people.role, ['agent', 'admin'])));
  const ok = new Set(found.map((p) => p.id));
  const bad = wanted.filter((id) => !ok.has(id));
  if (bad.length > 0) {
    throw invalid(
      'Group members and leads must be active agents',
      bad.map((id) => ({ path, message: `${id} is not an active agent` })),
    );
  }
}

export async function replaceMembers(tx: Executor, groupId: string, memberIds: string[]): Promise<void> {
  await tx.delete(groupMembers).where(eq(groupMembers.groupId, groupId));
  const unique = [...new Set(memberIds)];
  if (unique.length > 0) await tx.insert(groupMembers).values(unique.map((personId) => ({ groupId, personId })));
}

export const NAME_CONFLICT = { groups_name_unique: 'A group with this name already exists' };
