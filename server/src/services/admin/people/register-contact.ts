import { type Person, RegisterContactInput } from '@loket/contract';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { findOrRegisterContact } from '../../people/find-or-register-contact.ts';
import { toPerson } from './person-view.ts';

/**
 * An agent registers a contact from nothing but an e-mail address (a phone call from someone new): they join the
 * organisation owning the domain, or the one for unmatched senders. A known address answers the person it names.
 */
export async function registerContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: unknown;
}): Promise<{ person: Person; registered: boolean }> {
  requirePermission(ctx, 'person:register');
  const data = parseInput(RegisterContactInput, input);
  const found = await ctx.db.transaction((tx) => findOrRegisterContact(ctx, tx, data));
  return { person: toPerson(found.person), registered: found.registered };
}
