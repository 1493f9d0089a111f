import type { Subscription } from '@loket/contract';
import type { StatusSubscriptionRow } from '../../db/schema.ts';

export const subscriptionView = (row: StatusSubscriptionRow): Subscription => ({
  id: row.id as Subscription['id'],
  kind: row.kind,
  email: row.email,
  url: row.url,
  componentIds: row.componentIds as Subscription['componentIds'],
  isConfirmed: row.confirmedAt !== null,
  createdAt: row.createdAt.toISOString(),
});
