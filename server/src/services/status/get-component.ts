import type { Component } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadComponent } from './component-view.ts';

export async function getComponent({ ctx, id }: { ctx: ServiceContext; id: string }): Promise<Component> {
  requirePermission(ctx, 'status:write');
  return loadComponent(ctx.db, id);
}
