import type { ComponentState } from '@loket/contract';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { statusComponentIntervals, statusComponents } from '../../db/schema.ts';
import { notFound } from '../../domain/app-error.ts';
import { bumpStatusPage } from './status-page-version.ts';

export type SetComponentStateInput = { componentId: string; state: ComponentState; at: Date; reason?: string };

/**
 * Moves a component to a state at an instant, in the caller's transaction: the open state interval is closed and the
 * next one opened (the intervals are append-only; uptime is computed from them). Nothing happens when the component
 * is already in that state. Called by incidents, maintenance, the component API and monitors.
 */
export async function setComponentState(tx: Executor, input: SetComponentStateInput): Promise<void> {
  const [component] = await tx
    .select({ state: statusComponents.state })
    .from(statusComponents)
    .where(eq(statusComponents.id, input.componentId))
    .for('update');
  if (!component) throw notFound('Component not found');
  const [open] = await tx
    .select({ id: statusComponentIntervals.id, startedAt: statusComponentIntervals.startedAt })
    .from(statusComponentIntervals)
    .where(and(eq(statusComponentIntervals.componentId, input.componentId), isNull(statusComponentIntervals.endedAt)));
  if (component.state === input.state && open) return;
  // An instant before the open interval's start (a late monitor result) counts from that start: history is not rewritten.
  const at = open && input.at < open.startedAt ? open.startedAt : input.at;
  if (open) {
    await tx.update(statusComponentIntervals).set({ endedAt: at }).where(eq(statusComponentIntervals.id, open.id));
  }
  await tx.insert(statusComponentIntervals).values({
    componentId: input.componentId,
    state: input.state,
    startedAt: at,
    reason: input.reason ?? null,
  });
  await tx
    .update(statusComponents)
    .set({ state: input.state, updatedAt: at })
    .where(eq(statusComponents.id, input.componentId));
  await bumpStatusPage(tx, at);
}
