import type { Person } from '@loket/contract';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { loadPersonForActor } from './person-view.ts';

/** One person: anyone for agents, someone of their own organisation for a manager. */
export async function getPerson({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Person> {
  const actor = requirePermission(ctx, 'person:read');
  return loadPersonForActor(ctx.db, actor, id);
}
