import { isAgentRole } from '@loket/contract';
import type { z } from 'zod';
import { AppError, forbidden } from '../domain/app-error.ts';
import { type Permission, roleCan } from '../domain/permissions.ts';
import type { PersonActor, ServiceContext } from './context.ts';

/** First line of every verb: who is asking, and may their role do this at all. */
export function requirePermission(ctx: ServiceContext, permission: Permission): PersonActor {
  if (ctx.actor.kind !== 'person') throw new AppError('unauthenticated', 'Log in first');
  if (!roleCan(ctx.actor.role, permission)) throw forbidden();
  return ctx.actor;
}

export const isAgent = (actor: PersonActor): boolean => isAgentRole(actor.role);

/** Parses input with a contract schema; problems become one `invalid` error listing every issue. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new AppError(
    'invalid',
    'The request is not valid',
    result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}
