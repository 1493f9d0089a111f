import { AppError } from '../../domain/app-error.ts';
import { isAgent } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import type { StatusViewer } from './load-status-snapshot.ts';
import { type StatusView, getStatusView } from './status-view-cache.ts';

/** The public page: public components, published incidents and maintenance touching them. */
export const getPublicStatusView = (ctx: ServiceContext): Promise<StatusView> => getStatusView(ctx, { kind: 'public' });

/**
 * A logged-in person's page: customers see the public components and those of their organisation's contracts;
 * agents see every component. Never another organisation's private components.
 */
export async function getMyStatusView(ctx: ServiceContext): Promise<StatusView> {
  if (ctx.actor.kind !== 'person') throw new AppError('unauthenticated', 'Log in first');
  const viewer: StatusViewer = isAgent(ctx.actor)
    ? { kind: 'all' }
    : { kind: 'organisation', organisationId: ctx.actor.organisationId };
  return getStatusView(ctx, viewer);
}
