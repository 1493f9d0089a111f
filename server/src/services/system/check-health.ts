import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';

/** Healthy means the database answers. */
export async function checkHealth({ ctx }: { ctx: ServiceContext }): Promise<{ status: 'ok' }> {
  await ctx.db.execute(sql`SELECT 1`);
  return { status: 'ok' };
}
